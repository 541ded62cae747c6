package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.flink.RestEndpointResolver;
import io.flinkk8s.sdk.testkit.faults.Faults;
import io.flinkk8s.sdk.testkit.server.RequestLog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory Kubernetes cluster for unit tests: a real HTTP API (fabric8's mock server, made to
 * behave) plus small deterministic controllers that create pods, make them ready, collect garbage
 * and autoscale, all on a virtual clock the test moves; and Flink behind every JobManager the SDK
 * renders, reachable through {@link #restEndpointResolver()}. Deploy to it with {@link
 * #deployer()}, which is set up for it.
 *
 * <p>Get one from {@code @FlinkK8sTest} (a parameter of this type) or from {@link
 * InMemoryFlinkK8sCluster#builder()}.
 */
public interface FlinkK8sCluster extends AutoCloseable {

    /** A client for this cluster, defaulting to {@link #namespace()}; closed with the cluster. */
    KubernetesClient client();

    /**
     * The client configuration for this cluster, for code that builds its own client. The cluster's
     * own client does not retry failed requests, so injected errors reach the caller.
     */
    Config clientConfig();

    /** The namespace clients use by default. */
    String namespace();

    /** The cluster's virtual clock. */
    VirtualClock clock();

    /** The current virtual time. */
    default Instant now() {
        return clock().instant();
    }

    /** Runs the controllers until nothing changes (clients' writes already do this). */
    void settle();

    /** Moves virtual time forward, running every probe, timer and HPA sync that falls due. */
    void advance(Duration duration);

    /**
     * Moves virtual time forward until the Deployment or StatefulSet is rolled out and all its
     * replicas are ready, at most 30 virtual minutes.
     *
     * @throws AssertionError when it does not get there, with the cluster state
     */
    void awaitReady(String namespace, String workloadName);

    /**
     * Moves virtual time forward until the SDK deployment {@code deploymentName} runs: its
     * JobManager and TaskManager Deployments are ready, Flink runs behind the JobManager, and its
     * newest job (if it has one: application mode) is RUNNING. A real MiniCluster is given up to 30
     * s of real time to get its job there.
     *
     * @throws AssertionError when it does not get there, with the cluster state
     */
    void awaitRunning(String namespace, String deploymentName);

    /**
     * The Flink side of the SDK deployment {@code deploymentName}: the runtime behind its
     * JobManager, its jobs and savepoints across JobManager restarts, and Flink faults to inject.
     * Available before the deployment exists, so a test can arm a fault first.
     */
    FlinkJobManager flink(String namespace, String deploymentName);

    /**
     * How code under test reaches a JobManager's REST API from the test JVM: the core's resolver,
     * answering {@link #serviceEndpoint} for the REST Service ({@code <name>-rest}, port 8081).
     */
    default RestEndpointResolver restEndpointResolver() {
        FlinkK8sCluster cluster = this;
        return new RestEndpointResolver() {
            @Override
            public URI resolve(String namespace, String serviceName, int port) {
                return cluster.serviceEndpoint(namespace, serviceName, port);
            }

            @Override
            public String toString() {
                return "FlinkK8sCluster.restEndpointResolver() (the in-memory cluster's Services)";
            }
        };
    }

    /**
     * Deploy options for a {@link FlinkDeployer} on this cluster: {@link #restEndpointResolver()}
     * (so the deployer reaches the Flink behind each JobManager), the cluster's virtual {@link
     * #clock()} (state records and progress events carry virtual time, and {@link #advance} ages an
     * abandoned upgrade), and test-speed timings: 10 ms polls, retries after 5 ms up to 50 ms (6
     * attempts), 30 s ready and savepoint timeouts, 10 s per Flink request. Add to them with {@code
     * toBuilder()}, e.g. a progress listener.
     */
    default DeployOptions deployOptions() {
        return DeployOptions.builder()
                .restEndpointResolver(restEndpointResolver())
                .clock(clock())
                .pollInterval(Duration.ofMillis(10))
                .retryPolicy(
                        RetryPolicy.defaults()
                                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
                .readyTimeout(Duration.ofSeconds(30))
                .savepointTimeout(Duration.ofSeconds(30))
                .flinkRequestTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * A {@link FlinkDeployer} on {@link #client()} with {@link #deployOptions()}, created on first
     * use and closed with the cluster; also injected by {@code @FlinkK8sTest}. For other options,
     * create one yourself: {@code FlinkDeployer.create(cluster.client(),
     * cluster.deployOptions().toBuilder()...build())}.
     */
    FlinkDeployer deployer();

    /**
     * Reads a stored object without going through HTTP, so the read is not in the request log.
     *
     * @param namespace ignored for cluster-scoped types
     */
    <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name);

    /** Lists stored objects of a type (null namespace: all), not recorded in the request log. */
    <T extends HasMetadata> List<T> list(Class<T> type, String namespace);

    /**
     * Stores a new object directly, as the cluster's own control plane would, to set the scene of a
     * test: no HTTP request, not in the request log, no fault applies. The controllers see it at
     * the next {@link #settle()} (a client's write or {@link #advance} settles too).
     *
     * @param fieldManager the manager the object's fields are recorded for in {@code
     *     managedFields}: e.g. {@code DeployOptions.DEFAULT_FIELD_MANAGER} for an object that
     *     stands for one the deployer applied, {@code kube-controller-manager} for a controller's
     * @return the object as stored (uid, resource version, timestamps)
     */
    <T extends HasMetadata> T create(T object, String fieldManager);

    /**
     * Replaces the status of a stored object directly (as {@link #create}: no HTTP, not logged, no
     * fault), e.g. to make a workload look ready without its controller.
     *
     * @return the object as stored
     */
    <T extends HasMetadata> T updateStatus(T object);

    /** The metrics the HPA controller reads; the test sets them. */
    Metrics metrics();

    /** Faults to inject: failing pods and nodes, API errors and delays, dropped watches. */
    Faults faults();

    /** The answers to SelfSubjectAccessReviews: all allowed unless a test denies some. */
    ClusterRbac rbac();

    /** Every request clients made, with a reset. */
    RequestLog requests();

    /** The events the controllers recorded, oldest first. */
    List<Event> events();

    /** Registers a CRD so its custom resources get CRUD, watch, status and scale. */
    void registerCustomResource(CustomResourceDefinition crd);

    /**
     * Adds the StorageClass {@code name}, whose claims are provisioned and bound as those of the
     * default class {@code standard} (every cluster starts with it): for a spec that names a class
     * of the cluster it runs on, e.g. {@code storage.volume.storageClassName: nfs-client}. A claim
     * of a class the cluster lacks stays {@code Pending} and its pods unschedulable, as on a real
     * cluster.
     *
     * @throws IllegalStateException when a StorageClass of that name exists
     */
    void addStorageClass(String name);

    /** Makes {@link #serviceEndpoint} answer {@code backend} for this Service port. */
    void bindServicePort(
            String namespace, String serviceName, int port, ServicePortBackend backend);

    /**
     * An address in the test JVM that serves this Service port: a bound backend, else one the
     * configured {@link ServiceBackendProvider} supplies.
     *
     * @throws IllegalStateException when the Service or port does not exist or nothing serves it
     */
    URI serviceEndpoint(String namespace, String serviceName, int port);

    /** A readable summary of every object, recent events and recent requests. */
    String dump();

    /** Stops the API server and closes the clients. */
    @Override
    void close();
}
