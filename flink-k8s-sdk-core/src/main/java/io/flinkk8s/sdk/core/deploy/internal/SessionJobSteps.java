package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.SessionJobResult;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.SessionJobRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.UpgradeLeases;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;

/**
 * The steps a standalone session job's operations are made of, each against the session cluster's
 * JobManager ({@link JobControl} of the session deployment) or the session job's {@link
 * SessionJobRecord}, written before the step it announces: a job id is recorded before the jar runs
 * under it, and a stopped job's id is cleared together with the savepoint it stopped at.
 */
final class SessionJobSteps {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final SessionJobJars jars;

    SessionJobSteps(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.jars = new SessionJobJars(ctx.options().flinkRequestTimeout());
    }

    /** The record, deleted or not; empty when there is none. */
    /**
     * Takes the session job's upgrade Lease for {@code what} (e.g. {@code apply}), or refuses
     * before anything changed: while another live deployer changes the same job, this one does
     * nothing.
     *
     * @throws UpgradeException naming the holder; the job is as it was
     */
    UpgradeLeases.Hold lease(FlinkDeploymentSpec session, String what) {
        String job = namespace + "/" + name;
        return ctx.leases()
                .hold(
                        UpgradeLeases.Subject.ofSessionJob(namespace, name, session),
                        "The " + what + " of session job " + job + " did nothing",
                        "Its job is as it was; apply again once that deployer has finished (or"
                                + " its lease has expired).");
    }

    /** Deletes the session job's upgrade Lease, if any (with its record, on request). */
    void deleteLease(FlinkDeploymentSpec session) {
        ctx.leases().delete(UpgradeLeases.Subject.ofSessionJob(namespace, name, session));
    }

    Optional<SessionJobRecord> record() {
        return ctx.states().readSessionJob(namespace, name);
    }

    /**
     * The record of a session job that is not deleted.
     *
     * @throws FlinkK8sException saying why there is none, for {@code operation}
     */
    SessionJobRecord live(String operation) {
        Optional<SessionJobRecord> found = record();
        if (found.isPresent() && found.get().deletedAt() == null) {
            return found.get();
        }
        String where = namespace + "/" + name;
        throw new FlinkK8sException(
                found.isPresent()
                        ? "Cannot "
                                + operation
                                + " session job "
                                + where
                                + ": it was deleted at "
                                + found.get().deletedAt()
                                + "; its record and savepoint history are kept. Apply its spec"
                                + " again first."
                        : "Cannot "
                                + operation
                                + " session job "
                                + where
                                + ": there is no record "
                                + namespace
                                + "/"
                                + ResourceNames.of(name).sessionJobState()
                                + ", so it was never applied or was deleted with its record."
                                + " Apply its spec first.");
    }

    /** Now, by the options' clock. */
    Instant now() {
        return ctx.options().clock().instant();
    }

    /** Reports a progress event of this session job. */
    void report(String phase, String message) {
        ctx.progress().report(namespace, name, phase, message);
    }

    /** Deletes the record (only on an explicit request). */
    void deleteRecord() {
        ctx.states().deleteSessionJob(namespace, name);
    }

    /** Stores {@code record} (optimistically, as every record). */
    SessionJobRecord write(SessionJobRecord record) {
        return ctx.states().writeSessionJob(namespace, record);
    }

    /** The JobManager of the session deployment {@code spec} names. */
    JobControl flink(FlinkSessionJobSpec spec) {
        return new JobControl(ctx, namespace, spec.deploymentName());
    }

    /** The jar of {@code spec}, ready to upload. */
    SessionJobJars.Jar fetch(FlinkSessionJobSpec spec) {
        return jars.fetch(namespace + "/" + name, spec.job().jarURI());
    }

    /**
     * Uploads {@code job}'s jar and runs it from {@code from}, recording it in {@code record} (the
     * spec to run already set there).
     */
    SessionJobResult start(
            SessionJobRecord record, EffectiveSessionJob job, String from, Transition t) {
        try (SessionJobJars.Jar jar = fetch(job.spec())) {
            String jarId = flink(job.spec()).uploadJar(jar.path());
            return run(record, job, jarId, from, t, null);
        }
    }

    /**
     * Runs the uploaded jar {@code jarId} of {@code job} from {@code from} under a new job id,
     * recorded first; if Flink refuses the run, the id is cleared again, so the start stays owed.
     *
     * @param savepoint may be null: the savepoint this operation stopped the old job at
     */
    SessionJobResult run(
            SessionJobRecord record,
            EffectiveSessionJob job,
            String jarId,
            String from,
            Transition t,
            String savepoint) {
        JobID id = new JobID();
        SessionJobRecord announced =
                write(record.withJob(id.toHexString(), jarId).withRestoreSavepoint(from));
        try {
            flink(job.spec())
                    .runJar(
                            jarId,
                            StandaloneSessionJob.jarRun(job.spec(), from),
                            id,
                            job.spec().flinkConfiguration());
        } catch (FlinkJobException e) {
            write(announced.withJob(null, jarId));
            throw e;
        }
        ctx.progress()
                .report(
                        namespace,
                        name,
                        "submit",
                        "job "
                                + id
                                + " submitted to session "
                                + job.spec().deploymentName()
                                + (from == null ? "" : " from " + from));
        return new SessionJobResult(namespace, name, t, true, id.toHexString(), savepoint);
    }

    /**
     * Stops {@code current} with a savepoint into the session's savepoint directory.
     *
     * @throws UpgradeException when the savepoint fails: nothing changed, the job keeps running
     */
    String stopWithSavepoint(
            SessionJobRecord live, FlinkDeploymentSpec session, JobSummary current, String why) {
        try {
            String path =
                    flink(live.spec()).stopWithSavepoint(current.id(), savepointDir(live, session));
            ctx.progress().report(namespace, name, "savepoint", "stopped with savepoint " + path);
            return path;
        } catch (FlinkJobException e) {
            throw new UpgradeException(
                    namespace,
                    name,
                    true,
                    "Session job "
                            + namespace
                            + "/"
                            + name
                            + ": the savepoint before the "
                            + why
                            + " failed ("
                            + e.getMessage()
                            + "). Nothing changed: job "
                            + current.id()
                            + " keeps running. Check the session cluster's savepoint directory"
                            + " and the job, then try again.",
                    e);
        }
    }

    /** Records that the job stopped at {@code savepoint}, which the next start restores. */
    SessionJobRecord stopped(
            SessionJobRecord record, String savepoint, SavepointRecord.Reason reason) {
        SavepointRecord taken =
                new SavepointRecord(
                        savepoint, record.jobId(), ctx.options().clock().instant(), reason);
        return write(
                record.withJob(null, record.jarId())
                        .withRestoreSavepoint(savepoint)
                        .withSavepoint(taken));
    }

    /** Cancels {@code current}, without a savepoint. */
    void cancel(SessionJobRecord live, JobSummary current) {
        flink(live.spec()).cancel(current.id());
        ctx.progress().report(namespace, name, "cancel", "job " + current.id() + " cancelled");
    }

    /** The path of {@code current}'s latest completed checkpoint, if Flink reports one. */
    Optional<String> latestCheckpoint(SessionJobRecord live, JobSummary current) {
        return flink(live.spec())
                .jobInfo(current.id())
                .map(JobInfo::lastCheckpoint)
                .map(CheckpointInfo::externalPath);
    }

    /**
     * Where savepoints of the job go: the job's own {@code execution.checkpointing.savepoint-dir},
     * else its session's; null leaves it to the cluster's configuration.
     */
    static String savepointDir(SessionJobRecord live, FlinkDeploymentSpec session) {
        String own =
                live.spec()
                        .flinkConfiguration()
                        .get(CheckpointingOptions.SAVEPOINT_DIRECTORY.key());
        return own != null ? own : session == null ? null : session.checkpointing().savepointDir();
    }
}
