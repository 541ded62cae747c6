package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord.Upgrade;
import io.flinkk8s.sdk.core.deploy.internal.cluster.UpgradeLeases;
import io.flinkk8s.sdk.core.deploy.internal.job.ObjectWriter.Applied;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single steps of a job transition ({@link JobTransitions}): ask for the job, take the upgrade
 * Lease, claim the operation, stop the job with a savepoint or cancel it, record the savepoint,
 * take over an interrupted operation, apply the objects from a savepoint. Each step that changes
 * something is written to the state record before the next one, and each failure is an {@link
 * UpgradeException} saying whether the old job still runs and what to do next.
 */
final class TransitionSteps {

    private static final Logger LOG = LoggerFactory.getLogger(TransitionSteps.class);

    private final DeployerContext ctx;
    private final ObjectWriter objects;

    TransitionSteps(DeployerContext ctx, ObjectWriter objects) {
        this.ctx = ctx;
        this.objects = objects;
    }

    Optional<JobSummary> currentJob(EffectiveSpec effective, String operation) {
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
    UpgradeLeases.Hold lease(EffectiveSpec effective, String operation) {
        return ctx.leases()
                .hold(
                        effective,
                        theOperationOn(operation, effective) + " was not started",
                        "This apply did nothing; the old job keeps running. Read status() and"
                                + " apply again once it has finished.");
    }

    StateRecord claim(
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

    String stopWithSavepoint(
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
    UpgradeException savepointTimedOut(
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

    void cancel(EffectiveSpec effective, StateRecord claimed, JobSummary job) {
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

    StateRecord recordSavepoint(
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

    StateRecord takeOver(EffectiveSpec effective, StateRecord state) {
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

    Applied applyFrom(EffectiveSpec effective, String path, StateRecord state, String operation) {
        try {
            return objects.applyFrom(effective, path, state);
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

    void release(EffectiveSpec effective, StateRecord claimed) {
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

    StateRecord write(EffectiveSpec effective, StateRecord next) {
        return ctx.states().write(effective.namespace(), next);
    }

    Instant now() {
        return ctx.options().clock().instant();
    }

    /** The error of an operation on {@code effective}; see {@link UpgradeException}. */
    static UpgradeException failure(
            EffectiveSpec effective, boolean oldJobStillRunning, String message, Throwable cause) {
        return new UpgradeException(
                effective.namespace(), effective.name(), oldJobStillRunning, message, cause);
    }

    /** "The upgrade of ns/name": how the errors of an operation begin. */
    static String theOperationOn(String operation, EffectiveSpec effective) {
        return "The " + operation + " of " + where(effective);
    }

    static String where(EffectiveSpec effective) {
        return effective.namespace() + "/" + effective.name();
    }
}
