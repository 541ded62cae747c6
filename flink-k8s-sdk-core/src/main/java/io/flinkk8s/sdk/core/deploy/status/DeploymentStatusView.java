package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The status of every deployment of the SDK in a cluster (or one namespace), kept up to date by
 * watches instead of polling: one informer per kind (Deployments, pods and the SDK's state record
 * ConfigMaps, each selected by the label {@code app.kubernetes.io/managed-by=flink-k8s-sdk}, and
 * the core/v1 Events of {@code type=Warning}, which carry no labels) serves all deployments, so a
 * thousand deployments cost four watches. Get one from {@code FlinkDeployer.statusView(...)} and
 * close it when done (the deployer closes the views it made when it is closed).
 *
 * <pre>{@code
 * try (DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace("streaming"))) {
 *     view.addListener((before, now) -> log.info("{}/{} is {}", now.namespace(), now.name(),
 *             now.lifecycle()));
 *     List<DeploymentStatus> all = view.statuses();          // no API request
 *     view.await("streaming", "orders", s -> s.lifecycle() == Lifecycle.RUNNING,
 *             Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p><b>Same record as a handle's {@code status()}.</b> The Kubernetes part (desired and ready
 * JobManagers and TaskManagers, restarts, the recent Warning Events about the deployment's
 * workloads, the upgrade step, the savepoint history, the lifecycle) comes from the informer
 * caches. The Flink part (the job's id, name and state, its latest checkpoint and savepoint) comes
 * from each JobManager's REST API, read by the view: at once when a JobManager pod turns ready (a
 * new pod or a restarted container), again every {@link StatusViewOptions#flinkRefreshInterval()}
 * while it runs, sooner (every {@code DeployOptions.pollInterval()}) while its job is not yet
 * RUNNING or its API does not answer, and when {@link #refresh} asks, with at most {@link
 * StatusViewOptions#maxConcurrentFlinkRequests()} requests in flight through one shared Flink REST
 * client. Until a new JobManager has been read its application shows {@link Lifecycle#DEPLOYING}; a
 * job that fails without any pod changing shows {@link Lifecycle#FAILED} at the next read.
 *
 * <p>The informer caches keep only the fields a status is made of (labels, replicas, readiness,
 * restarts, the state record's data, an Event's reason, message, count, time and object), not whole
 * objects: about 20 KiB per deployment of the headline spec (see the StatusViewBenchmark in {@code
 * benchmarks/}).
 *
 * <p><b>Operator targets.</b> A deployment with {@code target: operator} has its status read from
 * its {@code FlinkDeployment}'s {@code .status}, as a handle's {@code status()} does, through one
 * more informer (FlinkDeployments labelled as above) that starts only when the view first sees such
 * a deployment: a view of standalone deployments never lists FlinkDeployments and needs no operator
 * CRD. When they cannot be listed (no CRD, no permission) the view logs it once and shows those
 * deployments as having no FlinkDeployment, as {@code status()} would.
 *
 * <p>Thread-safe. Reads never block on the API server or Flink, except {@link #refresh}. Every
 * method but {@link #close} throws {@link IllegalStateException} once the view is closed.
 */
public interface DeploymentStatusView extends AutoCloseable {

    /**
     * The status of one deployment as the view knows it now; lifecycle {@link Lifecycle#DELETED}
     * for one it does not know (never applied, or deleted with its state record).
     */
    DeploymentStatus status(String namespace, String name);

    /**
     * Every deployment the view knows (a state record or workloads of the SDK), sorted by namespace
     * and name: one full sweep, answered from memory.
     */
    List<DeploymentStatus> statuses();

    /**
     * Reads the job from the deployment's JobManager now (if one is ready) and returns the status
     * with it; waits at most the deployer's Flink request timeout.
     */
    DeploymentStatus refresh(String namespace, String name);

    /**
     * Waits until the deployment's status satisfies {@code condition}, without polling: the view's
     * changes wake it.
     *
     * @return the first status that satisfied the condition
     * @throws WaitTimeoutException naming the last status seen when {@code timeout} passes
     */
    DeploymentStatus await(
            String namespace, String name, Predicate<DeploymentStatus> condition, Duration timeout);

    /** Calls {@code listener} on every later status change of any deployment. */
    void addListener(StatusListener listener);

    /** Stops calling {@code listener}; does nothing if it was not added. */
    void removeListener(StatusListener listener);

    /** Stops the watches and the view's threads; the client stays open. Idempotent. */
    @Override
    void close();
}
