package io.flinkk8s.sdk.core.render.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.JobState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steps of one phase touch disjoint fields, so their order within a phase does not matter. (The
 * step contract itself, for every built-in step of both targets on these specs, is checked by the
 * testkit's {@code RenderStepContractTest}: core's tests cannot depend on the testkit.)
 */
class StepOrderWithinPhaseTest {

    /** The sample specs plus a Flink 1.20, suspended variant with a sidecar template. */
    static Map<String, FlinkDeploymentSpec> specsByName() {
        Map<String, FlinkDeploymentSpec> specs = new TreeMap<>(RenderFixtures.samples());
        FlinkDeploymentSpec ha = RenderFixtures.statefulHaApplication();
        specs.put(
                "flink-1.20-suspended-with-sidecar",
                ha.edit()
                        .flinkVersion(FlinkVersion.V1_20)
                        .job(ha.job().withState(JobState.SUSPENDED))
                        .podTemplate(withSidecar())
                        .build());
        return specs;
    }

    static Stream<Arguments> specs() {
        return specsByName().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static PodTemplateSpec withSidecar() {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName("log-shipper")
                .withImage("fluent-bit:3")
                .endContainer()
                .endSpec()
                .build();
    }

    /**
     * Steps of one phase touch disjoint fields (STYLE.md B5), so their order within the phase does
     * not matter, except for two documented anchors: {@code pod-template} is the first POD step
     * (the template is the base the others decorate) and {@code user-flink-config} the last
     * CONFIGURE step (the user's values win).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void stepsWithinAPhaseGiveTheSameOutputInReverseOrder(
            String specName, FlinkDeploymentSpec spec) {
        List<RenderStep> reordered = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            List<RenderStep> steps =
                    new ArrayList<>(
                            RenderPipeline.standalone().steps().stream()
                                    .filter(s -> s.phase() == phase)
                                    .toList());
            RenderStep first = steps.get(0);
            RenderStep last = steps.get(steps.size() - 1);
            boolean anchorFirst = first.id().equals(PodTemplateStep.ID);
            boolean anchorLast = last.id().equals(UserFlinkConfigStep.ID);
            List<RenderStep> middle =
                    new ArrayList<>(
                            steps.subList(
                                    anchorFirst ? 1 : 0, steps.size() - (anchorLast ? 1 : 0)));
            Collections.reverse(middle);
            if (anchorFirst) {
                reordered.add(first);
            }
            reordered.addAll(middle);
            if (anchorLast) {
                reordered.add(last);
            }
        }

        String standard = YamlExporter.toYaml(Renderer.standalone().render(spec));
        String reversed =
                YamlExporter.toYaml(Renderer.of(RenderPipeline.of(reordered)).render(spec));

        assertThat(reversed).isEqualTo(standard);
    }
}
