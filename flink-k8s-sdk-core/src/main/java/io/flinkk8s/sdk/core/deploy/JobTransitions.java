package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.Reconciler.Applied;
import io.flinkk8s.sdk.core.deploy.StateRecord.Upgrade;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
final class JobTransitions {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkDeployer.class);

    private final DeployerContext ctx;
    private final Reconciler reconciler;

    JobTransitions(DeployerContext ctx, Reconciler reconciler) {
        this.ctx = ctx;
        this.reconciler = reconciler;
    }

    /** SAVEPOINT upgrade mode: the whole sequence of the class documentation. */
    ApplyResult savepointUpgrade(EffectiveSpec effective, StateRecord state) {
        Optional<JobSummary> job = currentJob(effective, "upgrade");
        if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
            return redeployWithoutRunningJob(effective, state, job);
        }
        try (UpgradeLeases.Hold lease = lease(effective, "upgrade")) {
            StateRecord claimed = claim(effective, state, job.get(), "upgrade");
            String path = stopWithSavepoint(effective, claimed, job.get(), "upgrade");
            StateRecord taken =
                    recordSavepoint(
                            effective, claimed, path, job.get(), SavepointRecord.Reason.UPGRADE);
            return finishUpgrade(effective, taken, Transition.SAVEPOINT_UPGRADE);
        }
    }

    /** Stops the job (a savepoint unless STATELESS) and applies the spec with zero replicas. */
    ApplyResult suspend(EffectiveSpec effective, StateRecord state) {
        Optional<JobSummary> job = currentJob(effective, "suspend");
        if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
            return finishSuspend(effective, state);
        }
        try (UpgradeLeases.Hold lease = lease(effective, "suspend")) {
            StateRecord current = claim(effective, state, job.get(), "suspend");
            if (effective.spec().job().upgradeMode() == UpgradeMode.STATELESS) {
                cancel(effective, current, job.get());
                current =
                        write(
                                effective,
                                current.withUpgrade(
                                        current.upgrade().at(UpgradeStep.SAVEPOINT_TAKEN, now())));
            } else {
                String path = stopWithSavepoint(effective, current, job.get(), "suspend");
                current =
                        recordSavepoint(
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
     * Lease is taken over and the operation finished towards {@code spec} from the recorded
     * savepoint, never from an empty state once a savepoint was taken.
     */
    ApplyResult resumeInterrupted(EffectiveSpec effective, StateRecord state) {
        UpgradeLeases.Attempt attempt = ctx.leases().acquire(effective);
        if (!attempt.won()) {
            throw failure(effective, false, stillMoving(effective, state, attempt.holder()), null);
        }
        try (UpgradeLeases.Hold lease = attempt.hold()) {
            return resumeHolding(effective, state, lease);
        }
    }

    private static String stillMoving(
            EffectiveSpec effective, StateRecord state, UpgradeLeases.Holder holder) {
        return holder.holdsTheLease()
                + ": it is moving "
                + where(effective)
                + " (step "
                + state.upgrade().step()
                + " since "
                + state.upgrade().updatedAt()
                + "). This apply did nothing. Wait for it (status() says UPGRADING); if that"
                + " deployer died, its lease expires then and the next apply finishes the"
                + " operation.";
    }

    private ApplyResult resumeHolding(
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
        StateRecord taken = takeOver(effective, state);
        return effective.spec().job() != null
                        && effective.spec().job().state() == JobState.SUSPENDED
                ? finishSuspend(effective, taken)
                : finishUpgrade(effective, taken, Transition.RESUMED_UPGRADE);
    }

    private ApplyResult resumeBeforeSavepointRecorded(
            EffectiveSpec effective, StateRecord state, UpgradeLeases.Hold lease) {
        Optional<JobSummary> job = currentJob(effective, "upgrade");
        if (job.isPresent() && job.get().status() == JobStatus.RUNNING) {
            // The stop never completed: the old job runs. Forget the claim and start over (the
            // new attempt takes the lease again).
            write(effective, state.withUpgrade(null));
            lease.close();
            return reconciler.apply(effective);
        }
        String given =
                effective.spec().job() == null
                        ? null
                        : effective.spec().job().initialSavepointPath();
        if (given == null || given.equals(state.restoreSavepoint())) {
            throw failure(
                    effective,
                    false,
                    "An operation on "
                            + where(effective)
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
        Instant now = now();
        StateRecord taken =
                write(
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
        return finishUpgrade(effective, taken, Transition.RESUMED_UPGRADE);
    }

    /** Steps 4 to 6: apply the target from the recorded savepoint, wait, roll back if needed. */
    private ApplyResult finishUpgrade(
            EffectiveSpec effective, StateRecord state, Transition transition) {
        String path = state.upgrade().savepoint();
        Applied applied = applyFrom(effective, path, state, "upgrade");
        StateRecord deploying =
                write(
                        effective,
                        state.withUpgrade(state.upgrade().at(UpgradeStep.DEPLOYING, now()))
                                .withApplied(applied.objects()));
        try {
            new ClusterObserver(ctx, effective.namespace(), effective.name())
                    .untilRunning(ctx.options().readyTimeout(), true);
        } catch (WaitTimeoutException | FlinkJobException e) {
            return failedNewVersion(effective, deploying, e);
        }
        write(effective, deploying.withSpec(effective.asWritten()).withUpgrade(null));
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "upgrade",
                        "done: the new job runs from savepoint " + path);
        return new ApplyResult(applied.plan(), transition);
    }

    private ApplyResult failedNewVersion(
            EffectiveSpec effective, StateRecord state, RuntimeException cause) {
        String path = state.upgrade().savepoint();
        String where = where(effective);
        if (!ctx.options().rollbackOnFailure()) {
            write(effective, state.withSpec(effective.asWritten()).withUpgrade(null));
            throw failure(
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
                write(
                        effective,
                        state.withUpgrade(state.upgrade().at(UpgradeStep.ROLLING_BACK, now())));
        Applied rolled = applyFrom(previous, path, rolling, "rollback");
        String outcome;
        try {
            new ClusterObserver(ctx, effective.namespace(), effective.name())
                    .untilRunning(ctx.options().readyTimeout(), true);
            outcome = "the previous version runs again";
        } catch (WaitTimeoutException | FlinkJobException e) {
            outcome = "the previous version did not become ready either (" + e.getMessage() + ")";
        }
        write(effective, rolling.withUpgrade(null).withApplied(rolled.objects()));
        throw failure(
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
        Applied applied = applyFrom(effective, state.restoreSavepoint(), state, "suspend");
        write(
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

    /** No job runs (it failed, finished, or never started): redeploy from the latest savepoint. */
    private ApplyResult redeployWithoutRunningJob(
            EffectiveSpec effective, StateRecord state, Optional<JobSummary> job) {
        SavepointRecord latest = state.latestSavepoint();
        String from = latest != null ? latest.path() : state.restoreSavepoint();
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        "upgrade",
                        job.map(j -> "job " + j.id() + " is " + j.status()).orElse("no job runs")
                                + "; no savepoint can be taken, redeploying "
                                + (from == null ? "without state" : "from savepoint " + from));
        StateRecord restored = state.withRestoreSavepoint(from);
        Applied applied = reconciler.applyObjects(effective, from, restored);
        write(effective, restored.withSpec(effective.asWritten()).withApplied(applied.objects()));
        return new ApplyResult(applied.plan(), Transition.REDEPLOY);
    }

    private Optional<JobSummary> currentJob(EffectiveSpec effective, String operation) {
        try {
            return new JobControl(ctx, effective.namespace(), effective.name()).currentJob();
        } catch (FlinkJobException e) {
            throw failure(
                    effective,
                    true,
                    theOperationOn(operation, effective)
                            + " was not started: its"
                            + " JobManager could not be asked for the job to savepoint ("
                            + e.getMessage()
                            + "). Nothing was changed; the old job keeps"
                            + " running if it was.",
                    e);
        }
    }

    /** Takes the upgrade Lease for a new operation, or refuses it before anything changed. */
    private UpgradeLeases.Hold lease(EffectiveSpec effective, String operation) {
        return ctx.leases()
                .hold(
                        effective,
                        theOperationOn(operation, effective) + " was not started",
                        "This apply did nothing; the old job keeps running. Read status() and"
                                + " apply again once it has finished.");
    }

    private StateRecord claim(
            EffectiveSpec effective, StateRecord state, JobSummary job, String operation) {
        Instant now = now();
        Upgrade upgrade =
                new Upgrade(
                        effective.asWritten(),
                        UpgradeStep.SAVEPOINT_IN_PROGRESS,
                        job.id().toHexString(),
                        null,
                        ctx.deployerId(),
                        now,
                        now);
        try {
            return ctx.states().write(effective.namespace(), state.withUpgrade(upgrade));
        } catch (ConcurrentChangeException e) {
            throw failure(
                    effective,
                    true,
                    theOperationOn(operation, effective)
                            + " was not started: another"
                            + " deployer changed its state record first. Nothing was changed; the"
                            + " old job keeps running. Read status() and apply again.",
                    e);
        }
    }

    private String stopWithSavepoint(
            EffectiveSpec effective, StateRecord claimed, JobSummary job, String operation) {
        ctx.progress()
                .report(
                        effective.namespace(),
                        effective.name(),
                        operation,
                        "stopping job " + job.id() + " with a savepoint");
        try {
            String path =
                    new JobControl(ctx, effective.namespace(), effective.name())
                            .stopWithSavepoint(
                                    job.id(), effective.spec().checkpointing().savepointDir());
            ctx.progress()
                    .report(
                            effective.namespace(),
                            effective.name(),
                            operation,
                            "savepoint taken: " + path);
            return path;
        } catch (FlinkJobException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw savepointTimedOut(effective, job, operation, e);
            }
            release(effective, claimed);
            throw failure(
                    effective,
                    true,
                    theOperationOn(operation, effective)
                            + " stopped before changing anything: stop-with-savepoint of job "
                            + job.id()
                            + " failed. "
                            + e.getMessage()
                            + " Nothing was redeployed; the old job keeps running. Fix the cause"
                            + " (the savepoint directory, the job's health) and apply again.",
                    e);
        }
    }

    /**
     * Flink has no way to call off a stop-with-savepoint, so after a timeout the job may still
     * stop. The claim stays in the record: the next apply asks Flink whether the job still runs
     * (then it starts over) or stopped (then it needs the savepoint's path), and never redeploys
     * from an older savepoint.
     */
    private UpgradeException savepointTimedOut(
            EffectiveSpec effective, JobSummary job, String operation, FlinkJobException e) {
        return failure(
                effective,
                false,
                theOperationOn(operation, effective)
                        + " redeployed nothing: stop-with-savepoint of job "
                        + job.id()
                        + " did not complete within "
                        + ctx.options().savepointTimeout()
                        + ". Flink may still complete it and stop the job, so the operation stays"
                        + " recorded as SAVEPOINT_IN_PROGRESS. Apply again: if the job still runs,"
                        + " the upgrade starts over; if it stopped, the apply asks for the"
                        + " savepoint's path.",
                e);
    }

    private void cancel(EffectiveSpec effective, StateRecord claimed, JobSummary job) {
        try {
            new JobControl(ctx, effective.namespace(), effective.name()).cancel(job.id());
        } catch (FlinkJobException e) {
            release(effective, claimed);
            throw failure(
                    effective,
                    true,
                    "Suspending "
                            + where(effective)
                            + " stopped before changing anything:"
                            + " cancelling job "
                            + job.id()
                            + " failed. "
                            + e.getMessage(),
                    e);
        }
    }

    private StateRecord recordSavepoint(
            EffectiveSpec effective,
            StateRecord claimed,
            String path,
            JobSummary job,
            SavepointRecord.Reason reason) {
        Instant now = now();
        StateRecord next =
                claimed.withUpgrade(
                                claimed.upgrade()
                                        .withSavepoint(path)
                                        .at(UpgradeStep.SAVEPOINT_TAKEN, now))
                        .withSavepoint(
                                new SavepointRecord(path, job.id().toHexString(), now, reason))
                        .withRestoreSavepoint(path);
        try {
            return ctx.states().write(effective.namespace(), next);
        } catch (RuntimeException e) {
            throw failure(
                    effective,
                    false,
                    "Job "
                            + job.id()
                            + " of "
                            + where(effective)
                            + " was stopped with savepoint "
                            + path
                            + ", but recording it in the state record failed ("
                            + e.getMessage()
                            + "). Apply the spec with job.initialSavepointPath"
                            + " set to "
                            + path
                            + " to finish from it.",
                    e);
        }
    }

    private StateRecord takeOver(EffectiveSpec effective, StateRecord state) {
        try {
            return ctx.states()
                    .write(
                            effective.namespace(),
                            state.withUpgrade(
                                    state.upgrade()
                                            .withTarget(effective.asWritten())
                                            .ownedBy(ctx.deployerId(), now())));
        } catch (ConcurrentChangeException e) {
            throw failure(
                    effective,
                    false,
                    "Another deployer took over the interrupted operation on "
                            + where(effective)
                            + " first; this apply did nothing. Read status().",
                    e);
        }
    }

    private Applied applyFrom(
            EffectiveSpec effective, String path, StateRecord state, String operation) {
        try {
            return reconciler.applyObjects(effective, path, state);
        } catch (RuntimeException e) {
            throw failure(
                    effective,
                    false,
                    theOperationOn(operation, effective)
                            + " has its savepoint "
                            + path
                            + " recorded, but applying the objects failed: "
                            + e.getMessage()
                            + " Apply again to finish from that savepoint.",
                    e);
        }
    }

    private void release(EffectiveSpec effective, StateRecord claimed) {
        try {
            ctx.states().write(effective.namespace(), claimed.withUpgrade(null));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not clear the upgrade claim of {}; the next apply checks the job and"
                            + " clears it",
                    where(effective),
                    e);
        }
    }

    private StateRecord write(EffectiveSpec effective, StateRecord next) {
        return ctx.states().write(effective.namespace(), next);
    }

    private Instant now() {
        return ctx.options().clock().instant();
    }

    /** The error of an operation on {@code effective}; see {@link UpgradeException}. */
    private static UpgradeException failure(
            EffectiveSpec effective, boolean oldJobStillRunning, String message, Throwable cause) {
        return new UpgradeException(
                effective.namespace(), effective.name(), oldJobStillRunning, message, cause);
    }

    /** "The upgrade of ns/name": how the errors of an operation begin. */
    private static String theOperationOn(String operation, EffectiveSpec effective) {
        return "The " + operation + " of " + where(effective);
    }

    private static String where(EffectiveSpec effective) {
        return effective.namespace() + "/" + effective.name();
    }
}
