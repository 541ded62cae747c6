package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import org.junit.jupiter.api.Test;

class PodTemplateStepTest {

    private final PodTemplateStep step = new PodTemplateStep();

    private static PodTemplateSpec common() {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("tier", "common")
                .addToLabels("team", "payments")
                .endMetadata()
                .withNewSpec()
                .addNewToleration("NoSchedule", "common", "Exists", null, null)
                .addNewContainer()
                .withName(FlinkPorts.MAIN_CONTAINER)
                .addNewEnv()
                .withName("A")
                .withValue("common")
                .endEnv()
                .addNewEnv()
                .withName("B")
                .withValue("common")
                .endEnv()
                .endContainer()
                .endSpec()
                .build();
    }

    private static PodTemplateSpec jobManagerOwn() {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("tier", "jobmanager")
                .endMetadata()
                .withNewSpec()
                .addNewToleration("NoSchedule", "jm-only", "Exists", null, null)
                .addNewContainer()
                .withName(FlinkPorts.MAIN_CONTAINER)
                .addNewEnv()
                .withName("B")
                .withValue("jobmanager")
                .endEnv()
                .endContainer()
                .addNewContainer()
                .withName("sidecar")
                .endContainer()
                .endSpec()
                .build();
    }

    private static RenderContext ctx() {
        FlinkDeploymentSpec base = RenderFixtures.minimalApplication();
        return RenderFixtures.context(
                base.edit()
                        .podTemplate(common())
                        .jobManager(new JobManagerSpec(null, null, jobManagerOwn()))
                        .build());
    }

    @Test
    void theComponentTemplateMergesOverTheTopLevelOne() {
        // given
        RenderContext ctx = ctx();
        // when
        PodDraft jm =
                step.apply(ctx, RenderFixtures.inputFor(PodTemplateStep.ID, ctx)).jobManagerPod();
        // then
        assertThat(jm.pod().getMetadata().getLabels())
                .containsEntry("tier", "jobmanager")
                .containsEntry("team", "payments");
        assertThat(jm.pod().getSpec().getTolerations())
                .extracting(Toleration::getKey)
                .containsExactly("jm-only");
        assertThat(jm.mainContainer().getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("A", "common"), tuple("B", "jobmanager"));
        assertThat(jm.pod().getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly("sidecar");
    }

    @Test
    void theTaskManagerGetsOnlyTheTopLevelTemplate() {
        RenderContext ctx = ctx();

        PodDraft tm =
                step.apply(ctx, RenderFixtures.inputFor(PodTemplateStep.ID, ctx)).taskManagerPod();

        assertThat(tm.pod().getMetadata().getLabels()).containsEntry("tier", "common");
        assertThat(tm.pod().getSpec().getTolerations())
                .extracting(Toleration::getKey)
                .containsExactly("common");
        assertThat(tm.pod().getSpec().getContainers()).isEmpty();
    }

    @Test
    void whatTheDraftAlreadyHoldsWinsOverTheTemplate() {
        RenderContext ctx = ctx();
        Rendering decorated =
                RenderFixtures.inputFor(PodTemplateStep.ID, ctx)
                        .mapJobManagerPod(
                                d ->
                                        d.editMainContainer(
                                                c ->
                                                        c.addNewEnv()
                                                                .withName("B")
                                                                .withValue("sdk")
                                                                .endEnv()));

        PodDraft jm = step.apply(ctx, decorated).jobManagerPod();

        assertThat(jm.mainContainer().getEnv())
                .filteredOn(e -> e.getName().equals("B"))
                .extracting(EnvVar::getValue)
                .containsExactly("sdk");
    }

    @Test
    void appliesOnlyWithATemplate() {
        assertThat(step.appliesTo(RenderFixtures.context(RenderFixtures.minimalApplication())))
                .isFalse();
        assertThat(step.appliesTo(ctx())).isTrue();
    }
}
