package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord.Upgrade;
import io.flinkk8s.sdk.core.deploy.internal.cluster.UpgradeLeases;
import io.flinkk8s.sdk.core.deploy.internal.job.ObjectWriter.Applied;
import io.flinkk8s.sdk.core.deploy.internal.observe.ClusterObserver;
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
            return finishUpgrade(effective, taken, Transition.SAVEPOINT_UPGRADE);
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
                        : finishUpgrade(effective, taken, Transition.RESUMED_UPGRADE));
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
        return new Resumption.Finished(finishUpgrade(effective, taken, Transition.RESUMED_UPGRADE));
    }

    /**
     * Steps 4 to 6: apply the target from the recorded savepoint (or without state when the restore
     * policy says {@code from: none}; the savepoint stays in the history), wait, roll back if
     * needed.
     */
    private ApplyResult finishUpgrade(
            EffectiveSpec effective, StateRecord recorded, Transition transition) {
        boolean empty = effective.spec().restore().from() == RestoreFrom.NONE;
        StateRecord state = empty ? recorded.withRestoreSavepoint(null) : recorded;
        String path = empty ? null : state.upgrade().savepoint();
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
            return failedNewVersion(effective, deploying, e);
        }
        steps.write(effective, deploying.withSpec(effective.asWritten()).withUpgrade(null));
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

    private ApplyResult failedNewVersion(
            EffectiveSpec effective, StateRecord state, RuntimeException cause) {
        String path = state.upgrade().savepoint();
        String where = TransitionSteps.where(effective);
        if (!ctx.options().rollbackOnFailure()) {
            steps.write(effective, state.withSpec(effective.asWritten()).withUpgrade(null));
            throw TransitionSteps.failure(
                    effective,
                    false,
                    "The new version of "
                            + where
                            + " did not become ready: "
                            + cause.getMessage()
                            + " It was not rolled back (rollbackOnFailure is"
                            + " off); it starts from savepoint "
                            + path
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
        steps.write(effective, rolling.withUpgrade(null).withApplied(rolled.objects()));
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
        steps.write(
                effective,
                state.withSpec(effective.asWritten())
                        .withUpgrade(null)
                        .withApplied(applied.objects()));
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
        steps.write(
                effective, restored.withSpec(effective.asWritten()).withApplied(applied.objects()));
        return new ApplyResult(applied.plan(), Transition.REDEPLOY);
    }
}
