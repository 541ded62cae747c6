package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.Rollout.Desired;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.KindRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RevisionLog;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateStore;
import io.flinkk8s.sdk.core.deploy.internal.job.JobTransitions;
import io.flinkk8s.sdk.core.deploy.internal.job.Resumption;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One apply or plan of one spec: read the state record, refuse a switch that would lose state,
 * decide how the job moves, and carry it out: the objects alone through the {@link Rollout}, a
 * savepoint upgrade or a suspension through the {@link JobTransitions} (which write their objects
 * through the same rollout), and an interrupted operation found in the record finished first, or
 * started over when it never took effect.
 */
final class Reconciler {

    private final DeployerContext ctx;
    private final Rollout rollout;

    Reconciler(DeployerContext ctx) {
        this.ctx = ctx;
        this.rollout = new Rollout(ctx);
    }

    /** The cluster as one apply sees it: the state record and the ConfigMaps listed. */
    record Observed(EffectiveSpec effective, Optional<StateRecord> state, Live live) {

        /** The record, unless {@code delete} marked it. */
        Optional<StateRecord> active() {
            return state.filter(s -> s.deletedAt() == null);
        }

        /** The same, with the record naming no savepoint to start from (its history kept). */
        Observed withoutRestoreSavepoint() {
            return new Observed(effective, state.map(s -> s.withRestoreSavepoint(null)), live);
        }
    }

    /**
     * What {@link #apply} would do now, to the objects and to the job (its {@link JobImpact}, the
     * state it starts from read from the state record and Flink's checkpoint statistics); writes
     * nothing.
     */
    ApplyPlan plan(EffectiveSpec spec) {
        Observed observed = observe(spec);
        Desired d = rollout.desired(spec, observed.state(), observed.live(), false);
        Transition transition = decide(spec, observed.active(), d.plan());
        JobImpact impact = JobImpacts.of(impactInput(spec, observed, d, transition));
        if (startsAfresh(transition, impact)) {
            observed = observed.withoutRestoreSavepoint();
            d = rollout.desired(spec, observed.state(), observed.live(), false);
        }
        ApplyPlan plan =
                switch (transition) {
                    case SAVEPOINT_UPGRADE, SUSPEND ->
                            withJobStart(
                                    d.plan(),
                                    new JobStart(JobStart.Source.NEW_SAVEPOINT, null, null));
                    default -> d.plan();
                };
        return plan.withJobImpact(impact);
    }

    /**
     * What the impact is computed from; Flink is read at most once, and only when the impact needs
     * the running job or its checkpoints.
     */
    private JobImpacts.Input impactInput(
            EffectiveSpec spec, Observed observed, Desired d, Transition transition) {
        JobControl jobs = new JobControl(ctx, spec.namespace(), spec.name());
        Supplier<Optional<JobInfo>> flink = memoized(jobs::currentJobInfo);
        return new JobImpacts.Input(
                spec,
                observed.state(),
                d.live(),
                d.plan(),
                transition,
                flink,
                ctx.options().clock().instant());
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        List<T> value = new ArrayList<>(1);
        return () -> {
            if (value.isEmpty()) {
                value.add(supplier.get());
            }
            return value.get(0);
        };
    }

    /** A resume whose restore policy starts the job without its recorded savepoint. */
    private static boolean startsAfresh(Transition transition, JobImpact impact) {
        return transition == Transition.RESUME
                && impact != null
                && !impact.refused()
                && impact.restore() != null
                && impact.restore().type() == JobImpact.RestoreSource.Type.NONE;
    }

    /**
     * Refuses, before anything is written, what the job's impact refuses (the restore policy).
     *
     * @throws UpgradeException saying which state and why; the job stays as it is
     */
    private static void checkImpact(EffectiveSpec spec, Transition transition, JobImpact impact) {
        if (impact == null || !impact.refused()) {
            return;
        }
        boolean running = transition != Transition.RESUME && impact.kind() != JobImpact.Kind.RESUME;
        throw new UpgradeException(
                spec.namespace(),
                spec.name(),
                running,
                "Nothing was applied to "
                        + spec.namespace()
                        + "/"
                        + spec.name()
                        + ": "
                        + impact.refusal()
                        + (running
                                ? " The running job was left as it is."
                                : " The job stays suspended."),
                null);
    }

    /** Applies {@code spec}. */
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
        JobTransitions transitions = new JobTransitions(ctx, rollout);
        if (active.isPresent() && active.get().upgrade() != null) {
            Resumption resumed = transitions.resumeInterrupted(spec, active.get());
            if (resumed instanceof Resumption.Finished finished) {
                return finished.result();
            }
            // the interrupted operation never took effect and its claim is gone: start over
            return apply(spec, scaledByHand);
        }
        checkTargetSwitch(spec, active);
        checkOperatorModeSwitch(spec, active);
        Desired first = rollout.desired(spec, observed.state(), observed.live(), scaledByHand);
        Transition transition = decide(spec, active, first.plan());
        JobImpacts.Input input = impactInput(spec, observed, first, transition);
        JobImpact impact = JobImpacts.of(input);
        checkImpact(spec, transition, impact);
        boolean afresh = startsAfresh(transition, impact);
        Observed used = afresh ? observed.withoutRestoreSavepoint() : observed;
        Desired d = afresh ? rollout.desired(spec, used.state(), used.live(), scaledByHand) : first;
        // the transitions store the record they are given, and render the count it holds
        Optional<StateRecord> holding = used.active().map(s -> s.withHeldTaskManagers(d.held()));
        ApplyResult result =
                switch (transition) {
                    case SAVEPOINT_UPGRADE ->
                            transitions.savepointUpgrade(
                                    spec,
                                    holding.orElseThrow(),
                                    JobImpacts.withoutRunningJob(
                                            input, holding.orElseThrow(), readQuietly(input)));
                    case SUSPEND -> transitions.suspend(spec, holding.orElseThrow());
                    default -> {
                        rollout.write(d.plan(), d.resources(), d.live());
                        ctx.applier().seedScale(spec, d.resources(), d.live());
                        recordApplied(
                                spec,
                                learnedFromOperator(spec, used.state(), d.live()),
                                d,
                                RevisionStarts.of(spec, impact, d.start()));
                        yield new ApplyResult(d.plan(), transition);
                    }
                };
        return new ApplyResult(result.plan().withJobImpact(impact), result.transition());
    }

    /**
     * The record, on the operator target with what the operator's status says the current revision
     * started from ({@link OperatorRevisions#learned}), before a new revision supersedes it.
     */
    private static Optional<StateRecord> learnedFromOperator(
            EffectiveSpec spec, Optional<StateRecord> state, Live live) {
        if (spec.spec().target() != RenderTarget.OPERATOR) {
            return state;
        }
        return state.map(
                s ->
                        s.deletedAt() == null
                                ? OperatorRevisions.learned(
                                        s, OperatorRevisions.liveDeployment(live, spec.name()))
                                : s);
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

    /**
     * Whether applying the plan replaces pods: any change to a Deployment's spec but its replica
     * count (its metadata, such as the spec's labels, replaces no pod).
     */
    static boolean restartsJob(ApplyPlan plan) {
        return plan.changes(ResourceChange.Action.UPDATE).stream()
                .filter(c -> c.kind().equals(ObjectKind.DEPLOYMENT.kind()))
                .flatMap(c -> c.fields().stream())
                .anyMatch(f -> f.path().startsWith("spec.") && !f.path().equals("spec.replicas"));
    }

    /** The running job as Flink reports it; empty when Flink cannot be read. */
    private static Optional<JobInfo> readQuietly(JobImpacts.Input input) {
        try {
            return input.flink().get();
        } catch (FlinkJobException e) {
            return Optional.empty();
        }
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

    private static ApplyPlan withJobStart(ApplyPlan plan, JobStart start) {
        return new ApplyPlan(
                plan.namespace(), plan.name(), plan.changes(), plan.advisories(), start);
    }

    /**
     * Writes the state record when anything it holds changed: the spec (a new revision, started
     * from {@code revisionStart}), the applied objects, the held TaskManager count ({@code held},
     * may be null), or a deletion mark to clear. A repeat apply of the same spec writes nothing.
     */
    private StateRecord recordApplied(
            EffectiveSpec effective,
            Optional<StateRecord> state,
            Desired desired,
            Revision.Start revisionStart) {
        FlinkDeploymentSpec spec = effective.asWritten();
        ApplyPlan plan = desired.plan();
        Integer held = desired.held();
        JobStart start = desired.start();
        List<ObjectRef> applied = Rollout.refs(desired.resources());
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
                            RevisionLog.applied(
                                    ctx,
                                    before.withSpec(spec)
                                            .withApplied(applied)
                                            .withHeldTaskManagers(held),
                                    revisionStart,
                                    null,
                                    null,
                                    null));
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
                            RevisionLog.applied(
                                    ctx,
                                    now.withSpec(spec)
                                            .withApplied(applied)
                                            .withHeldTaskManagers(held),
                                    revisionStart,
                                    null,
                                    null,
                                    null));
        }
    }

    /**
     * A new record whose pods start from {@code restorePath}; one left by {@code delete} keeps its
     * savepoint history, revision history and version (and loses its deletion mark).
     */
    private static StateRecord firstRecord(
            FlinkDeploymentSpec spec, Optional<StateRecord> state, String restorePath) {
        StateRecord fresh = StateRecord.first(spec).withRestoreSavepoint(restorePath);
        if (state.isEmpty()) {
            return fresh;
        }
        StateRecord kept =
                fresh.withResourceVersion(state.get().resourceVersion())
                        .withRevisions(state.get().revisions());
        for (var s : state.get().savepoints()) {
            kept = kept.withSavepoint(s);
        }
        return kept;
    }
}
