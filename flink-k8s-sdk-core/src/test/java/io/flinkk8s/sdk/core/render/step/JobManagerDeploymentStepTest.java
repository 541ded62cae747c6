package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import org.junit.jupiter.api.Test;

class JobManagerDeploymentStepTest {

    private static Deployment jobManager(RenderContext ctx, Rendering in) {
        Rendering out = new JobManagerDeploymentStep().apply(ctx, in);
        return (Deployment)
                out.resource(new ResourceKey("Deployment", ctx.names().jobManagerDeployment()))
                        .orElseThrow();
    }

    private static Boolean automount(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken();
    }

    @Test
    void wrapsTheDraftWithSelectorRecreateAndTheConfigHash() {
        // given
        RenderContext ctx = RenderFixtures.context(RenderFixtures.statefulHaApplication());
        Rendering in = RenderFixtures.inputFor(JobManagerDeploymentStep.ID, ctx);
        // when
        Deployment jm = jobManager(ctx, in);
        // then
        assertThat(jm.getSpec().getReplicas()).isEqualTo(1);
        assertThat(jm.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ctx.labels().selector(Component.JOB_MANAGER));
        assertThat(jm.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(jm.getSpec().getTemplate().getSpec().getContainers().get(0))
                .isEqualTo(in.jobManagerPod().mainContainer());
        ConfigMap cm =
                (ConfigMap)
                        in.resource(new ResourceKey("ConfigMap", ctx.names().configMap()))
                                .orElseThrow();
        assertThat(jm.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(
                        FlinkConfigMapStep.CONFIG_HASH_ANNOTATION,
                        FlinkConfigFiles.sha256(cm.getData().get("config.yaml")));
    }

    @Test
    void withoutHighAvailabilityPodsGetNoApiTokenUnlessTheTemplateAsksForOne() {
        RenderContext ctx = RenderFixtures.context(RenderFixtures.minimalApplication());
        Rendering in = RenderFixtures.inputFor(JobManagerDeploymentStep.ID, ctx);
        Rendering wantsToken =
                in.mapJobManagerPod(
                        d ->
                                d.editPod(
                                        p ->
                                                p.editSpec()
                                                        .withAutomountServiceAccountToken(true)
                                                        .endSpec()));

        assertThat(automount(jobManager(ctx, in))).isFalse();
        assertThat(automount(jobManager(ctx, wantsToken))).isTrue();
    }
}
