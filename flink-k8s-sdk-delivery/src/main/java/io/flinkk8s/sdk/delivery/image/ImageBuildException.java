package io.flinkk8s.sdk.delivery.image;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A job image could not be built: its input is wrong (every problem listed in {@link
 * #violations()}, found before anything is read from a registry or written), the base image cannot
 * be read, or the destination refused it. Nothing is left half-written: a tar is written beside its
 * destination and moved into place only when complete.
 */
public class ImageBuildException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    /** A failure of the build itself, described by {@code message}, caused by {@code cause}. */
    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
        this.violations = List.of();
    }

    /** Input that cannot make an image: every problem, each with the field it is about. */
    public ImageBuildException(List<Violation> violations) {
        super(
                "the job image cannot be built: "
                        + violations.stream()
                                .map(v -> v.path() + ": " + v.message())
                                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** The problems with the input, each with its field; empty for other failures. */
    public List<Violation> violations() {
        return violations;
    }
}
