package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.SessionJobRecord;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.JobID;

/**
 * Status and waits of a session job on a session cluster of target standalone: its {@link
 * SessionJobRecord} (one GET) and the recorded job as the session's JobManager reports it (its job
 * list and the job's checkpoint statistics). The lifecycle: DELETED without a record or after a
 * delete; SUSPENDED for a suspended spec; UPGRADING when a start is owed (no job recorded for a
 * running spec); RUNNING when the job runs; FAILED when it failed, was cancelled or finished
 * outside the SDK; DEPLOYING otherwise (Flink does not know the job yet, or is starting it).
 */
public final class StandaloneSessionJobObserver {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final WaitReporter waits;

    /** The observer of the session job {@code namespace/name}. */
    public StandaloneSessionJobObserver(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.waits =
                new WaitReporter(
                        ctx,
                        namespace,
                        name,
                        "Check the session job's record (kubectl -n "
                                + namespace
                                + " get configmap "
                                + ResourceNames.of(name).sessionJobState()
                                + " -o yaml) and the session cluster's JobManager log.");
    }

    /** The status, read now. */
    public SessionJobStatus status() {
        Optional<SessionJobRecord> found = ctx.states().readSessionJob(namespace, name);
        if (found.isEmpty() || found.get().deletedAt() != null) {
            return status(
                    Lifecycle.DELETED,
                    null,
                    found.map(SessionJobRecord::restoreSavepoint).orElse(null),
                    found.map(r -> "deleted at " + r.deletedAt() + "; its record is kept")
                            .orElse(
                                    "no session job record "
                                            + ResourceNames.of(name).sessionJobState()));
        }
        SessionJobRecord r = found.get();
        if (r.jobId() == null) {
            return r.suspended()
                    ? status(Lifecycle.SUSPENDED, null, r.restoreSavepoint(), "suspended")
                    : status(
                            Lifecycle.UPGRADING,
                            null,
                            r.restoreSavepoint(),
                            "no job runs for the spec last applied; applying it again starts it");
        }
        Optional<JobInfo> job;
        try {
            job =
                    new JobControl(ctx, namespace, r.spec().deploymentName())
                            .jobInfo(JobID.fromHexString(r.jobId()));
        } catch (FlinkJobException e) {
            return status(
                    Lifecycle.DEPLOYING,
                    null,
                    r.restoreSavepoint(),
                    "the JobManager of session " + r.spec().deploymentName() + " does not answer");
        }
        if (job.isEmpty()) {
            return status(
                    Lifecycle.DEPLOYING,
                    null,
                    r.restoreSavepoint(),
                    "job " + r.jobId() + " not known to the session cluster yet");
        }
        Lifecycle lifecycle =
                switch (job.get().state()) {
                    case RUNNING -> Lifecycle.RUNNING;
                    case FAILED, CANCELED, FINISHED -> Lifecycle.FAILED;
                    default -> Lifecycle.DEPLOYING;
                };
        return status(
                lifecycle,
                job.get(),
                r.restoreSavepoint(),
                "job " + r.jobId() + " " + job.get().state());
    }

    private SessionJobStatus status(
            Lifecycle lifecycle, JobInfo job, String savepoint, String message) {
        return new SessionJobStatus(namespace, name, lifecycle, job, savepoint, message);
    }

    /**
     * Returns once the recorded job runs.
     *
     * @throws FlinkJobException when the job failed, or was cancelled or finished outside the SDK
     * @throws io.flinkk8s.sdk.core.error.WaitTimeoutException with the last observation when the
     *     time runs out
     */
    public void untilRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            SessionJobStatus s = status();
            last = waits.report(last, s.message());
            if (s.lifecycle() == Lifecycle.RUNNING) {
                return;
            }
            if (s.lifecycle() == Lifecycle.FAILED) {
                throw new FlinkJobException(
                        "Session job "
                                + namespace
                                + "/"
                                + name
                                + " does not run: "
                                + s.message()
                                + ". Read the session cluster's JobManager log for the cause, then"
                                + " apply the spec again or upgrade it.",
                        null);
            }
            if (System.nanoTime() > deadline) {
                throw waits.timeout("running", timeout, last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }
}
