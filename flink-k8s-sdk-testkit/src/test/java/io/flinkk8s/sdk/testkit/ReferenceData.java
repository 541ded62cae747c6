package io.flinkk8s.sdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * This project's reference data for the testkit's tests: the Flink operator's full CRDs in {@code
 * shared/reference/flink-operator-crds} above the working directory. Test code only: the testkit
 * itself never reads this repository's layout.
 */
final class ReferenceData {

    private static final Path OPERATOR_CRDS =
            Paths.get("shared", "reference", "flink-operator-crds");

    private ReferenceData() {}

    /** The operator CRD folder above the working directory, if any. */
    static Optional<Path> operatorCrdDirectory() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(OPERATOR_CRDS);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test when the folder is absent, or fails it on CI. */
    static void requireOperatorCrds() {
        if (operatorCrdDirectory().isPresent()) {
            return;
        }
        String message =
                "shared/reference/flink-operator-crds not found above the working "
                        + "directory; this test needs the Flink operator CRDs";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
