package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reasons a plan gives for what happens to the job ({@link SpecDiff}): the changed paths in the
 * spec's own notation, none for equal specs (however they were made).
 */
class SpecDiffTest {

    @Test
    void equalSpecsHaveNoChangedPathEvenWhenReadAnew() {
        FlinkDeploymentSpec spec = Specs.statefulHa();
        FlinkDeploymentSpec readAnew = SpecSerialization.fromJson(SpecSerialization.toJson(spec));

        assertThat(SpecDiff.changed(spec, spec)).isEmpty();
        assertThat(SpecDiff.changed(spec, readAnew)).isEmpty();
    }

    @Test
    void aChangedSpecNamesEachChangedPath() {
        FlinkDeploymentSpec spec = Specs.statefulHa();
        FlinkDeploymentSpec changed =
                spec.withTaskManagerReplicas(spec.taskManager().replicas() + 1)
                        .withFlinkConfiguration(Map.of("pipeline.name", "orders-v2"));

        assertThat(SpecDiff.changed(spec, changed))
                .contains("taskManager.replicas", "flinkConfiguration['pipeline.name']");
    }
}
