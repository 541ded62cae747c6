package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import org.junit.jupiter.api.Test;

class HighAvailabilityStepTest {

    private final HighAvailabilityStep step = new HighAvailabilityStep();

    @Test
    void appliesOnlyWithKubernetesHighAvailability() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.statefulHaApplication())))
                .isTrue();
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
    }

    @Test
    void writesTypeStorageDirClusterIdAndTheNamespaceOfTheHaConfigMaps() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        var config =
                step.apply(ctx, RenderFixtures.inputFor(HighAvailabilityStep.ID, ctx))
                        .config()
                        .asMap();

        assertThat(config)
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("high-availability.storageDir", "s3://flink/payments/ha")
                .containsEntry("high-availability.cluster-id", "payments")
                .containsEntry("kubernetes.namespace", "streaming");
    }
}
