package io.flinkk8s.sdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Skips a test when the shared reference folder is absent, or fails it on CI. */
final class ReferenceData {

    private ReferenceData() {}

    static void requireOperatorCrds() {
        if (CustomResourceDefinitions.findOperatorCrdDirectory().isPresent()) {
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
