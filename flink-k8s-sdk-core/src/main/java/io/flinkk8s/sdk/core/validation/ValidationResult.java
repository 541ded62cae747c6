package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import java.util.List;

/**
 * Every violation of one spec, in the order the validator visits fields (declaration order), so
 * that the list is stable and tests can compare it whole.
 *
 * @param specName the spec's name, for messages; may be null
 * @param violations never null
 */
public record ValidationResult(String specName, List<Violation> violations) {

    /** Copies the list. */
    public ValidationResult {
        violations = List.copyOf(violations);
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
            throw new InvalidSpecException(specName, violations);
        }
    }
}
