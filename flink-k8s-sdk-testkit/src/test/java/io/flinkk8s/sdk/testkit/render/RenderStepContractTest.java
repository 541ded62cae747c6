package io.flinkk8s.sdk.testkit.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.ProbesStep;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.Specs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RenderStepContractTest {

    /**
     * Specs that reach the branches of the built-in steps (HA and RBAC, env from a Secret, an HPA
     * with custom probes and budgets, Flink 1.x with a suspended job and a sidecar, the operator
     * target's modes), under {@code contract-specs/}: the core's render samples.
     */
    private static final List<String> STANDALONE_SAMPLES =
            List.of(
                    "minimal-application",
                    "stateful-ha-application",
                    "session",
                    "autoscaled-application",
                    "hardened-application",
                    "flink-1.20-suspended-with-sidecar");

    private static final List<String> OPERATOR_SAMPLES =
            List.of(
                    "operator-minimal-application",
                    "operator-stateful-ha-application",
                    "operator-session",
                    "operator-hpa-application",
                    "operator-flink-1.20-suspended-with-sidecar",
                    "operator-autoscaled-with-probes-and-budgets",
                    "operator-hardened-application");

    static Stream<Arguments> builtInSteps() {
        List<Arguments> args = new ArrayList<>();
        FlinkDeploymentSpec operator = Specs.orders().withTarget(RenderTarget.OPERATOR);
        for (RenderStep step : RenderPipeline.standalone().steps()) {
            args.add(Arguments.of("standalone", step, RenderPipeline.standalone(), Specs.orders()));
            args.add(
                    Arguments.of("standalone", step, RenderPipeline.standalone(), Specs.session()));
            for (String sample : STANDALONE_SAMPLES) {
                args.add(Arguments.of(sample, step, RenderPipeline.standalone(), sample(sample)));
            }
        }
        for (RenderStep step : RenderPipeline.operator().steps()) {
            args.add(Arguments.of("operator", step, RenderPipeline.operator(), operator));
            for (String sample : OPERATOR_SAMPLES) {
                args.add(Arguments.of(sample, step, RenderPipeline.operator(), sample(sample)));
            }
        }
        return args.stream();
    }

    private static FlinkDeploymentSpec sample(String name) {
        String path = "/contract-specs/" + name + ".yaml";
        try (InputStream in = RenderStepContractTest.class.getResourceAsStream(path)) {
            return SpecSerialization.fromYaml(
                    new String(Objects.requireNonNull(in, path).readAllBytes(), UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("builtInSteps")
    void everyBuiltInStepKeepsTheContract(
            String target, RenderStep step, RenderPipeline pipeline, FlinkDeploymentSpec spec) {
        assertThatCode(() -> RenderStepContract.check(step, pipeline, spec))
                .doesNotThrowAnyException();
    }

    @Test
    void aStepThatChangesASharedNestedObjectOfItsInputIsCaught() {
        // given: a POD step that edits the resources object its one-level copy shares with the
        // input, which PodDraft.setOnMainContainer forbids
        RenderStep mutating =
                step(
                        Phase.POD,
                        (ctx, in) ->
                                in.mapPod(
                                        Component.TASK_MANAGER,
                                        d ->
                                                d.setOnMainContainer(
                                                        c ->
                                                                c.getResources()
                                                                        .getLimits()
                                                                        .put(
                                                                                "nvidia.com/gpu",
                                                                                new Quantity(
                                                                                        "1")))));
        // when / then
        assertThatThrownBy(
                        () ->
                                RenderStepContract.check(
                                        mutating, RenderPipeline.standalone(), Specs.orders()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("step 'test-step' must not change the rendering it is handed")
                .hasMessageContaining("nvidia.com/gpu");
    }

    @Test
    void aStepWhoseOutputDiffersBetweenRunsIsCaught() {
        AtomicInteger runs = new AtomicInteger();
        RenderStep counting =
                step(
                        Phase.ACCOMPANY,
                        (ctx, in) ->
                                in.withResource(
                                        configMap(
                                                ctx, Map.of("run", "" + runs.incrementAndGet()))));

        assertThatThrownBy(
                        () ->
                                RenderStepContract.check(
                                        counting, RenderPipeline.standalone(), Specs.orders()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("step 'test-step' must give equal output on every run");
    }

    @Test
    void anEmittedObjectWithoutTheRecommendedLabelsIsCaught() {
        RenderStep unlabelled =
                step(
                        Phase.ACCOMPANY,
                        (ctx, in) -> {
                            ConfigMap cm = configMap(ctx, Map.of());
                            cm.getMetadata().setLabels(Map.of("team", "payments"));
                            return in.withResource(cm);
                        });

        assertThatThrownBy(
                        () ->
                                RenderStepContract.check(
                                        unlabelled, RenderPipeline.standalone(), Specs.orders()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("labels of ConfigMap")
                .hasMessageContaining("app.kubernetes.io/name");
    }

    @Test
    void anObjectInAnotherNamespaceIsCaught() {
        RenderStep elsewhere =
                step(
                        Phase.ACCOMPANY,
                        (ctx, in) -> {
                            ConfigMap cm = configMap(ctx, Map.of());
                            cm.getMetadata().setNamespace("kube-system");
                            return in.withResource(cm);
                        });

        assertThatThrownBy(
                        () ->
                                RenderStepContract.check(
                                        elsewhere, RenderPipeline.standalone(), Specs.orders()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("namespace of ConfigMap")
                .hasMessageContaining("kube-system");
    }

    @Test
    void aStepThatEmitsAnObjectABuiltInStepEmitsBreaksThePipeline() {
        RenderStep clashing =
                step(
                        Phase.ACCOMPANY,
                        (ctx, in) -> {
                            ConfigMap cm = configMap(ctx, Map.of());
                            cm.getMetadata().setName(ctx.names().configMap());
                            return in.withResource(cm);
                        });

        assertThatThrownBy(
                        () ->
                                RenderStepContract.check(
                                        clashing, RenderPipeline.standalone(), Specs.orders()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-step");
    }

    @Test
    void aReplacementOfABuiltInStepIsCheckedInItsPlace() {
        // given: a probes step that does nothing, under the built-in one's id
        RenderStep noProbes = step(ProbesStep.ID, Phase.POD, (ctx, in) -> in);
        RenderContext ctx = RenderContext.of(Specs.orders());

        // when
        Rendering input = RenderStepContract.input(RenderPipeline.standalone(), noProbes, ctx);

        // then: the input is what the built-in steps before 'probes' make, without its probes
        assertThat(input.taskManagerPod().mainContainer().getLivenessProbe()).isNull();
        assertThatCode(
                        () ->
                                RenderStepContract.check(
                                        noProbes, RenderPipeline.standalone(), Specs.orders()))
                .doesNotThrowAnyException();
    }

    @Test
    void theInputOfAStepNotInThePipelineIsRefused() {
        RenderStep absent = step(Phase.POD, (ctx, in) -> in);

        assertThatThrownBy(
                        () ->
                                RenderStepContract.input(
                                        RenderPipeline.standalone(),
                                        absent,
                                        RenderContext.of(Specs.orders())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 'test-step' is not in the pipeline");
    }

    private static ConfigMap configMap(RenderContext ctx, Map<String, String> data) {
        ConfigMap cm = new ConfigMap();
        cm.setMetadata(ctx.metadata(ctx.spec().name() + "-extra", Component.JOB_MANAGER));
        cm.setData(data);
        return cm;
    }

    private static RenderStep step(Phase phase, BiFunction<RenderContext, Rendering, Rendering> f) {
        return step(StepId.of("test-step"), phase, f);
    }

    private static RenderStep step(
            StepId id, Phase phase, BiFunction<RenderContext, Rendering, Rendering> f) {
        return new RenderStep() {
            @Override
            public StepId id() {
                return id;
            }

            @Override
            public Phase phase() {
                return phase;
            }

            @Override
            public Rendering apply(RenderContext ctx, Rendering in) {
                return f.apply(ctx, in);
            }

            @Override
            public String toString() {
                return id.value();
            }
        };
    }
}
