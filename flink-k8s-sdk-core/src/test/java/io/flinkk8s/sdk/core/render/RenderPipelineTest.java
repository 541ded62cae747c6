package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.render.step.PodSecurityStep;
import io.flinkk8s.sdk.core.render.step.ServicesStep;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;

class RenderPipelineTest {

    private static final RenderContext CTX =
            RenderFixtures.context(RenderFixtures.minimalApplication());

    /** A step that records its id (and whether it saw pod drafts) as an advisory. */
    private static RenderStep recording(String id, Phase phase) {
        return step(
                id,
                phase,
                ctx -> true,
                (ctx, in) -> in.withAdvisory(new Advisory(id, "pods=" + in.hasPodDrafts())));
    }

    private static RenderStep step(
            String id,
            Phase phase,
            Predicate<RenderContext> applies,
            BiFunction<RenderContext, Rendering, Rendering> apply) {
        return new RenderStep() {
            @Override
            public StepId id() {
                return StepId.of(id);
            }

            @Override
            public Phase phase() {
                return phase;
            }

            @Override
            public boolean appliesTo(RenderContext ctx) {
                return applies.test(ctx);
            }

            @Override
            public Rendering apply(RenderContext ctx, Rendering in) {
                return apply.apply(ctx, in);
            }
        };
    }

    @Test
    void standaloneListsTheBuiltInStepsInOrder() {
        assertThat(RenderPipeline.standalone().ids())
                .extracting(StepId::value)
                .containsExactly(
                        "flink-config",
                        "high-availability",
                        "checkpointing",
                        "storage-config",
                        "reactive-mode",
                        "network-policy-data-port",
                        "prometheus-reporter",
                        "tls-config",
                        "user-flink-config",
                        "pod-template",
                        "pod-base",
                        "pod-security",
                        "pod-command",
                        "flink-config-mount",
                        "container-filesystem",
                        "image-pull-secrets",
                        "probes",
                        "storage",
                        "scheduling",
                        "metrics-port",
                        "flink-config-map",
                        "jobmanager-deployment",
                        "taskmanager-deployment",
                        "service-account",
                        "rbac",
                        "services",
                        "ingress",
                        "horizontal-pod-autoscaler",
                        "pod-disruption-budgets",
                        "network-policy",
                        "pod-monitor",
                        "persistent-volume-claim",
                        "tenancy");
    }

    @Test
    void runsStepsByPhaseThenListOrderAndHidesPodsFromConfigureSteps() {
        RenderPipeline pipeline =
                RenderPipeline.of(
                        List.of(
                                recording("accompany-a", Phase.ACCOMPANY),
                                recording("pod-a", Phase.POD),
                                recording("configure-a", Phase.CONFIGURE),
                                recording("pod-b", Phase.POD),
                                recording("assemble-a", Phase.ASSEMBLE),
                                recording("configure-b", Phase.CONFIGURE)));

        assertThat(pipeline.run(CTX).advisories())
                .extracting(Advisory::toString)
                .containsExactly(
                        "configure-a: pods=false",
                        "configure-b: pods=false",
                        "pod-a: pods=true",
                        "pod-b: pods=true",
                        "assemble-a: pods=true",
                        "accompany-a: pods=true");
    }

    @Test
    void skipsStepsThatDoNotApply() {
        RenderPipeline pipeline =
                RenderPipeline.of(
                        List.of(
                                step(
                                        "never",
                                        Phase.POD,
                                        ctx -> false,
                                        (ctx, in) -> in.withAdvisory(new Advisory("x", "ran")))));

        assertThat(pipeline.run(CTX).advisories()).isEmpty();
    }

    @Test
    void withoutReplacingAndWithReturnNewPipelines() {
        // given
        RenderPipeline standalone = RenderPipeline.standalone();
        // when
        RenderPipeline changed =
                standalone
                        .without(ServicesStep.ID)
                        .replacing(PodSecurityStep.ID, recording("pod-security", Phase.POD))
                        .with(recording("my-step", Phase.ACCOMPANY));
        // then
        assertThat(standalone.ids()).contains(ServicesStep.ID).doesNotContain(StepId.of("my-step"));
        assertThat(changed.ids())
                .doesNotContain(ServicesStep.ID)
                .contains(PodSecurityStep.ID)
                .endsWith(StepId.of("my-step"));
        assertThat(changed.steps().get(changed.ids().indexOf(PodSecurityStep.ID)))
                .isNotInstanceOf(PodSecurityStep.class);
    }

    @Test
    void unknownStepIdsAreRejectedWithTheKnownIds() {
        assertThatThrownBy(() -> RenderPipeline.standalone().without(StepId.of("sidecars")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no step 'sidecars'")
                .hasMessageContaining("pod-security");
    }

    @Test
    void aSecondStepWithTheSameIdIsRejected() {
        assertThatThrownBy(
                        () ->
                                RenderPipeline.standalone()
                                        .with(recording("services", Phase.ACCOMPANY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'services' is already listed");
    }

    @Test
    void aPodStepThatChangesTheConfigFailsNamingTheStep() {
        RenderPipeline pipeline =
                RenderPipeline.of(
                        List.of(
                                step(
                                        "late-config",
                                        Phase.POD,
                                        ctx -> true,
                                        (ctx, in) ->
                                                in.withConfig(
                                                        CoreOptions.DEFAULT_PARALLELISM, 3))));

        assertThatThrownBy(() -> pipeline.run(CTX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'late-config' (POD) changed the Flink config");
    }

    @Test
    void anAssembleStepThatEditsAPodFailsNamingTheStep() {
        RenderPipeline pipeline =
                RenderPipeline.of(
                        List.of(
                                step(
                                        "late-pod",
                                        Phase.ASSEMBLE,
                                        ctx -> true,
                                        (ctx, in) ->
                                                in.mapTaskManagerPod(
                                                        d ->
                                                                d.editMainContainer(
                                                                        c -> c.withImage("x"))))));

        assertThatThrownBy(() -> pipeline.run(CTX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'late-pod' (ASSEMBLE) changed a pod draft");
    }

    @Test
    void aConfigureStepThatCreatesPodsFailsNamingTheStep() {
        RenderPipeline pipeline =
                RenderPipeline.of(
                        List.of(
                                step(
                                        "early-pods",
                                        Phase.CONFIGURE,
                                        ctx -> true,
                                        (ctx, in) ->
                                                in.withPodDrafts(
                                                        PodDraft.empty(), PodDraft.empty()))));

        assertThatThrownBy(() -> pipeline.run(CTX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'early-pods' (CONFIGURE) created pod drafts");
    }
}
