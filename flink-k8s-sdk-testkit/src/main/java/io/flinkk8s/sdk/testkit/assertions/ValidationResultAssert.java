package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldContain.shouldContain;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldSatisfy.shouldSatisfy;

import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.validation.ValidationResult;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the result of validating a spec: valid, or which violations at which paths. */
public final class ValidationResultAssert
        extends AbstractAssert<ValidationResultAssert, ValidationResult> {

    ValidationResultAssert(ValidationResult actual) {
        super(actual, ValidationResultAssert.class);
    }

    /** Checks that there is no violation. */
    public ValidationResultAssert isValid() {
        isNotNull();
        if (!actual.isValid()) {
            throwAssertionError(
                    shouldSatisfy(
                            name(),
                            violations(),
                            "be",
                            "valid",
                            "it has " + actual.violations().size() + " violation(s)"));
        }
        return this;
    }

    /** Checks that a violation at {@code path} has a message containing {@code fragment}. */
    public ValidationResultAssert hasViolation(String path, String messageFragment) {
        isNotNull();
        if (actual.violations().stream()
                .noneMatch(v -> v.path().equals(path) && v.message().contains(messageFragment))) {
            throwAssertionError(
                    shouldContain(
                            name(),
                            violations(),
                            "a violation at " + path + " mentioning \"" + messageFragment + "\"",
                            actual.violations().stream().anyMatch(v -> v.path().equals(path))
                                    ? "the violations at " + path + " say something else"
                                    : "there is none at " + path));
        }
        return this;
    }

    /** Checks the paths of all violations, exactly and in order. */
    public ValidationResultAssert hasViolationsAt(String... paths) {
        isNotNull();
        List<String> found = actual.violations().stream().map(Violation::path).toList();
        if (!found.equals(List.of(paths))) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            violations(),
                            "have violations at",
                            List.of(paths),
                            "they are at " + found));
        }
        return this;
    }

    private String name() {
        return "the validation of spec \"" + actual.specName() + "\"";
    }

    private String violations() {
        return actual.violations().isEmpty()
                ? "(no violations)"
                : String.join(
                        "\n  ", actual.violations().stream().map(Violation::toString).toList());
    }
}
