package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import java.util.List;
import java.util.Objects;

/**
 * Every violation of one spec, in the order the validator visits fields (declaration order), so
 * that the list is stable and tests can compare it whole.
 *
 * @param specKind the spec's type, for messages: {@code FlinkDeploymentSpec} or {@code
 *     FlinkSessionJobSpec}
 * @param specName the spec's name, for messages; may be null
 * @param violations never null
 */
public record ValidationResult(String specKind, String specName, List<Violation> violations) {

    /** Copies the list. */
    public ValidationResult {
        Objects.requireNonNull(specKind, "specKind");
        violations = List.copyOf(violations);
    }

    /** The violations of the {@code FlinkDeploymentSpec} called {@code specName}. */
    public ValidationResult(String specName, List<Violation> violations) {
        this("FlinkDeploymentSpec", specName, violations);
    }

    /** Whether there is nothing to report. */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * Does nothing for a valid spec.
     *
     * @throws InvalidSpecException listing every violation, when there is any
     */
    public void throwIfInvalid() {
        if (!isValid()) {
            throw new InvalidSpecException(specKind, specName, violations);
        }
    }
}
