package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointingStepTest {

    private final CheckpointingStep step = new CheckpointingStep();

    @Test
    void writesIntervalAndBothDirectories() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        var config = step.apply(ctx, RenderFixtures.inputFor(CheckpointingStep.ID, ctx)).config();

        assertThat(config.asMap())
                .containsEntry("execution.checkpointing.interval", "30 s")
                .containsEntry("execution.checkpointing.dir", "s3://flink/payments/checkpoints")
                .containsEntry(
                        "execution.checkpointing.savepoint-dir", "s3://flink/payments/savepoints");
    }

    @Test
    void writesOnlyWhatIsSet() {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        RenderContext ctx =
                RenderFixtures.context(
                        FlinkDeploymentSpec.named(spec.name())
                                .edit()
                                .job(spec.job())
                                .checkpointing(
                                        new CheckpointingSpec(Duration.ofMinutes(1), null, null))
                                .build());

        Rendering out = step.apply(ctx, Rendering.empty());

        assertThat(out.config().asMap())
                .containsOnlyKeys("execution.checkpointing.interval")
                .containsEntry("execution.checkpointing.interval", "1 min");
    }

    @Test
    void appliesOnlyWhenSomethingIsSet() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
    }
}
