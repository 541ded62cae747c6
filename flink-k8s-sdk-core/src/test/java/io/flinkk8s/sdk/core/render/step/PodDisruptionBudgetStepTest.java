package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import org.junit.jupiter.api.Test;

class PodDisruptionBudgetStepTest {

    private final PodDisruptionBudgetStep step = new PodDisruptionBudgetStep();

    private Rendering render(FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        return step.apply(ctx, RenderFixtures.inputFor(PodDisruptionBudgetStep.ID, ctx));
    }

    private static PodDisruptionBudget budget(Rendering out, String name) {
        return (PodDisruptionBudget)
                out.resource(new ResourceKey("PodDisruptionBudget", name)).orElseThrow();
    }

    @Test
    void eachComponentGetsABudgetSelectingItsPodsBySelectorLabelsOnly() {
        FlinkDeploymentSpec spec = RenderFixtures.autoscaledApplication();
        RenderContext ctx = RenderFixtures.context(spec);

        Rendering out = render(spec);

        PodDisruptionBudget jm = budget(out, ctx.names().jobManagerDisruptionBudget());
        PodDisruptionBudget tm = budget(out, ctx.names().taskManagerDisruptionBudget());
        assertThat(jm.getApiVersion()).isEqualTo("policy/v1");
        assertThat(jm.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ctx.labels().selector(Component.JOB_MANAGER));
        assertThat(tm.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ctx.labels().selector(Component.TASK_MANAGER));
        assertThat(jm.getMetadata().getLabels())
                .isEqualTo(ctx.labels().common(Component.JOB_MANAGER));
        assertThat(jm.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(tm.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(tm.getSpec().getMinAvailable()).isNull();
    }

    @Test
    void userLabelsNeverReachTheSelector() {
        FlinkDeploymentSpec spec =
                RenderFixtures.statefulHaApplication()
                        .withDisruption(new DisruptionPolicy("0", "2"));
        RenderContext ctx = RenderFixtures.context(spec);

        PodDisruptionBudget tm = budget(render(spec), ctx.names().taskManagerDisruptionBudget());

        assertThat(tm.getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(tm.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
        assertThat(tm.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(2));
    }

    @Test
    void appliesOnlyWhenABudgetIsSet() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.autoscaledApplication())))
                .isTrue();
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
    }
}
