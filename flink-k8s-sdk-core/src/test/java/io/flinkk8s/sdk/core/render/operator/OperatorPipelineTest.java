package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.PodTemplateStep;
import io.flinkk8s.sdk.core.render.step.UserFlinkConfigStep;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorPipelineTest {

    /** The operator samples plus a Flink 1.20, suspended variant with a sidecar and env. */
    static Map<String, FlinkDeploymentSpec> specsByName() {
        Map<String, FlinkDeploymentSpec> specs = new TreeMap<>(RenderFixtures.operatorSamples());
        FlinkDeploymentSpec app = specs.get("operator-stateful-ha-application");
        specs.put(
                "operator-flink-1.20-suspended-with-sidecar",
                app.edit()
                        .flinkVersion(FlinkVersion.V1_20)
                        .job(app.job().withState(JobState.SUSPENDED))
                        .env(List.of(EnvVarSpec.fromConfigMap("HOST", "db", "host")))
                        .podTemplate(
                                new PodTemplateSpecBuilder()
                                        .withNewSpec()
                                        .addNewContainer()
                                        .withName("log-shipper")
                                        .withImage("fluent-bit:3")
                                        .endContainer()
                                        .endSpec()
                                        .build())
                        .build());
        specs.put(
                "operator-autoscaled-with-probes-and-budgets",
                app.edit()
                        .autoscaling(
                                AutoscalingPolicy.none()
                                        .withStrategy(AutoscalingStrategy.OPERATOR_AUTOSCALER))
                        .probes(
                                new ProbePolicy(
                                        ProbeSpec.custom(
                                                new ProbeBuilder()
                                                        .withNewHttpGet()
                                                        .withPath("/config")
                                                        .withPort(new IntOrString("rest"))
                                                        .endHttpGet()
                                                        .withPeriodSeconds(2)
                                                        .build()),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null))
                        .disruption(new DisruptionPolicy("1", null))
                        .build());
        return specs;
    }

    static Stream<Arguments> specs() {
        return specsByName().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void theOperatorPipelineListsItsStepsByPhase() {
        assertThat(RenderPipeline.operator().ids())
                .extracting(StepId::value)
                .containsExactly(
                        "flink-config",
                        "high-availability",
                        "checkpointing",
                        "storage-config",
                        "operator-autoscaler",
                        "reactive-mode",
                        "rest-service",
                        "network-policy-data-port",
                        "prometheus-reporter",
                        "user-flink-config",
                        "pod-template",
                        "pod-base",
                        "pod-security",
                        "container-filesystem",
                        "image-pull-secrets",
                        "probes",
                        "storage",
                        "scheduling",
                        "metrics-port",
                        "flink-deployment",
                        "horizontal-pod-autoscaler",
                        "pod-disruption-budgets",
                        "network-policy",
                        "pod-monitor",
                        "persistent-volume-claim",
                        "tenancy");
        assertThat(RenderPipeline.operator().steps())
                .extracting(RenderStep::phase)
                .containsExactly(
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.CONFIGURE,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.POD,
                        Phase.ASSEMBLE,
                        Phase.ACCOMPANY,
                        Phase.ACCOMPANY,
                        Phase.ACCOMPANY,
                        Phase.ACCOMPANY,
                        Phase.ACCOMPANY,
                        Phase.ACCOMPANY);
    }

    /**
     * Steps of one phase touch disjoint fields, so their order within the phase does not matter,
     * except for the anchors {@code pod-template} (first POD step) and {@code user-flink-config}
     * (last CONFIGURE step).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void stepsWithinAPhaseGiveTheSameOutputInReverseOrder(
            String specName, FlinkDeploymentSpec spec) {
        List<RenderStep> reordered = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            List<RenderStep> steps =
                    new ArrayList<>(
                            RenderPipeline.operator().steps().stream()
                                    .filter(s -> s.phase() == phase)
                                    .toList());
            if (steps.isEmpty()) {
                continue;
            }
            boolean anchorFirst = steps.get(0).id().equals(PodTemplateStep.ID);
            boolean anchorLast = steps.get(steps.size() - 1).id().equals(UserFlinkConfigStep.ID);
            List<RenderStep> middle =
                    new ArrayList<>(
                            steps.subList(
                                    anchorFirst ? 1 : 0, steps.size() - (anchorLast ? 1 : 0)));
            Collections.reverse(middle);
            if (anchorFirst) {
                reordered.add(steps.get(0));
            }
            reordered.addAll(middle);
            if (anchorLast) {
                reordered.add(steps.get(steps.size() - 1));
            }
        }
        Renderer reversed =
                Renderer.defaults().with(RenderTarget.OPERATOR, RenderPipeline.of(reordered));

        assertThat(YamlExporter.toYaml(reversed.render(spec)))
                .isEqualTo(YamlExporter.toYaml(Renderer.defaults().render(spec)));
    }
}
