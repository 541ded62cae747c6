package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.ResourceApplier.KindRef;
import io.flinkk8s.sdk.core.deploy.ResourceApplier.Live;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.spec.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One apply or plan of one spec: read what the cluster holds, compare, write the difference, and
 * hand job moves (savepoint upgrade, suspend, an interrupted upgrade) to {@link JobTransitions}.
 */
final class Reconciler {

    private final DeployerContext ctx;

    Reconciler(DeployerContext ctx) {
        this.ctx = ctx;
    }

    /** The cluster as one apply sees it: the state record and the ConfigMaps listed. */
    record Observed(EffectiveSpec effective, Optional<StateRecord> state, Live live) {

        /** The record, unless {@code delete} marked it. */
        Optional<StateRecord> active() {
            return state.filter(s -> s.deletedAt() == null);
        }
    }

    /** What an apply of objects did. */
    record Applied(ApplyPlan plan, List<ObjectRef> objects) {}

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

    ApplyPlan plan(EffectiveSpec spec) {
        Observed observed = observe(spec);
        Desired d = desired(observed, false);
        return switch (decide(observed.effective(), observed.active(), d.plan())) {
            case SAVEPOINT_UPGRADE, SUSPEND ->
                    withJobStart(d.plan(), new JobStart(JobStart.Source.NEW_SAVEPOINT, null, null));
            default -> d.plan();
        };
    }

    ApplyResult apply(EffectiveSpec spec) {
        return apply(spec, false);
    }

    /**
     * Applies {@code spec}.
     *
     * @param scaledByHand whether the caller set the TaskManager count ({@code handle.scale}),
     *     which ends a count held since autoscaling was turned off
     */
    ApplyResult apply(EffectiveSpec spec, boolean scaledByHand) {
        Observed observed = observe(spec);
        Optional<StateRecord> active = observed.active();
        JobTransitions transitions = new JobTransitions(ctx, this);
        if (active.isPresent() && active.get().upgrade() != null) {
            return transitions.resumeInterrupted(spec, active.get());
        }
        checkTargetSwitch(observed.effective(), active);
        checkOperatorModeSwitch(observed.effective(), active);
        Desired d = desired(observed, scaledByHand);
        Transition transition = decide(observed.effective(), active, d.plan());
        // the transitions store the record they are given, and render the count it holds
        Optional<StateRecord> holding = active.map(s -> s.withHeldTaskManagers(d.held()));
        return switch (transition) {
            case SAVEPOINT_UPGRADE -> transitions.savepointUpgrade(spec, holding.orElseThrow());
            case SUSPEND -> transitions.suspend(spec, holding.orElseThrow());
            default -> {
                write(d.plan(), d.resources(), d.live());
                ctx.applier().seedScale(observed.effective(), d.resources(), d.live());
                recordApplied(spec, observed.state(), d.resources(), d.plan(), d.held(), d.start());
                yield new ApplyResult(d.plan(), transition);
            }
        };
    }

    /**
     * Renders, lists what the cluster holds and compares. When autoscaling was just turned off the
     * count to keep comes from the listed TaskManager Deployment, so the spec is rendered again
     * with it (the same kinds: nothing more is listed).
     */
    private Desired desired(Observed observed, boolean scaledByHand) {
        EffectiveSpec effective = observed.effective();
        JobStart start = jobStart(effective, observed.state());
        RenderedResources resources = renderFrom(effective, start);
        Live live = readOwned(effective, observed.state(), resources, observed.live());
        Integer held = TaskManagerHold.decide(effective, observed.active(), live, scaledByHand);
        if (held != null) {
            resources = renderFrom(TaskManagerHold.applyTo(effective, held), start);
        }
        ApplyPlan plan = toPlan(effective, resources, live, held, start, observed.state());
        return new Desired(resources, live, plan, held, start);
    }

    /**
     * How the job moves: only an application whose record says it ran can be upgraded, suspended or
     * resumed; a change that touches no pod template (a TaskManager count) moves nothing.
     */
    static Transition decide(
            EffectiveSpec effective, Optional<StateRecord> active, ApplyPlan plan) {
        FlinkDeploymentSpec spec = effective.spec();
        // On the operator target the Flink Kubernetes Operator moves the job (savepoint upgrades,
        // suspend, resume) when the applied FlinkDeployment changes; the SDK only applies it.
        if (active.isEmpty() || spec.job() == null || spec.target() == RenderTarget.OPERATOR) {
            return Transition.NONE;
        }
        JobSpec before = active.get().effective().spec().job();
        JobState was = before == null ? JobState.RUNNING : before.state();
        JobState will = spec.job().state();
        if (was == JobState.RUNNING && will == JobState.SUSPENDED) {
            return Transition.SUSPEND;
        }
        if (was == JobState.SUSPENDED) {
            return will == JobState.RUNNING ? Transition.RESUME : Transition.NONE;
        }
        if (!restartsJob(plan)) {
            return Transition.NONE;
        }
        return spec.job().upgradeMode() == UpgradeMode.SAVEPOINT
                ? Transition.SAVEPOINT_UPGRADE
                : Transition.REDEPLOY;
    }

    /**
     * Refuses a change of {@code target} that would lose a stateful job's state: the old objects
     * are pruned, and neither the SDK nor the operator carries the job's state across. Allowed for
     * a session cluster, a stateless job, or a job that is suspended and whose new spec starts from
     * a savepoint ({@code job.initialSavepointPath}).
     *
     * @throws UpgradeException saying how to switch safely; nothing was applied
     */
    static void checkTargetSwitch(EffectiveSpec spec, Optional<StateRecord> active) {
        FlinkDeploymentSpec effective = spec.spec();
        if (active.isEmpty() || effective.job() == null) {
            return;
        }
        FlinkDeploymentSpec before = active.get().effective().spec();
        if (before.target() == effective.target()
                || before.job() == null
                || before.job().upgradeMode() == UpgradeMode.STATELESS
                || before.job().state() == JobState.SUSPENDED
                        && effective.job().initialSavepointPath() != null) {
            return;
        }
        throw new UpgradeException(
                effective.namespace(),
                effective.name(),
                true,
                "Switching "
                        + effective.namespace()
                        + "/"
                        + effective.name()
                        + " from target "
                        + before.target().wireValue()
                        + " to "
                        + effective.target().wireValue()
                        + " would stop its "
                        + before.job().upgradeMode().wireValue()
                        + " job without carrying its state across; nothing was applied. Suspend"
                        + " the job first (job.state: suspended, which takes a savepoint), then"
                        + " apply the new target with job.initialSavepointPath set to that"
                        + " savepoint.",
                null);
    }

    /**
     * Refuses a change between the Flink Kubernetes Operator's native and standalone modes on a
     * {@code FlinkDeployment} that exists: the SDK renders {@code mode: standalone} for the
     * autoscaling strategy {@code operator-hpa} only, and the operator rejects a changed {@code
     * mode} on an existing resource, so the apply would be accepted by the API server and then
     * never carried out.
     *
     * @throws UpgradeException saying how to switch; nothing was applied
     */
    static void checkOperatorModeSwitch(EffectiveSpec spec, Optional<StateRecord> active) {
        FlinkDeploymentSpec effective = spec.spec();
        if (active.isEmpty() || effective.target() != RenderTarget.OPERATOR) {
            return;
        }
        FlinkDeploymentSpec before = active.get().effective().spec();
        if (before.target() != RenderTarget.OPERATOR
                || standaloneMode(before) == standaloneMode(effective)) {
            return;
        }
        throw new UpgradeException(
                effective.namespace(),
                effective.name(),
                true,
                "Switching "
                        + effective.namespace()
                        + "/"
                        + effective.name()
                        + (standaloneMode(effective) ? " to" : " away from")
                        + " autoscaling.strategy operator-hpa changes the FlinkDeployment's mode"
                        + " between native and standalone, which the Flink Kubernetes Operator"
                        + " refuses on an existing resource; nothing was applied. Suspend the job"
                        + " (job.state: suspended, which takes a savepoint), delete the"
                        + " deployment, then apply the new spec with job.initialSavepointPath set"
                        + " to that savepoint.",
                null);
    }

    private static boolean standaloneMode(FlinkDeploymentSpec effective) {
        return effective.autoscaling().isEnabled()
                && effective.autoscaling().strategy() == AutoscalingStrategy.OPERATOR_HPA;
    }

    /** Whether applying the plan replaces pods: any Deployment change but its replica count. */
    static boolean restartsJob(ApplyPlan plan) {
        return plan.changes(ResourceChange.Action.UPDATE).stream()
                .filter(c -> c.kind().equals(ObjectKind.DEPLOYMENT.kind()))
                .flatMap(c -> c.fields().stream())
                .anyMatch(f -> !f.path().equals("spec.replicas"));
    }

    /** Lists the ConfigMaps (one request): the state record among them. */
    Observed observe(EffectiveSpec effective) {
        String ns = effective.namespace();
        String name = effective.name();
        Live configMaps =
                ctx.applier()
                        .read(ns, name, Set.of(KindRef.of(ObjectKind.CONFIG_MAP)), Live.empty());
        Optional<StateRecord> state = StateStore.find(ns, name, configMaps.configMaps());
        return new Observed(effective, state, configMaps);
    }

    /** The objects for {@code effective} with its job starting from {@code start}. */
    RenderedResources renderFrom(EffectiveSpec effective, JobStart start) {
        return ctx.options()
                .renderer()
                .render(effective.withJobStartingFrom(start == null ? null : start.path()));
    }

    /**
     * What the job of {@code effective} starts from as this cluster runs it: the savepoint the
     * state record names (the spec's {@code initialSavepointPath} counts the first time only);
     * after a {@code delete}, the savepoint the job stopped at (the one the delete took, or its
     * suspension's), unless the caller's spec names another {@code initialSavepointPath} than the
     * last applied one; without such a savepoint, as the spec says. Null for a session cluster.
     */
    static JobStart jobStart(EffectiveSpec spec, Optional<StateRecord> state) {
        FlinkDeploymentSpec effective = spec.spec();
        if (effective.job() == null) {
            return null;
        }
        String given = effective.job().initialSavepointPath();
        // The operator tracks the savepoints it restores from itself; the CR carries the spec's.
        if (effective.target() == RenderTarget.OPERATOR) {
            return new JobStart(JobStart.Source.OPERATOR, given, null);
        }
        if (state.isPresent() && state.get().deletedAt() == null) {
            return recorded(state.get().restoreSavepoint(), state.get());
        }
        if (state.isPresent() && !chosenAnew(given, state.get())) {
            // Deletion left the savepoint the job stopped at, or none: never an older one.
            String stoppedAt = state.get().restoreSavepoint();
            if (stoppedAt != null) {
                return recorded(stoppedAt, state.get());
            }
        }
        return given == null
                ? new JobStart(JobStart.Source.NONE, null, null)
                : new JobStart(JobStart.Source.SPEC, given, null);
    }

    /** Whether the caller's spec names another initial savepoint than the last applied spec. */
    private static boolean chosenAnew(String given, StateRecord state) {
        JobSpec before = state.effective().spec().job();
        return given != null
                && !given.equals(before == null ? null : before.initialSavepointPath());
    }

    /** The job starts from {@code path} (none when null), as the state record has it. */
    static JobStart recorded(String path, StateRecord state) {
        if (path == null) {
            return new JobStart(JobStart.Source.NONE, null, null);
        }
        SavepointRecord taken =
                state.savepoints().stream()
                        .filter(s -> s.path().equals(path))
                        .reduce((first, second) -> second)
                        .orElse(null);
        return new JobStart(JobStart.Source.STATE_RECORD, path, taken);
    }

    private static ApplyPlan withJobStart(ApplyPlan plan, JobStart start) {
        return new ApplyPlan(
                plan.namespace(), plan.name(), plan.changes(), plan.advisories(), start);
    }

    /**
     * Lists the kinds rendered now and the kinds applied before; without a state record (a first
     * apply) nothing but the ConfigMaps is known, and every other object is applied.
     */
    Live readOwned(
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
    ApplyPlan toPlan(
            EffectiveSpec effective,
            RenderedResources desired,
            Live live,
            Integer held,
            JobStart start,
            Optional<StateRecord> state) {
        ResourceApplier.Planned planned = ctx.applier().plan(effective.name(), desired, live);
        List<Advisory> advisories = new ArrayList<>(desired.advisories());
        TaskManagerHold.advisory(effective, held).ifPresent(advisories::add);
        afterDelete(effective, state, start).ifPresent(advisories::add);
        advisories.addAll(planned.advisories());
        return new ApplyPlan(
                effective.namespace(), effective.name(), planned.changes(), advisories, start);
    }

    /**
     * The advisory of an apply after a {@code delete} that left no savepoint to start from while
     * the history holds one: the job does not silently start from an older savepoint, so say which
     * one there is and how to start from it.
     */
    static Optional<Advisory> afterDelete(
            EffectiveSpec effective, Optional<StateRecord> state, JobStart start) {
        if (start == null
                || start.source() == JobStart.Source.STATE_RECORD
                || start.source() == JobStart.Source.OPERATOR
                || state.isEmpty()
                || state.get().deletedAt() == null
                || state.get().latestSavepoint() == null) {
            return Optional.empty();
        }
        SavepointRecord latest = state.get().latestSavepoint();
        String startsFrom =
                start.source() == JobStart.Source.SPEC
                        ? "from job.initialSavepointPath " + start.path()
                        : "without state";
        StringBuilder message =
                new StringBuilder("the deployment was deleted at ")
                        .append(state.get().deletedAt())
                        .append(" without stopping its job with a savepoint, so this apply starts")
                        .append(" the job ")
                        .append(startsFrom)
                        .append(", not from an older savepoint. The latest recorded savepoint is ")
                        .append(latest.path())
                        .append(" (")
                        .append(latest.reason())
                        .append(", taken at ")
                        .append(latest.takenAt())
                        .append("); to start from it, set job.initialSavepointPath to it.");
        if (effective.spec().job().upgradeMode() == UpgradeMode.LAST_STATE
                && effective.spec().highAvailability().enabled()) {
            message.append(
                    " With upgrade mode last-state and Kubernetes HA, Flink recovers the job from"
                            + " the latest checkpoint in its HA data on its own when the JobManager"
                            + " starts, if the delete kept that data (the default; not with"
                            + " DeleteOptions.everything()).");
        }
        return Optional.of(new Advisory("job.initialSavepointPath", message.toString()));
    }

    /**
     * Renders {@code effective} started from {@code restorePath}, with the TaskManager count {@code
     * state} holds, compares it with the cluster and applies the difference; the state record is
     * the caller's to write.
     */
    Applied applyObjects(EffectiveSpec effective, String restorePath, StateRecord state) {
        Integer held = TaskManagerHold.recorded(effective, state);
        JobStart start = effective.spec().job() == null ? null : recorded(restorePath, state);
        RenderedResources desired = renderFrom(TaskManagerHold.applyTo(effective, held), start);
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

    /**
     * Writes the state record when anything it holds changed: the spec, the applied objects, the
     * held TaskManager count ({@code held}, may be null), or a deletion mark to clear. A repeat
     * apply of the same spec writes nothing.
     */
    StateRecord recordApplied(
            EffectiveSpec effective,
            Optional<StateRecord> state,
            RenderedResources desired,
            ApplyPlan plan,
            Integer held,
            JobStart start) {
        FlinkDeploymentSpec spec = effective.asWritten();
        List<ObjectRef> applied = refs(desired);
        Optional<StateRecord> active = state.filter(s -> s.deletedAt() == null);
        boolean same =
                active.isPresent()
                        && StateRecord.hash(active.get().spec()).equals(StateRecord.hash(spec))
                        && active.get().applied().equals(applied)
                        && Objects.equals(active.get().heldTaskManagers(), held);
        if (same) {
            return active.get();
        }
        StateRecord before =
                active.orElseGet(
                        () -> firstRecord(spec, state, start == null ? null : start.path()));
        try {
            return ctx.states()
                    .write(
                            plan.namespace(),
                            before.withSpec(spec).withApplied(applied).withHeldTaskManagers(held));
        } catch (ConcurrentChangeException e) {
            // Another deployer applied too. Plain applies are last-writer-wins, like the objects
            // themselves; only an upgrade in progress must not be overwritten.
            StateRecord now = ctx.states().read(plan.namespace(), plan.name()).orElseThrow(() -> e);
            if (now.upgrade() != null) {
                throw e;
            }
            return ctx.states()
                    .write(
                            plan.namespace(),
                            now.withSpec(spec).withApplied(applied).withHeldTaskManagers(held));
        }
    }

    static List<ObjectRef> refs(RenderedResources desired) {
        return desired.all().stream().map(ObjectRef::of).toList();
    }

    /**
     * A new record whose pods start from {@code restorePath}; one left by {@code delete} keeps its
     * savepoint history and version (and loses its deletion mark).
     */
    private static StateRecord firstRecord(
            FlinkDeploymentSpec spec, Optional<StateRecord> state, String restorePath) {
        StateRecord fresh = StateRecord.first(spec).withRestoreSavepoint(restorePath);
        if (state.isEmpty()) {
            return fresh;
        }
        StateRecord kept = fresh.withResourceVersion(state.get().resourceVersion());
        for (var s : state.get().savepoints()) {
            kept = kept.withSavepoint(s);
        }
        return kept;
    }
}
