package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.SessionJobStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkSessionJobStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Status and waits of a session job, read from its {@code FlinkSessionJob}'s {@code .status}, which
 * the Flink Kubernetes Operator keeps, through the typed {@link FlinkSessionJob}; the lifecycle as
 * {@link OperatorObserver#lifecycle} reads it for a {@code FlinkDeployment}. A status whose {@code
 * observedGeneration} is older than the resource's generation is of a spec the operator has not
 * reconciled yet, so it counts as UPGRADING, not RUNNING. One GET of the custom resource per
 * observation.
 */
public final class SessionJobObserver {

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final WaitReporter waits;

    /** The observer of the session job {@code namespace/name}. */
    public SessionJobObserver(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.waits =
                new WaitReporter(
                        ctx,
                        namespace,
                        name,
                        "Check the FlinkSessionJob's status and events (kubectl -n "
                                + namespace
                                + " describe flinksessionjob "
                                + name
                                + ") and the operator's log.");
    }

    /** The session job's {@code FlinkSessionJob}, if it exists. */
    public Optional<FlinkSessionJob> read() {
        ObjectKind kind = ObjectKind.FLINK_SESSION_JOB;
        ObjectRef what = new ObjectRef(kind.apiVersion(), kind.kind(), namespace, name);
        GenericKubernetesResource cr =
                ctx.retrier()
                        .call(
                                what,
                                true,
                                () ->
                                        ctx.client()
                                                .genericKubernetesResources(
                                                        kind.apiVersion(), kind.kind())
                                                .inNamespace(namespace)
                                                .withName(name)
                                                .get());
        return Optional.ofNullable(cr).map(SessionJobObserver::typed);
    }

    /** The status, read now. */
    public SessionJobStatus status() {
        return status(namespace, name, read());
    }

    /** The status of {@code cr} (empty: not there). */
    static SessionJobStatus status(String namespace, String name, Optional<FlinkSessionJob> cr) {
        if (cr.isEmpty()) {
            return new SessionJobStatus(
                    namespace,
                    name,
                    Lifecycle.DELETED,
                    null,
                    null,
                    "no FlinkSessionJob " + namespace + "/" + name);
        }
        FlinkSessionJobStatus status = cr.get().getStatus();
        JobInfo job = status == null ? null : OperatorObserver.job(status.jobStatus());
        String lifecycleState = status == null ? null : status.lifecycleState();
        Long generation = cr.get().getMetadata().getGeneration();
        Long observed = status == null ? null : status.observedGeneration();
        boolean behind = generation != null && observed != null && observed < generation;
        Lifecycle lifecycle =
                behind ? Lifecycle.UPGRADING : OperatorObserver.lifecycle(lifecycleState, job);
        String savepoint =
                status == null || status.jobStatus() == null
                        ? null
                        : status.jobStatus().upgradeSavepointPath();
        StringBuilder message = new StringBuilder("operator: ");
        message.append(
                lifecycleState == null ? "not reconciled yet" : "lifecycle " + lifecycleState);
        if (behind) {
            message.append(", generation ").append(generation).append(" not reconciled yet");
        }
        if (job != null) {
            message.append(", job ").append(job.state());
        }
        if (status != null && status.error() != null) {
            message.append(", error: ").append(status.error());
        }
        return new SessionJobStatus(namespace, name, lifecycle, job, savepoint, message.toString());
    }

    /**
     * Returns once the lifecycle is RUNNING for the spec last applied: the operator reconciled it
     * and considers the job stable, or the job runs.
     *
     * @throws FlinkJobException when the operator reports it FAILED
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
                                + " FAILED as the Flink Kubernetes Operator reports it ("
                                + s.message()
                                + "); read the FlinkSessionJob's status and events (kubectl -n "
                                + namespace
                                + " describe flinksessionjob "
                                + name
                                + ").",
                        null);
            }
            if (System.nanoTime() > deadline) {
                throw waits.timeout("running", timeout, last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }

    /**
     * {@code cr} as the typed resource; one whose spec or status does not read as the operator's
     * counts as not reconciled yet, rather than failing the observer.
     */
    private static FlinkSessionJob typed(GenericKubernetesResource cr) {
        try {
            return SERIALIZATION.convertValue(cr, FlinkSessionJob.class);
        } catch (IllegalArgumentException unreadable) {
            FlinkSessionJob empty = new FlinkSessionJob();
            empty.setMetadata(cr.getMetadata());
            return empty;
        }
    }
}
