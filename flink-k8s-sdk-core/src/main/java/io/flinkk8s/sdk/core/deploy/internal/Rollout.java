package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.KindRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.job.ObjectWriter;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The objects of one apply: renders a spec with its job's start and a kept TaskManager count, lists
 * what the cluster holds of the deployment, compares, and applies the difference. The reconciler
 * writes an apply without a job move with it; the job transitions redeploy from a savepoint with it
 * (as their {@link ObjectWriter}). The state record is the caller's to write.
 */
final class Rollout implements ObjectWriter {

    private final DeployerContext ctx;
    private final UnaryOperator<RenderedResources> adjust;

    Rollout(DeployerContext ctx) {
        this(ctx, UnaryOperator.identity());
    }

    private Rollout(DeployerContext ctx, UnaryOperator<RenderedResources> adjust) {
        this.ctx = ctx;
        this.adjust = adjust;
    }

    /**
     * This rollout with {@code adjust} applied to every rendering before it is compared and
     * written: how an operator-target rollback sets the {@code FlinkDeployment}'s one-off {@code
     * job.savepointRedeployNonce}, which the spec does not hold.
     */
    Rollout adjusting(UnaryOperator<RenderedResources> adjust) {
        return new Rollout(ctx, adjust);
    }

    /**
     * What one apply would write.
     *
     * @param resources the rendered objects
     * @param live what the cluster holds of them
     * @param plan the difference
     * @param held may be null: the TaskManager count kept since autoscaling was turned off
     * @param start may be null (a session cluster): what the job starts from
     */
    record Desired(
            RenderedResources resources, Live live, ApplyPlan plan, Integer held, JobStart start) {}

    /**
     * Renders, lists what the cluster holds and compares. When autoscaling was just turned off the
     * count to keep comes from the listed TaskManager Deployment, so the spec is rendered again
     * with it (the same kinds: nothing more is listed).
     *
     * @param state the deployment's state record, if any (a deleted one too)
     * @param known what was listed already
     * @param scaledByHand whether the caller set the TaskManager count ({@code handle.scale})
     */
    Desired desired(
            EffectiveSpec effective,
            Optional<StateRecord> state,
            Live known,
            boolean scaledByHand) {
        JobStart start = JobStarts.of(effective, state);
        RenderedResources resources = render(effective, start);
        Live live = readOwned(effective, state, resources, known);
        Optional<StateRecord> active = state.filter(s -> s.deletedAt() == null);
        Integer held = TaskManagerHold.decide(effective, active, live, scaledByHand);
        if (held != null) {
            resources = render(TaskManagerHold.applyTo(effective, held), start);
        }
        ApplyPlan plan = toPlan(effective, resources, live, held, start, state);
        return new Desired(resources, live, plan, held, start);
    }

    @Override
    public Applied applyFrom(EffectiveSpec effective, String savepointPath, StateRecord state) {
        Integer held = TaskManagerHold.recorded(effective, state);
        JobStart start =
                effective.spec().job() == null ? null : JobStarts.recorded(savepointPath, state);
        RenderedResources desired = render(TaskManagerHold.applyTo(effective, held), start);
        Live live = readOwned(effective, Optional.of(state), desired, Live.empty());
        ApplyPlan plan = toPlan(effective, desired, live, held, start, Optional.of(state));
        write(plan, desired, live);
        return new Applied(plan, refs(desired));
    }

    /** Applies and prunes what the plan says, and reports it. */
    void write(ApplyPlan plan, RenderedResources desired, Live live) {
        if (!plan.hasChanges()) {
            ctx.progress().report(plan.namespace(), plan.name(), "apply", "no changes");
            return;
        }
        int[] counts = ctx.applier().execute(plan.changes(), desired, live);
        ctx.progress()
                .report(
                        plan.namespace(),
                        plan.name(),
                        "apply",
                        counts[0]
                                + " object(s) applied ("
                                + plan.changes(ResourceChange.Action.CREATE).size()
                                + " created), "
                                + counts[1]
                                + " pruned, "
                                + plan.changes(ResourceChange.Action.UNCHANGED).size()
                                + " unchanged");
    }

    /** Every object rendered, as the state record lists them. */
    static List<ObjectRef> refs(RenderedResources desired) {
        return desired.all().stream().map(ObjectRef::of).toList();
    }

    /** The objects for {@code effective} with its job starting from {@code start}. */
    private RenderedResources render(EffectiveSpec effective, JobStart start) {
        return adjust.apply(
                ctx.options()
                        .renderer()
                        .render(
                                effective.withJobStartingFrom(
                                        start == null ? null : start.path())));
    }

    /**
     * Lists the kinds rendered now and the kinds applied before; without a state record (a first
     * apply) nothing but the ConfigMaps is known, and every other object is applied.
     */
    private Live readOwned(
            EffectiveSpec effective,
            Optional<StateRecord> state,
            RenderedResources desired,
            Live known) {
        if (state.isEmpty()) {
            return known;
        }
        Set<KindRef> kinds = new LinkedHashSet<>();
        kinds.add(KindRef.of(ObjectKind.CONFIG_MAP));
        for (HasMetadata o : desired.all()) {
            kinds.add(new KindRef(o.getApiVersion(), o.getKind()));
        }
        for (ObjectRef o : state.get().applied()) {
            kinds.add(new KindRef(o.apiVersion(), o.kind()));
        }
        return ctx.applier().read(effective.namespace(), effective.name(), kinds, known);
    }

    /**
     * The plan: the renderer's advisories, then what the plan notices: a held TaskManager count
     * ({@code held}, may be null), what the job starts from after a {@code delete}, and a {@code
     * spec.replicas} handed to an HPA.
     */
    private ApplyPlan toPlan(
            EffectiveSpec effective,
            RenderedResources desired,
            Live live,
            Integer held,
            JobStart start,
            Optional<StateRecord> state) {
        ResourceApplier.Planned planned = ctx.applier().plan(effective.name(), desired, live);
        List<Advisory> advisories = new ArrayList<>(desired.advisories());
        TaskManagerHold.advisory(effective, held).ifPresent(advisories::add);
        JobStarts.afterDelete(effective, state, start).ifPresent(advisories::add);
        advisories.addAll(planned.advisories());
        return new ApplyPlan(
                effective.namespace(), effective.name(), planned.changes(), advisories, start);
    }
}
