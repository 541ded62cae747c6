package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.WorkloadStatus;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.DeploymentFailedException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkDeploymentStatus;
import io.flinkk8s.sdk.core.operator.crd.status.JobStatus;
import io.flinkk8s.sdk.core.operator.crd.status.TaskManagerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status and waits of a deployment with {@code target: operator}, read from its {@code
 * FlinkDeployment}'s {@code .status}, which the Flink Kubernetes Operator keeps: {@code
 * lifecycleState}, {@code jobManagerDeploymentStatus}, {@code jobStatus} and {@code taskManager},
 * read through the typed {@link FlinkDeployment}. One GET of the custom resource per observation.
 */
public final class OperatorObserver {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorObserver.class);
    private static final String APP_LABEL = "app";
    private static final String TYPE_LABEL = "type";

    /** The {@code type} labels of the operator's native and standalone clusters' objects. */
    private static final String[] OPERATOR_TYPES = {
        "flink-native-kubernetes", "flink-standalone-kubernetes"
    };

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

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
        return state.map(StateFacts::of).map(StateFacts::operatorTarget).orElse(false);
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

    /**
     * The status from the custom resource and the SDK's state record, with what the operator's pods
     * show that keeps them from starting (an image that cannot be pulled, a crash loop, an
     * unschedulable pod) in its conditions.
     */
    public DeploymentStatus status(Optional<StateRecord> state) {
        return status(state, podCauses());
    }

    private DeploymentStatus status(Optional<StateRecord> state, List<FailureCause> causes) {
        return status(
                namespace, name, read(), history(state), ctx.options().clock().instant(), causes);
    }

    /**
     * What the pods the operator made for this deployment show ({@link PodFailures#ofOperator}):
     * one LIST of the pods labelled {@code app: <name>}, of the operator's types. Empty when the
     * API server does not answer: not knowing is not failing.
     */
    private List<FailureCause> podCauses() {
        try {
            List<Pod> pods =
                    ctx.retrier()
                            .call(
                                    ObjectRef.of(Pod.class, namespace, null),
                                    true,
                                    () ->
                                            ctx.client()
                                                    .pods()
                                                    .inNamespace(namespace)
                                                    .withLabel(APP_LABEL, name)
                                                    .withLabelIn(TYPE_LABEL, OPERATOR_TYPES)
                                                    .list()
                                                    .getItems());
            return PodFailures.ofOperator(name, pods);
        } catch (ApplyException e) {
            LOG.debug("{}/{}: the operator's pods could not be read", namespace, name, e);
            return List.of();
        }
    }

    /**
     * As {@link #status(String, String, Optional, Optional, Instant)}, judged by the system clock.
     */
    public static DeploymentStatus status(
            String namespace,
            String name,
            Optional<GenericKubernetesResource> cr,
            Optional<StateRecord> state) {
        return status(namespace, name, cr, state, Instant.now());
    }

    /**
     * The status of {@code cr} (empty: not there): the operator's lifecycle and job state, the
     * JobManager ready when the operator reports its deployment {@code READY}, the TaskManagers the
     * operator counted; with its conditions and verdict, judged at {@code now}. A status the
     * operator wrote for an older spec ({@code status.observedGeneration} below {@code
     * metadata.generation}) is not trusted: the deployment is UPGRADING until the operator has
     * handled the latest spec.
     */
    public static DeploymentStatus status(
            String namespace,
            String name,
            Optional<GenericKubernetesResource> cr,
            Optional<StateRecord> state,
            Instant now) {
        return status(namespace, name, cr, history(state), now, List.of());
    }

    /**
     * As {@link #status(String, String, Optional, Optional, Instant)}, from the state record's
     * {@link StateFacts} (empty: no record).
     */
    public static DeploymentStatus statusFrom(
            String namespace,
            String name,
            Optional<GenericKubernetesResource> cr,
            Optional<StateFacts> state,
            Instant now) {
        return status(
                namespace,
                name,
                cr,
                state.map(StateFacts::savepoints).orElse(List.of()),
                now,
                List.of());
    }

    private static List<SavepointRecord> history(Optional<StateRecord> state) {
        return state.map(StateRecord::savepoints).orElse(List.of());
    }

    private static DeploymentStatus status(
            String namespace,
            String name,
            Optional<GenericKubernetesResource> cr,
            List<SavepointRecord> history,
            Instant now,
            List<FailureCause> causes) {
        SavepointRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
        if (cr.isEmpty()) {
            return judge(
                    new DeploymentStatus(
                            namespace,
                            name,
                            Lifecycle.DELETED,
                            new WorkloadStatus(0, 0, 0),
                            new WorkloadStatus(0, 0, 0),
                            null,
                            null,
                            last,
                            history,
                            "no FlinkDeployment " + namespace + "/" + name),
                    List.of(),
                    null,
                    now);
        }
        FlinkDeployment typed = typed(cr.get());
        FlinkDeploymentSpec spec = typed.getSpec();
        FlinkDeploymentStatus status = typed.getStatus();
        String error = status == null ? null : status.error();
        JobInfo job = status == null ? null : job(status.jobStatus());
        if (job != null && job.state() == org.apache.flink.api.common.JobStatus.FAILED) {
            job = job.withRootException(error);
        }
        Long generation = typed.getMetadata() == null ? null : typed.getMetadata().getGeneration();
        Long observed = status == null ? null : status.observedGeneration();
        boolean stale = generation != null && observed != null && observed < generation;
        String lifecycleState = status == null ? null : status.lifecycleState();
        String jobManagerStatus = status == null ? null : status.jobManagerDeploymentStatus();
        Integer jobManagerReplicas =
                spec == null || spec.jobManager() == null ? null : spec.jobManager().replicas();
        int jobManagers = jobManagerReplicas == null ? 1 : jobManagerReplicas;
        TaskManagerInfo counted = status == null ? null : status.taskManager();
        int taskManagers = counted == null || counted.replicas() == null ? 0 : counted.replicas();
        Integer specTaskManagers =
                spec == null || spec.taskManager() == null ? null : spec.taskManager().replicas();
        int desiredTaskManagers = specTaskManagers == null ? taskManagers : specTaskManagers;
        String message = describe(lifecycleState, jobManagerStatus, job, error);
        return judge(
                new DeploymentStatus(
                        namespace,
                        name,
                        stale ? Lifecycle.UPGRADING : lifecycle(lifecycleState, job),
                        new WorkloadStatus(
                                jobManagers,
                                !stale && "READY".equals(jobManagerStatus) ? jobManagers : 0,
                                0),
                        new WorkloadStatus(desiredTaskManagers, taskManagers, 0),
                        job,
                        null,
                        last,
                        history,
                        stale
                                ? "operator: has not handled generation "
                                        + generation
                                        + " yet (its status is of generation "
                                        + observed
                                        + "): "
                                        + message
                                : message),
                causes,
                generation,
                now);
    }

    private static DeploymentStatus judge(
            DeploymentStatus status, List<FailureCause> causes, Long generation, Instant now) {
        return Health.judge(new Health.Facts(status, causes, true, null, null, generation), now);
    }

    /**
     * The SDK's lifecycle for the operator's {@code lifecycleState}: CREATED and DEPLOYED (not yet
     * stable) are DEPLOYING unless the job already runs; STABLE and ROLLED_BACK are RUNNING;
     * UPGRADING and ROLLING_BACK are UPGRADING; DELETING and DELETED are DELETED; no status yet
     * (the operator has not seen the resource) is DEPLOYING.
     */
    public static Lifecycle lifecycle(String lifecycleState, JobInfo job) {
        if (job != null && job.state() == org.apache.flink.api.common.JobStatus.FAILED) {
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
                    job != null && job.state() == org.apache.flink.api.common.JobStatus.RUNNING
                            ? Lifecycle.RUNNING
                            : Lifecycle.DEPLOYING;
        };
    }

    /**
     * Returns once the operator reports the JobManager deployment {@code READY}.
     *
     * @throws WaitTimeoutException with the last observation when {@code deadlineNanos} passes
     * @throws DeploymentFailedException when the operator's pods show a cause (an image that cannot
     *     be pulled, a crash loop, an unschedulable pod) for longer than the options' {@code
     *     failFastGrace}, whatever the operator's status says
     */
    public void untilReady(long deadlineNanos, Duration timeout) {
        String last = null;
        FailFast failFast = new FailFast(ctx.options().failFastGrace());
        while (true) {
            List<FailureCause> causes = podCauses();
            DeploymentStatus s = status(Optional.empty(), causes);
            last = waits.report(last, describe(s, causes));
            failIfHopeless(failFast, causes);
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
     * @throws DeploymentFailedException when the operator's pods show a cause for longer than the
     *     options' {@code failFastGrace}
     */
    public void untilRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        FailFast failFast = new FailFast(ctx.options().failFastGrace());
        while (true) {
            List<FailureCause> causes = podCauses();
            DeploymentStatus s = status(Optional.empty(), causes);
            last = waits.report(last, describe(s, causes));
            failIfHopeless(failFast, causes);
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

    /**
     * Ends a wait with the cause the operator's pods have shown for longer than the options' {@code
     * failFastGrace}, written as an Event on its workload too.
     *
     * @throws DeploymentFailedException naming the cause and what to check
     */
    private void failIfHopeless(FailFast failFast, List<FailureCause> causes) {
        Optional<FailureCause> fatal = failFast.observe(causes, System.nanoTime());
        if (fatal.isPresent()) {
            throw new WaitFailure(ctx, namespace, name).failed(fatal.get());
        }
    }

    private static String describe(DeploymentStatus s, List<FailureCause> causes) {
        return causes.isEmpty() ? s.message() : s.message() + "; " + causes.get(0);
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

    /**
     * {@code cr} as the typed resource; one whose spec or status does not read as the operator's (a
     * field of the wrong type) counts as not reconciled yet, rather than failing the observer.
     */
    private static FlinkDeployment typed(GenericKubernetesResource cr) {
        try {
            return SERIALIZATION.convertValue(cr, FlinkDeployment.class);
        } catch (IllegalArgumentException unreadable) {
            return new FlinkDeployment();
        }
    }

    /** The job in the operator's {@code jobStatus}; null without a known state. */
    static JobInfo job(JobStatus jobStatus) {
        if (jobStatus == null || jobStatus.state() == null) {
            return null;
        }
        try {
            return new JobInfo(
                    jobStatus.jobId(),
                    jobStatus.jobName(),
                    org.apache.flink.api.common.JobStatus.valueOf(jobStatus.state()));
        } catch (IllegalArgumentException unknownState) {
            return null;
        }
    }
}
