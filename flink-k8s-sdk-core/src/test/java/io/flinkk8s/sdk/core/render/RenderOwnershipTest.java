package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import org.junit.jupiter.api.Test;

/**
 * A render shares its objects between the pipeline's final rendering and the rendered resources
 * instead of copying them; these tests show that no caller and no step can reach them.
 */
class RenderOwnershipTest {

    private static final FlinkDeploymentSpec SPEC = RenderFixtures.statefulHaApplication();

    @Test
    void changingARenderedDeploymentLeavesTheRenderedResourcesUnchanged() {
        // given
        RenderedResources rendered = Renderer.standalone().render(SPEC);
        String before = YamlExporter.toYaml(rendered);
        String name = ResourceNames.of(SPEC.name()).jobManagerDeployment();
        // when
        Deployment mine = rendered.deployment(name);
        mine.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("changed");
        mine.getSpec().getTemplate().getMetadata().getLabels().put("x", "y");
        rendered.all().forEach(o -> o.getMetadata().getLabels().clear());
        // then
        assertThat(YamlExporter.toYaml(rendered)).isEqualTo(before);
    }

    @Test
    void aStepThatChangesWhatItEmittedAfterwardsChangesNothingRendered() {
        // given
        ConfigMap[] kept = new ConfigMap[1];
        RenderStep meddler =
                new RenderStep() {
                    @Override
                    public StepId id() {
                        return StepId.of("meddler");
                    }

                    @Override
                    public Phase phase() {
                        return Phase.ACCOMPANY;
                    }

                    @Override
                    public Rendering apply(RenderContext ctx, Rendering in) {
                        kept[0] =
                                new ConfigMapBuilder()
                                        .withMetadata(in.resources().get(0).getMetadata())
                                        .editMetadata()
                                        .withName("extra")
                                        .endMetadata()
                                        .addToData("k", "v")
                                        .build();
                        return in.withResource(kept[0]);
                    }
                };
        RenderedResources rendered =
                Renderer.of(RenderPipeline.standalone().with(meddler)).render(SPEC);
        String before = YamlExporter.toYaml(rendered);
        // when
        kept[0].getData().put("k", "changed after emitting");
        kept[0].getMetadata().getLabels().put("x", "y");
        // then
        assertThat(YamlExporter.toYaml(rendered)).isEqualTo(before);
        assertThat(rendered.configMap("extra").getData()).containsEntry("k", "v");
    }

    @Test
    void eachRenderHandsOutItsOwnPodTemplates() {
        // given
        String name = ResourceNames.of(SPEC.name()).taskManagerDeployment();
        Deployment first = Renderer.standalone().render(SPEC).deployment(name);
        // when
        first.getSpec().getTemplate().getMetadata().getLabels().clear();
        Deployment second = Renderer.standalone().render(SPEC).deployment(name);
        // then
        assertThat(second.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(ResourceLabels.COMPONENT, Component.TASK_MANAGER.labelValue());
    }
}
