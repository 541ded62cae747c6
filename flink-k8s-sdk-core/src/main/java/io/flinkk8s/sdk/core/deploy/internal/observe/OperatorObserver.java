package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.WorkloadStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * Status and waits of a deployment with {@code target: operator}, read from its {@code
 * FlinkDeployment}'s {@code .status}, which the Flink Kubernetes Operator keeps: {@code
 * lifecycleState}, {@code jobManagerDeploymentStatus}, {@code jobStatus} and {@code taskManager}.
 * One GET of the custom resource per observation.
 */
public final class OperatorObserver {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final WaitReporter waits;

    /** The observer of the operator-target deployment {@code namespace/name}. */
    public OperatorObserver(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.waits =
                new WaitReporter(
                        ctx,
                        namespace,
                        name,
                        "Check the FlinkDeployment's status and events (kubectl -n "
                                + namespace
                                + " describe flinkdeployment "
                                + name
                                + ") and the operator's log.");
    }

    /** Whether {@code state} records a spec of the operator target (and no deletion). */
    public static boolean targets(Optional<StateRecord> state) {
        return state.filter(s -> s.deletedAt() == null)
                .map(s -> s.effective().spec().target() == RenderTarget.OPERATOR)
                .orElse(false);
    }

    /** The deployment's {@code FlinkDeployment}, if it exists. */
    Optional<GenericKubernetesResource> read() {
        ObjectRef what =
                new ObjectRef(
                        ObjectKind.FLINK_DEPLOYMENT.apiVersion(),
                        ObjectKind.FLINK_DEPLOYMENT.kind(),
                        namespace,
                        name);
        return Optional.ofNullable(
                ctx.retrier()
                        .call(
                                what,
                                true,
                                () ->
                                        ctx.client()
                                                .genericKubernetesResources(
                                                        ObjectKind.FLINK_DEPLOYMENT.apiVersion(),
                                                        ObjectKind.FLINK_DEPLOYMENT.kind())
                                                .inNamespace(namespace)
                                                .withName(name)
                                                .get()));
    }

    /** The status from the custom resource and the SDK's state record. */
    public DeploymentStatus status(Optional<StateRecord> state) {
        return status(namespace, name, read(), state);
    }

    /**
     * The status of {@code cr} (empty: not there): the operator's lifecycle and job state, the
     * JobManager ready when the operator reports its deployment {@code READY}, the TaskManagers the
     * operator counted.
     */
    public static DeploymentStatus status(
            String namespace,
            String name,
            Optional<GenericKubernetesResource> cr,
            Optional<StateRecord> state) {
        List<SavepointRecord> history = state.map(StateRecord::savepoints).orElse(List.of());
        SavepointRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
        if (cr.isEmpty()) {
            return new DeploymentStatus(
                    namespace,
                    name,
                    Lifecycle.DELETED,
                    new WorkloadStatus(0, 0, 0),
                    new WorkloadStatus(0, 0, 0),
                    null,
                    null,
                    last,
                    history,
                    "no FlinkDeployment " + namespace + "/" + name);
        }
        Map<String, Object> spec = map(cr.get().getAdditionalProperties().get("spec"));
        Map<String, Object> status = map(cr.get().getAdditionalProperties().get("status"));
        JobInfo job = job(map(status.get("jobStatus")));
        String lifecycleState = text(status.get("lifecycleState"));
        String jobManagerStatus = text(status.get("jobManagerDeploymentStatus"));
        int jobManagers = number(map(spec.get("jobManager")).get("replicas"), 1);
        int taskManagers = number(map(status.get("taskManager")).get("replicas"), 0);
        int desiredTaskManagers =
                number(map(spec.get("taskManager")).get("replicas"), taskManagers);
        return new DeploymentStatus(
                namespace,
                name,
                lifecycle(lifecycleState, job),
                new WorkloadStatus(
                        jobManagers, "READY".equals(jobManagerStatus) ? jobManagers : 0, 0),
                new WorkloadStatus(desiredTaskManagers, taskManagers, 0),
                job,
                null,
                last,
                history,
                describe(lifecycleState, jobManagerStatus, job, text(status.get("error"))));
    }

    /**
     * The SDK's lifecycle for the operator's {@code lifecycleState}: CREATED and DEPLOYED (not yet
     * stable) are DEPLOYING unless the job already runs; STABLE and ROLLED_BACK are RUNNING;
     * UPGRADING and ROLLING_BACK are UPGRADING; DELETING and DELETED are DELETED; no status yet
     * (the operator has not seen the resource) is DEPLOYING.
     */
    public static Lifecycle lifecycle(String lifecycleState, JobInfo job) {
        if (job != null && job.state() == JobStatus.FAILED) {
            return Lifecycle.FAILED;
        }
        if (lifecycleState == null) {
            return Lifecycle.DEPLOYING;
        }
        return switch (lifecycleState) {
            case "STABLE", "ROLLED_BACK" -> Lifecycle.RUNNING;
            case "UPGRADING", "ROLLING_BACK" -> Lifecycle.UPGRADING;
            case "SUSPENDED" -> Lifecycle.SUSPENDED;
            case "FAILED" -> Lifecycle.FAILED;
            case "DELETING", "DELETED" -> Lifecycle.DELETED;
            default ->
                    job != null && job.state() == JobStatus.RUNNING
                            ? Lifecycle.RUNNING
                            : Lifecycle.DEPLOYING;
        };
    }

    /**
     * Returns once the operator reports the JobManager deployment {@code READY}.
     *
     * @throws WaitTimeoutException with the last observation when {@code deadlineNanos} passes
     */
    public void untilReady(long deadlineNanos, Duration timeout) {
        String last = null;
        while (true) {
            DeploymentStatus s = status(Optional.empty());
            last = waits.report(last, s.message());
            if (s.jobManager().desired() > 0 && s.jobManager().isReady()) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw waits.timeout("ready", timeout, last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }

    /**
     * Returns once the lifecycle is RUNNING: the operator considers the deployment stable, or the
     * job runs.
     *
     * @throws FlinkJobException when the operator reports it FAILED
     * @throws WaitTimeoutException with the last observation when the time runs out
     */
    public void untilRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            DeploymentStatus s = status(Optional.empty());
            last = waits.report(last, s.message());
            if (s.lifecycle() == Lifecycle.RUNNING) {
                return;
            }
            if (s.lifecycle() == Lifecycle.FAILED) {
                throw new FlinkJobException(
                        namespace
                                + "/"
                                + name
                                + " FAILED as the Flink Kubernetes Operator reports it ("
                                + s.message()
                                + "); read the FlinkDeployment's status and events (kubectl -n "
                                + namespace
                                + " describe flinkdeployment "
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

    private static String describe(
            String lifecycleState, String jobManagerStatus, JobInfo job, String error) {
        StringBuilder sb = new StringBuilder("operator: ");
        if (lifecycleState == null) {
            sb.append("not reconciled yet");
        } else {
            sb.append("lifecycle ").append(lifecycleState);
        }
        if (jobManagerStatus != null) {
            sb.append(", JobManager ").append(jobManagerStatus);
        }
        if (job != null) {
            sb.append(", job ").append(job.state());
        }
        if (error != null) {
            sb.append(", error: ").append(error);
        }
        return sb.toString();
    }

    private static JobInfo job(Map<String, Object> jobStatus) {
        String state = text(jobStatus.get("state"));
        if (state == null) {
            return null;
        }
        try {
            return new JobInfo(
                    text(jobStatus.get("jobId")),
                    text(jobStatus.get("jobName")),
                    JobStatus.valueOf(state));
        } catch (IllegalArgumentException unknownState) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
