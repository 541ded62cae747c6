package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RevisionLog;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord.Upgrade;
import io.flinkk8s.sdk.core.deploy.internal.cluster.UpgradeLeases;
import io.flinkk8s.sdk.core.deploy.internal.job.ObjectWriter.Applied;
import io.flinkk8s.sdk.core.deploy.internal.observe.ClusterObserver;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.error.DeploymentFailedException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * Moves a running job to a new spec without losing its state. Each step is recorded in the state
 * record before the next is taken, so another deployer (another JVM) can tell how far it got, and
 * the deployer holds the upgrade Lease ({@link UpgradeLeases}) throughout, so another deployer can
 * tell whether it is still at work:
 *
 * <ol>
 *   <li>lease and claim: the upgrade Lease is taken (refused while a live deployer holds it), then
 *       the upgrade, its target spec and step SAVEPOINT_IN_PROGRESS are written with the record's
 *       resourceVersion, so only one deployer proceeds;
 *   <li>stop-with-savepoint through Flink's REST API; if it fails the claim is released, nothing is
 *       redeployed and the old job keeps running (after a timeout the claim stays, as Flink may
 *       still stop the job);
 *   <li>the savepoint's path is recorded (step SAVEPOINT_TAKEN, savepoint history, restore path);
 *   <li>the new spec is applied with the job starting from that savepoint (step DEPLOYING);
 *   <li>the deployer waits until the new job runs; if it does not, the previous spec is applied
 *       again from the same savepoint (ROLLING_BACK) unless rollback is off;
 *   <li>the record is cleared of the upgrade and holds the new spec; the Lease is released.
 * </ol>
 *
 * Suspend follows steps 1 to 3 (STATELESS jobs are cancelled instead), then applies the spec with
 * zero replicas. An operation that ends early (a failure) releases the Lease too, so a deployer
 * that finds its steps in the record finishes it at once; one whose deployer died is finished once
 * the Lease expired.
 *
 * <p>The steps themselves, each recorded before the next, are {@link TransitionSteps}; the objects
 * are written by the {@link ObjectWriter} the reconciler hands in, so a transition never calls back
 * into the reconciler: an interrupted operation that never took effect is handed back as {@link
 * Resumption.StartOver} for the reconciler to start over.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class JobTransitions {

    private final DeployerContext ctx;
    private final ObjectWriter objects;
    private final TransitionSteps steps;

    /**
     * @param objects writes the objects of a spec started from a savepoint, for the steps that
     *     redeploy
     */
    public JobTransitions(DeployerContext ctx, ObjectWriter objects) {
        this.ctx = ctx;
        this.objects = objects;
        this.steps = new TransitionSteps(ctx, objects);
    }

    /**
     * SAVEPOINT upgrade mode: the whole sequence of the class documentation.
     *
     * @param ifNotRunning what the job restarts from when no job runs (no savepoint can be taken),
     *     as the restore policy chose it; a refusal fails the upgrade before anything is written
     */
    public ApplyResult savepointUpgrade(
            EffectiveSpec effective, StateRecord state, RestoreChoice.Choice ifNotRunning) {
        Optional<JobSummary> job = steps.currentJob(effective, "upgrade");
        if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
            return redeployWithoutRunningJob(effective, state, job, ifNotRunning);
        }
        try (UpgradeLeases.Hold lease = steps.lease(effective, "upgrade")) {
            StateRecord claimed = steps.claim(effective, state, job.get(), "upgrade");
            String path = steps.stopWithSavepoint(effective, claimed, job.get(), "upgrade");
            StateRecord taken =
                    steps.recordSavepoint(
                            effective, claimed, path, job.get(), SavepointRecord.Reason.UPGRADE);
            return finishUpgrade(effective, taken, Transition.SAVEPOINT_UPGRADE, null, null);
        }
    }

    /**
     * Rolls back to an earlier revision's spec ({@code target}) from the savepoint recorded when
     * that revision ended: as a savepoint upgrade, whose stop-with-savepoint of the running job
     * (kept in the history, and what the previous version restarts from if the rolled-back one does
     * not become ready) leaves the old job running when it fails; without a running job, the target
     * is applied from {@code from} at once.
     *
     * @param from may be null: the job starts without state (the restore policy chose so)
     * @param toRevision the revision rolled back to, which the new revision names
     */
    public ApplyResult rollback(
            EffectiveSpec target, StateRecord state, String from, int toRevision) {
        Optional<JobSummary> job = steps.currentJob(target, "rollback");
        if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
            StateRecord restored = state.withRestoreSavepoint(from);
            Applied applied = objects.applyFrom(target, from, restored);
            steps.write(
                    target,
                    RevisionLog.applied(
                            ctx,
                            restored.withSpec(target.asWritten()).withApplied(applied.objects()),
                            Revisions.startFrom(from),
                            null,
                            toRevision,
                            null));
            return new ApplyResult(applied.plan(), Transition.REDEPLOY);
        }
        try (UpgradeLeases.Hold lease = steps.lease(target, "rollback")) {
            StateRecord claimed = steps.claim(target, state, job.get(), "rollback");
            String now = steps.stopWithSavepoint(target, claimed, job.get(), "rollback");
            StateRecord taken =
                    steps.recordSavepoint(
                            target, claimed, now, job.get(), SavepointRecord.Reason.UPGRADE);
            StateRecord moving =
                    steps.write(
                            target,
                            taken.withUpgrade(taken.upgrade().withSavepoint(from))
                                    .withRestoreSavepoint(from));
            return finishUpgrade(target, moving, Transition.SAVEPOINT_UPGRADE, now, toRevision);
        }
    }

    /** Stops the job (a savepoint unless STATELESS) and applies the spec with zero replicas. */
    public ApplyResult suspend(EffectiveSpec effective, StateRecord state) {
        Optional<JobSummary> job = steps.currentJob(effective, "suspend");
        if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
            return finishSuspend(effective, state);
        }
        try (UpgradeLeases.Hold lease = steps.lease(effective, "suspend")) {
            StateRecord current = steps.claim(effective, state, job.get(), "suspend");
            if (effective.spec().job().upgradeMode() == UpgradeMode.STATELESS) {
                steps.cancel(effective, current, job.get());
                current =
                        steps.write(
                                effective,
                                current.withUpgrade(
                                        current.upgrade()
                                                .at(UpgradeStep.SAVEPOINT_TAKEN, steps.now())));
            } else {
                String path = steps.stopWithSavepoint(effective, current, job.get(), "suspend");
                current =
                        steps.recordSavepoint(
                                effective,
                                current,
                                path,
                                job.get(),
                                SavepointRecord.Reason.SUSPEND);
            }
            return finishSuspend(effective, current);
        }
    }

    /**
     * An apply that finds an upgrade in the record: refused while a live deployer holds the upgrade
     * Lease; otherwise (the Lease released, expired or missing: its deployer gave up or died) the
     * Lease is taken over and the operation finished towards {@code effective} from the recorded
     * savepoint, never from an empty state once a savepoint was taken; or, when it never took
     * effect (the stop-with-savepoint did not complete and the old job runs), its claim is cleared
     * and the caller is told to start over.
     */
    public Resumption resumeInterrupted(EffectiveSpec effective, StateRecord state) {
        UpgradeLeases.Attempt attempt = ctx.leases().acquire(effective);
        if (!attempt.won()) {
            throw TransitionSteps.failure(
                    effective, false, stillMoving(effective, state, attempt.holder()), null);
        }
        try (UpgradeLeases.Hold lease = attempt.hold()) {
            return resumeHolding(effective, state, lease);
        }
    }

    private static String stillMoving(
            EffectiveSpec effective, StateRecord state, UpgradeLeases.Holder holder) {
        return holder.holdsTheLease()
                + ": it is moving "
                + TransitionSteps.where(effective)
                + " (step "
                + state.upgrade().step()
                + " since "
                + state.upgrade().updatedAt()
                + "). This apply did nothing. Wait for it (status() says UPGRADING); if that"
                + " deployer died, its lease expires then and the next apply finishes the"
                + " operation.";
    }

    private Resumption resumeHolding(
            EffectiveSpec effective, StateRecord state, UpgradeLeases.Hold lease) {
        Upgrade upgrade = state.upgrade();
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "upgrade",
                        "finishing the operation interrupted at step "
                                + upgrade.step()
                                + " (started "
                                + upgrade.startedAt()
                                + ")");
        if (upgrade.step() == UpgradeStep.SAVEPOINT_IN_PROGRESS) {
            return resumeBeforeSavepointRecorded(effective, state, lease);
        }
        StateRecord taken = steps.takeOver(effective, state);
        return new Resumption.Finished(
                effective.spec().job() != null
                                && effective.spec().job().state() == JobState.SUSPENDED
                        ? finishSuspend(effective, taken)
                        : finishUpgrade(effective, taken, Transition.RESUMED_UPGRADE, null, null));
    }

    private Resumption resumeBeforeSavepointRecorded(
            EffectiveSpec effective, StateRecord state, UpgradeLeases.Hold lease) {
        Optional<JobSummary> job = steps.currentJob(effective, "upgrade");
        if (job.isPresent() && job.get().status() == JobStatus.RUNNING) {
            // The stop never completed: the old job runs. Forget the claim; the caller starts
            // over (its new attempt takes the lease again).
            steps.write(effective, state.withUpgrade(null));
            lease.close();
            return new Resumption.StartOver();
        }
        String given =
                effective.spec().job() == null
                        ? null
                        : effective.spec().job().initialSavepointPath();
        if (given == null || given.equals(state.restoreSavepoint())) {
            throw TransitionSteps.failure(
                    effective,
                    false,
                    "An operation on "
                            + TransitionSteps.where(effective)
                            + " was interrupted during"
                            + " stop-with-savepoint of job "
                            + state.upgrade().jobId()
                            + ", which is now "
                            + job.map(j -> j.status().name()).orElse("gone")
                            + "; the savepoint's path was not recorded. Find it in the savepoint"
                            + " directory ("
                            + effective.spec().checkpointing().savepointDir()
                            + ") or"
                            + " the JobManager's log, then apply the spec with"
                            + " job.initialSavepointPath set to it to finish from it.",
                    null);
        }
        Instant now = steps.now();
        StateRecord taken =
                steps.write(
                        effective,
                        state.withUpgrade(
                                        state.upgrade()
                                                .withSavepoint(given)
                                                .ownedBy(ctx.deployerId(), now)
                                                .at(UpgradeStep.SAVEPOINT_TAKEN, now)
                                                .withTarget(effective.asWritten()))
                                .withSavepoint(
                                        new SavepointRecord(
                                                given,
                                                state.upgrade().jobId(),
                                                now,
                                                SavepointRecord.Reason.MANUAL))
                                .withRestoreSavepoint(given));
        return new Resumption.Finished(
                finishUpgrade(effective, taken, Transition.RESUMED_UPGRADE, null, null));
    }

    /**
     * Steps 4 to 6: apply the target from the recorded savepoint (or without state when the restore
     * policy says {@code from: none}; the savepoint stays in the history), wait, roll back if
     * needed. The new spec becomes a revision started from that savepoint.
     *
     * @param stopped may be null: the savepoint the old job stopped at, when it is not the one the
     *     new job starts from (a rollback); the previous version restarts from it on a failure
     * @param rollbackOf may be null: the revision a rollback returns to
     */
    private ApplyResult finishUpgrade(
            EffectiveSpec effective,
            StateRecord recorded,
            Transition transition,
            String stopped,
            Integer rollbackOf) {
        boolean empty = effective.spec().restore().from() == RestoreFrom.NONE;
        StateRecord state = empty ? recorded.withRestoreSavepoint(null) : recorded;
        String path = empty ? null : state.upgrade().savepoint();
        String taken = stopped != null ? stopped : recorded.upgrade().savepoint();
        Applied applied = steps.applyFrom(effective, path, state, "upgrade");
        StateRecord deploying =
                steps.write(
                        effective,
                        state.withUpgrade(state.upgrade().at(UpgradeStep.DEPLOYING, steps.now()))
                                .withApplied(applied.objects()));
        try {
            new ClusterObserver(ctx, effective.namespace(), effective.name())
                    .untilRunning(ctx.options().readyTimeout(), true);
        } catch (WaitTimeoutException | DeploymentFailedException | FlinkJobException e) {
            return failedNewVersion(
                    effective,
                    deploying,
                    e,
                    new Attempt(Revisions.startFrom(path), taken, taken, rollbackOf));
        }
        steps.write(
                effective,
                RevisionLog.applied(
                        ctx,
                        deploying.withSpec(effective.asWritten()).withUpgrade(null),
                        Revisions.startFrom(path),
                        taken,
                        rollbackOf,
                        null));
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "upgrade",
                        path == null
                                ? "done: the new job runs without state (restore.from: none)"
                                : "done: the new job runs from savepoint " + path);
        return new ApplyResult(applied.plan(), transition);
    }

    /**
     * A new version being deployed, as its revision will say.
     *
     * @param start what it starts from
     * @param taken may be null: the savepoint taken from the old job
     * @param previousFrom may be null: what the previous version restarts from if it fails
     * @param rollbackOf may be null: the revision a rollback returns to
     */
    private record Attempt(Start start, String taken, String previousFrom, Integer rollbackOf) {}

    private ApplyResult failedNewVersion(
            EffectiveSpec effective, StateRecord state, RuntimeException cause, Attempt attempt) {
        String path = attempt.previousFrom();
        String where = TransitionSteps.where(effective);
        String why = Revisions.cause(cause);
        if (!ctx.options().rollbackOnFailure()) {
            StateRecord failed =
                    RevisionLog.applied(
                            ctx,
                            state.withSpec(effective.asWritten()).withUpgrade(null),
                            attempt.start(),
                            attempt.taken(),
                            attempt.rollbackOf(),
                            null);
            steps.write(
                    effective,
                    RevisionLog.ended(failed, Revision.Ending.Kind.FAILED, steps.now(), null, why));
            throw TransitionSteps.failure(
                    effective,
                    false,
                    "The new version of "
                            + where
                            + " did not become ready: "
                            + cause.getMessage()
                            + " It was not rolled back (rollbackOnFailure is"
                            + " off); it starts from "
                            + attempt.start()
                            + ". Fix it and apply"
                            + " again.",
                    cause);
        }
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "upgrade",
                        "the new version did not become ready; rolling back from savepoint "
                                + path);
        EffectiveSpec previous = state.effective();
        StateRecord rolling =
                steps.write(
                        effective,
                        state.withUpgrade(
                                state.upgrade().at(UpgradeStep.ROLLING_BACK, steps.now())));
        Applied rolled = steps.applyFrom(previous, path, rolling, "rollback");
        String outcome;
        try {
            new ClusterObserver(ctx, effective.namespace(), effective.name())
                    .untilRunning(ctx.options().readyTimeout(), true);
            outcome = "the previous version runs again";
        } catch (WaitTimeoutException | DeploymentFailedException | FlinkJobException e) {
            outcome = "the previous version did not become ready either (" + e.getMessage() + ")";
        }
        steps.write(
                effective,
                Revisions.rolledBack(
                        ctx,
                        rolling.withUpgrade(null)
                                .withApplied(rolled.objects())
                                .withRestoreSavepoint(path),
                        effective.asWritten(),
                        attempt.start(),
                        attempt.taken(),
                        attempt.rollbackOf(),
                        path,
                        why));
        throw TransitionSteps.failure(
                effective,
                false,
                "The new version of "
                        + where
                        + " did not become ready ("
                        + cause.getMessage()
                        + "); it was rolled back to the previous spec, started from savepoint "
                        + path
                        + ": "
                        + outcome
                        + ". Fix the new version and apply it again.",
                cause);
    }

    private ApplyResult finishSuspend(EffectiveSpec effective, StateRecord state) {
        Applied applied = steps.applyFrom(effective, state.restoreSavepoint(), state, "suspend");
        String taken = state.upgrade() == null ? null : state.upgrade().savepoint();
        steps.write(
                effective,
                RevisionLog.applied(
                        ctx,
                        state.withSpec(effective.asWritten())
                                .withUpgrade(null)
                                .withApplied(applied.objects()),
                        Start.of(Start.Kind.NOT_STARTED),
                        taken,
                        null,
                        null));
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "suspend",
                        "suspended"
                                + (state.restoreSavepoint() == null
                                        ? ""
                                        : "; resumes from savepoint " + state.restoreSavepoint()));
        return new ApplyResult(applied.plan(), Transition.SUSPEND);
    }

    /**
     * No job runs (it failed, finished, or never started): redeploy from the state the restore
     * policy chose (the latest savepoint, a newer checkpoint when allowed, or none), or refuse.
     */
    private ApplyResult redeployWithoutRunningJob(
            EffectiveSpec effective,
            StateRecord state,
            Optional<JobSummary> job,
            RestoreChoice.Choice choice) {
        if (choice.refused()) {
            throw TransitionSteps.failure(
                    effective,
                    false,
                    "Nothing was applied to "
                            + TransitionSteps.where(effective)
                            + ": "
                            + job.map(j -> "job " + j.id() + " is " + j.status())
                                    .orElse("no job runs")
                            + ", and "
                            + choice.refusal(),
                    null);
        }
        String from = choice.path();
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "upgrade",
                        job.map(j -> "job " + j.id() + " is " + j.status()).orElse("no job runs")
                                + "; no savepoint can be taken, redeploying "
                                + (from == null ? "without state" : "from savepoint " + from));
        StateRecord restored = state.withRestoreSavepoint(from);
        Applied applied = objects.applyFrom(effective, from, restored);
        Start start =
                from == null
                        ? Start.of(Start.Kind.NONE)
                        : new Start(
                                choice.source().type() == RestoreSource.Type.CHECKPOINT
                                        ? Start.Kind.CHECKPOINT
                                        : Start.Kind.SAVEPOINT,
                                from);
        steps.write(
                effective,
                RevisionLog.applied(
                        ctx,
                        restored.withSpec(effective.asWritten()).withApplied(applied.objects()),
                        start,
                        null,
                        null,
                        null));
        return new ApplyResult(applied.plan(), Transition.REDEPLOY);
    }
}
