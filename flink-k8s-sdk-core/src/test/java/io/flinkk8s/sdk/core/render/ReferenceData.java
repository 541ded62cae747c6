package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared reference data ({@code shared/reference}) by walking up from the working
 * directory. Without it a test is skipped with a clear message, except on CI ({@code CI=true}),
 * where it fails: there the data must be present.
 */
public final class ReferenceData {

    private ReferenceData() {}

    /** {@code shared/reference/<relative>}, or the test is skipped (failed on CI). */
    public static Path require(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/reference").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        String message =
                "reference data shared/reference/"
                        + relative
                        + " not found above "
                        + Path.of("").toAbsolutePath();
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (required on CI)");
        }
        Assumptions.abort(message + "; skipping");
        throw new AssertionError("unreachable");
    }
}
