package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.SessionJobResult;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.SessionJobRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.UpgradeLeases;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * How one apply moves a session job on a session cluster the SDK deployed with target standalone,
 * where the deployer, not an operator, submits it through the JobManager's REST API (upload the
 * jar, run it). It compares the spec with the session job's {@link SessionJobRecord} and the job
 * Flink runs, then does one of: nothing (the same spec, its job known to Flink), a first start, an
 * upgrade by the new spec's upgrade mode (savepoint: stop with a savepoint and run the new jar from
 * it, rolled back to the old spec from the same savepoint if the new one cannot run; last-state:
 * cancel and run from the latest checkpoint; stateless: cancel and run without state), a suspension
 * (stop with a savepoint; stateless: cancel) or a start that is owed (a resumption, or an upgrade a
 * deployer left between its stop and its run). The new jar is fetched and uploaded before the old
 * job is stopped, and the record is written before each step against Flink ({@link
 * SessionJobSteps}). Every move and every deletion holds the session job's upgrade Lease ({@code
 * <name>-sdk-session-job-upgrade}), as an application's upgrade holds its deployment's.
 */
final class StandaloneSessionJob {

    private final SessionJobSteps steps;
    private final String namespace;
    private final String name;

    StandaloneSessionJob(DeployerContext ctx, String namespace, String name) {
        this.steps = new SessionJobSteps(ctx, namespace, name);
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Moves the session job to {@code job} on {@code session} (effective, standalone): nothing to
     * do for the same spec with its job known to Flink; any other move holds the session job's
     * upgrade Lease, so that of two deployers only one stops or starts its job.
     *
     * @throws UpgradeException when another live deployer holds the Lease: nothing was changed
     */
    SessionJobResult apply(EffectiveSessionJob job, FlinkDeploymentSpec session) {
        Optional<SessionJobResult> unchanged = unchangedNow(job);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        try (UpgradeLeases.Hold lease = steps.lease(session, "apply")) {
            return move(job, session);
        }
    }

    /** The result of an apply that has nothing to do, read without taking the Lease. */
    private Optional<SessionJobResult> unchangedNow(EffectiveSessionJob job) {
        SessionJobRecord live = steps.record().filter(r -> r.deletedAt() == null).orElse(null);
        if (live == null || !live.effective().equals(job.spec())) {
            return Optional.empty();
        }
        if (job.spec().job().state() == JobState.SUSPENDED || live.jobId() == null) {
            return live.jobId() == null && job.spec().job().state() == JobState.SUSPENDED
                    ? Optional.of(unchanged(live))
                    : Optional.empty();
        }
        return steps.flink(job.spec()).job(JobID.fromHexString(live.jobId())).isPresent()
                ? Optional.of(unchanged(live))
                : Optional.empty();
    }

    /** The move, holding the Lease: read again, as another deployer may have moved it. */
    private SessionJobResult move(EffectiveSessionJob job, FlinkDeploymentSpec session) {
        Optional<SessionJobRecord> found = steps.record();
        SessionJobRecord live = found.filter(r -> r.deletedAt() == null).orElse(null);
        if (live == null) {
            return first(job, found.orElse(null));
        }
        FlinkSessionJobSpec desired = job.spec();
        boolean same = live.effective().equals(desired);
        JobControl flink = steps.flink(desired);
        if (desired.job().state() == JobState.SUSPENDED) {
            if (live.jobId() == null) {
                return same
                        ? unchanged(live)
                        : done(steps.write(live.withSpec(job.asWritten())), Transition.NONE, null);
            }
            return suspend(live, job, session, alive(flink, live));
        }
        if (live.jobId() == null) {
            Transition owed = live.suspended() ? Transition.RESUME : Transition.RESUMED_UPGRADE;
            return steps.start(live.withSpec(job.asWritten()), job, startFrom(live, desired), owed);
        }
        Optional<JobSummary> current = flink.job(JobID.fromHexString(live.jobId()));
        if (same) {
            // the id was recorded before its run: a job Flink does not know never ran (or its
            // JobManager lost it), so the start is owed
            return current.isPresent()
                    ? unchanged(live)
                    : steps.start(live, job, live.restoreSavepoint(), Transition.RESUMED_UPGRADE);
        }
        if (current.isEmpty() || current.get().status().isGloballyTerminalState()) {
            return steps.start(
                    live.withSpec(job.asWritten()).withJob(null, live.jarId()),
                    job,
                    startFrom(live, desired),
                    Transition.REDEPLOY);
        }
        return upgrade(live, job, session, current.get());
    }

    /** Suspends the job of the last applied spec. */
    SessionJobResult suspend(FlinkDeploymentSpec session) {
        SessionJobRecord live = steps.live("suspend");
        FlinkSessionJobSpec spec = live.spec();
        return apply(
                EffectiveSessionJob.of(spec.withJob(spec.job().withState(JobState.SUSPENDED))),
                session);
    }

    /** Starts the suspended job of the last applied spec again. */
    SessionJobResult resume(FlinkDeploymentSpec session) {
        SessionJobRecord live = steps.live("resume");
        FlinkSessionJobSpec spec = live.spec();
        return apply(
                EffectiveSessionJob.of(spec.withJob(spec.job().withState(JobState.RUNNING))),
                session);
    }

    /**
     * Takes a savepoint of the running job and adds it to the record's history.
     *
     * @throws FlinkJobException when no job of the session job runs or the savepoint fails
     */
    SavepointRecord triggerSavepoint(FlinkDeploymentSpec session) {
        SessionJobRecord live = steps.live("take a savepoint of");
        JobControl flink = steps.flink(live.spec());
        Optional<JobSummary> current =
                live.jobId() == null
                        ? Optional.empty()
                        : flink.job(JobID.fromHexString(live.jobId()));
        if (current.isEmpty() || current.get().status() != JobStatus.RUNNING) {
            String why =
                    live.jobId() == null
                            ? live.suspended() ? "it is suspended" : "no job is submitted"
                            : current.map(j -> "job " + j.id() + " is " + j.status())
                                    .orElse("job " + live.jobId() + " is unknown to Flink");
            throw new FlinkJobException(
                    "No job of session job "
                            + namespace
                            + "/"
                            + name
                            + " is RUNNING ("
                            + why
                            + "), so no savepoint can be taken; see status().",
                    null);
        }
        JobID id = current.get().id();
        String path = flink.triggerSavepoint(id, SessionJobSteps.savepointDir(live, session));
        SavepointRecord taken =
                new SavepointRecord(
                        path, id.toHexString(), steps.now(), SavepointRecord.Reason.MANUAL);
        steps.report("savepoint", "savepoint taken: " + path);
        for (int attempt = 1; ; attempt++) {
            try {
                steps.write(live.withSavepoint(taken));
                return taken;
            } catch (ConcurrentChangeException e) {
                if (attempt == 3) {
                    throw e;
                }
                live = steps.live("record a savepoint of");
            }
        }
    }

    /**
     * Cancels the job (stops it with a savepoint first with {@link DeleteOptions#savepointFirst()})
     * and marks the record deleted, keeping it with the savepoint the next apply starts from (the
     * deletion's, or a suspended job's); removes the record only with {@link
     * DeleteOptions#stateRecord()}. The session cluster is not touched.
     *
     * @throws UpgradeException when the savepoint first fails: nothing was deleted
     */
    void delete(DeleteOptions options, FlinkDeploymentSpec session) {
        try (UpgradeLeases.Hold lease = steps.lease(session, "deletion")) {
            deleteHolding(options, session);
        }
        if (options.stateRecord()) {
            steps.deleteLease(session);
        }
        steps.report(
                "delete",
                "session job deleted" + (options.stateRecord() ? " with its record" : ""));
    }

    private void deleteHolding(DeleteOptions options, FlinkDeploymentSpec session) {
        Optional<SessionJobRecord> found = steps.record();
        if (found.isPresent() && found.get().deletedAt() == null) {
            SessionJobRecord r = found.get();
            JobControl flink = steps.flink(r.spec());
            Optional<JobSummary> current = r.jobId() == null ? Optional.empty() : alive(flink, r);
            // a suspended (or stopped) job keeps the savepoint it stopped at; a running one none,
            // unless it is stopped with a savepoint now
            String restore = r.jobId() == null ? r.restoreSavepoint() : null;
            if (current.isPresent() && options.savepointFirst()) {
                restore = steps.stopWithSavepoint(r, session, current.get(), "deletion");
                r = steps.stopped(r, restore, SavepointRecord.Reason.DELETE);
            } else if (current.isPresent()) {
                steps.cancel(r, current.get());
            }
            if (!options.stateRecord()) {
                steps.write(
                        r.withJob(null, r.jarId())
                                .withRestoreSavepoint(restore)
                                .withDeletedAt(steps.now()));
            }
        }
        if (options.stateRecord()) {
            steps.deleteRecord();
        }
    }

    private SessionJobResult first(EffectiveSessionJob job, SessionJobRecord deleted) {
        FlinkSessionJobSpec desired = job.spec();
        SessionJobRecord base =
                deleted == null
                        ? SessionJobRecord.first(job.asWritten())
                        : deleted.withSpec(job.asWritten()).withJob(null, deleted.jarId());
        // a record a delete kept holds the savepoint the job stopped at, or none
        String from = deleted == null ? initial(desired) : startFrom(deleted, desired);
        if (desired.job().state() == JobState.SUSPENDED) {
            return done(steps.write(base.withRestoreSavepoint(from)), Transition.NONE, null);
        }
        return steps.start(base, job, from, Transition.NONE);
    }

    private SessionJobResult upgrade(
            SessionJobRecord live,
            EffectiveSessionJob job,
            FlinkDeploymentSpec session,
            JobSummary current) {
        FlinkSessionJobSpec desired = job.spec();
        UpgradeMode mode = desired.job().upgradeMode();
        try (SessionJobJars.Jar jar = steps.fetch(desired)) {
            String jarId = steps.flink(desired).uploadJar(jar.path());
            SessionJobRecord stopped;
            String from;
            String savepoint = null;
            switch (mode) {
                case SAVEPOINT -> {
                    savepoint = steps.stopWithSavepoint(live, session, current, "upgrade");
                    stopped = steps.stopped(live, savepoint, SavepointRecord.Reason.UPGRADE);
                    from = savepoint;
                }
                case LAST_STATE -> {
                    from = steps.latestCheckpoint(live, current).orElse(live.restoreSavepoint());
                    steps.cancel(live, current);
                    stopped =
                            steps.write(
                                    live.withJob(null, live.jarId()).withRestoreSavepoint(from));
                }
                default -> {
                    from = null;
                    steps.cancel(live, current);
                    stopped =
                            steps.write(
                                    live.withJob(null, live.jarId()).withRestoreSavepoint(null));
                }
            }
            Transition transition =
                    mode == UpgradeMode.SAVEPOINT
                            ? Transition.SAVEPOINT_UPGRADE
                            : Transition.REDEPLOY;
            try {
                return steps.run(
                        stopped.withSpec(job.asWritten()), job, jarId, from, transition, savepoint);
            } catch (FlinkJobException e) {
                throw rollBack(stopped, from, current, e);
            }
        }
    }

    /**
     * Runs the old spec again from {@code from} after the new one failed to run, as an
     * application's upgrade rolls back; the exception says which spec runs now.
     */
    private UpgradeException rollBack(
            SessionJobRecord stopped, String from, JobSummary old, FlinkJobException failure) {
        SessionJobRecord fresh = steps.record().orElse(stopped);
        String what = namespace + "/" + name;
        try {
            SessionJobResult back =
                    steps.start(
                            fresh.withSpec(stopped.spec()),
                            EffectiveSessionJob.ofApplied(stopped.spec()),
                            from,
                            Transition.NONE);
            return new UpgradeException(
                    namespace,
                    name,
                    false,
                    "Session job "
                            + what
                            + ": the new spec's job could not run ("
                            + failure.getMessage()
                            + "). Rolled back: the previous spec runs again as job "
                            + back.jobId()
                            + (from == null ? " without state" : " from " + from)
                            + " (job "
                            + old.id()
                            + " was stopped). Fix the new spec and upgrade again.",
                    failure);
        } catch (RuntimeException rollback) {
            failure.addSuppressed(rollback);
            return new UpgradeException(
                    namespace,
                    name,
                    false,
                    "Session job "
                            + what
                            + ": the new spec's job could not run ("
                            + failure.getMessage()
                            + "), and neither could the previous spec's ("
                            + rollback.getMessage()
                            + "). No job runs; its state is kept"
                            + (from == null ? "" : " in " + from)
                            + ". Apply a spec again once the cause is fixed: it starts from"
                            + " there.",
                    failure);
        }
    }

    private SessionJobResult suspend(
            SessionJobRecord live,
            EffectiveSessionJob job,
            FlinkDeploymentSpec session,
            Optional<JobSummary> current) {
        SessionJobRecord next = live.withSpec(job.asWritten());
        if (current.isEmpty()) {
            return done(steps.write(next.withJob(null, live.jarId())), Transition.SUSPEND, null);
        }
        if (live.effective().job().upgradeMode() == UpgradeMode.STATELESS) {
            steps.cancel(live, current.get());
            return done(
                    steps.write(next.withJob(null, live.jarId()).withRestoreSavepoint(null)),
                    Transition.SUSPEND,
                    null);
        }
        String savepoint = steps.stopWithSavepoint(live, session, current.get(), "suspension");
        SessionJobRecord stopped = steps.stopped(next, savepoint, SavepointRecord.Reason.SUSPEND);
        return done(stopped, Transition.SUSPEND, savepoint);
    }

    /** The recorded job, if Flink runs it (not in a globally terminal state). */
    private static Optional<JobSummary> alive(JobControl flink, SessionJobRecord live) {
        return flink.job(JobID.fromHexString(live.jobId()))
                .filter(j -> !j.status().isGloballyTerminalState());
    }

    /**
     * What a start of {@code desired} after {@code record} restores: a new {@code
     * job.initialSavepointPath} when the spec names one, else the recorded savepoint.
     */
    private static String startFrom(SessionJobRecord record, FlinkSessionJobSpec desired) {
        String before = initial(record.effective());
        String now = initial(desired);
        return now != null && !Objects.equals(now, before) ? now : record.restoreSavepoint();
    }

    private static String initial(FlinkSessionJobSpec spec) {
        JobSpec job = spec.job();
        return job == null ? null : job.initialSavepointPath();
    }

    private SessionJobResult unchanged(SessionJobRecord live) {
        return new SessionJobResult(namespace, name, Transition.NONE, false, live.jobId(), null);
    }

    private SessionJobResult done(SessionJobRecord written, Transition t, String savepoint) {
        return new SessionJobResult(namespace, name, t, true, written.jobId(), savepoint);
    }

    /** How to run {@code spec}'s jar, restoring {@code from} (none when null). */
    static JarRun jarRun(FlinkSessionJobSpec spec, String from) {
        JobSpec job = spec.job();
        return new JarRun(
                job.entryClass(),
                job.args(),
                job.parallelism(),
                from,
                Boolean.TRUE.equals(job.allowNonRestoredState()));
    }
}
