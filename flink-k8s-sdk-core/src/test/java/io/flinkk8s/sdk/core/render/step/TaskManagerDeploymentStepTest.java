package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.JobState;
import org.junit.jupiter.api.Test;

class TaskManagerDeploymentStepTest {

    private static Deployment taskManager(RenderContext ctx) {
        Rendering out =
                new TaskManagerDeploymentStep()
                        .apply(ctx, RenderFixtures.inputFor(TaskManagerDeploymentStep.ID, ctx));
        return (Deployment)
                out.resource(new ResourceKey("Deployment", ctx.names().taskManagerDeployment()))
                        .orElseThrow();
    }

    @Test
    void hasTheSpecReplicasItsOwnSelectorAndKubernetesDefaultStrategy() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());

        Deployment tm = taskManager(ctx);

        assertThat(tm.getSpec().getReplicas()).isEqualTo(3);
        assertThat(tm.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ctx.labels().selector(Component.TASK_MANAGER));
        assertThat(tm.getSpec().getStrategy()).isNull();
        assertThat(tm.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
                .isEqualTo(FlinkPorts.MAIN_CONTAINER);
    }

    @Test
    void aSuspendedJobHasNoTaskManagers() {
        var ha = RenderFixtures.statefulHaApplication();
        RenderContext ctx =
                RenderFixtures.context(
                        ha.edit().job(ha.job().withState(JobState.SUSPENDED)).build());

        assertThat(taskManager(ctx).getSpec().getReplicas()).isZero();
    }

    @Test
    void anHpaOwnsTheReplicasSoTheDeploymentLeavesThemOut() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.autoscaledApplication());

        assertThat(taskManager(ctx).getSpec().getReplicas()).isNull();
    }

    @Test
    void aSuspendedAutoscaledJobStillHasNoTaskManagers() {
        var autoscaled = RenderFixtures.autoscaledApplication();
        RenderContext ctx =
                RenderFixtures.context(
                        autoscaled
                                .edit()
                                .job(autoscaled.job().withState(JobState.SUSPENDED))
                                .build());

        assertThat(taskManager(ctx).getSpec().getReplicas()).isZero();
    }
}
