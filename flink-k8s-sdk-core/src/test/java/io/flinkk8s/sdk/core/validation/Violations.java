package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.List;

/** The validator's verdict as {@code path: message, was value} lines, to compare whole lists. */
final class Violations {

    private Violations() {}

    static List<String> of(FlinkDeploymentSpec spec) {
        return SpecValidator.validate(spec).violations().stream().map(Violation::toString).toList();
    }
}
