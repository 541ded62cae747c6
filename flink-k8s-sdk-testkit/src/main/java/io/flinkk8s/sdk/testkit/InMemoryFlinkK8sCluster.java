package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.faults.Faults;
import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import io.flinkk8s.sdk.testkit.internal.controllers.Controller;
import io.flinkk8s.sdk.testkit.internal.controllers.Controllers;
import io.flinkk8s.sdk.testkit.internal.controllers.PodFaults;
import io.flinkk8s.sdk.testkit.internal.controllers.operator.OperatorStandIn;
import io.flinkk8s.sdk.testkit.internal.faults.ClusterFaults;
import io.flinkk8s.sdk.testkit.internal.http.LocalApiServer;
import io.flinkk8s.sdk.testkit.internal.server.ClusterDump;
import io.flinkk8s.sdk.testkit.internal.server.ClusterSeed;
import io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher;
import io.flinkk8s.sdk.testkit.server.RequestLog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.LoggerFactory;

/**
 * The in-memory cluster: an API server over plain HTTP (fabric8's CRUD mock dispatcher made to
 * behave like a real one), controllers that play the control plane and the kubelets, a virtual
 * clock, fault injection, and Flink behind every JobManager the SDK renders ({@link #flink}, in the
 * builder's {@link FlinkRuntimeMode}). Start one per test (a few milliseconds once the JVM is warm)
 * or share one.
 *
 * <pre>{@code
 * CustomResourceDefinitions crds = CustomResourceDefinitions.flinkOperator(); // parse once
 * try (InMemoryFlinkK8sCluster cluster = InMemoryFlinkK8sCluster.builder()
 *         .namespace("streaming").customResourceDefinitions(crds).start()) {
 *     cluster.client().apps().deployments().resource(deployment).serverSideApply();
 *     cluster.awaitReady("streaming", "orders-jobmanager");
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests, controller rounds and clock moves are serialized.
 */
public final class InMemoryFlinkK8sCluster implements FlinkK8sCluster {

    private static final Duration AWAIT_LIMIT = Duration.ofMinutes(30);
    private static final Duration MINI_CLUSTER_JOB_START = Duration.ofSeconds(30);

    private final String namespace;
    private final VirtualClock clock;
    private final Metrics metrics = new Metrics();
    private final InMemoryApiDispatcher dispatcher;
    private final LocalApiServer server;
    private final ControllerLoop loop;
    private final Faults faults;
    private final ServiceBackendProvider backendProvider;
    private final FlinkJobManagerController flink;
    private final OperatorStandIn operator;
    private final Map<String, ServicePortBackend> boundPorts = new ConcurrentHashMap<>();
    private final Config config;
    private final KubernetesSerialization serialization;
    private volatile KubernetesClient client;
    private FlinkDeployer deployer;
    private boolean closed;

    private InMemoryFlinkK8sCluster(Builder b) {
        this.namespace = b.namespace;
        this.clock = new VirtualClock(b.clockStart);
        this.dispatcher = new InMemoryApiDispatcher(clock, b.seed, b.serialization);
        this.backendProvider = b.backendProvider;
        this.serialization = b.serialization;
        this.flink =
                new FlinkJobManagerController(
                        new FlinkRuntimeSupply(b.flinkRuntime, clock, b.miniCluster));
        PodFaults podFaults = new PodFaults();
        dispatcher.podLogs(podFaults::log);
        List<Controller> controllers = new ArrayList<>(Controllers.builtIn(podFaults));
        controllers.add(flink);
        this.operator = b.operatorStandIn ? new OperatorStandIn(flink) : null;
        if (operator != null) {
            controllers.add(operator);
        }
        this.loop = new ControllerLoop(controllers, dispatcher, clock, metrics);
        if (b.autoSettle) {
            dispatcher.onClientWrite(loop::settle);
        }
        this.faults =
                new ClusterFaults(
                        dispatcher,
                        clock,
                        loop::settleAll,
                        podFaults,
                        (ns, name, exception) -> flink(ns, name).failJob(exception));
        b.crds.loaded().forEach(l -> dispatcher.preloadCustomResource(l.crd(), l.json(), l.copy()));
        ClusterSeed.seed(
                dispatcher.direct(),
                new TreeSet<>(List.of("default", namespace)),
                b.nodes,
                clock.instant());
        dispatcher.drainChangedResources();
        this.server =
                LocalApiServer.start(
                        dispatcher,
                        b.logMockServerRequests
                                ? LoggerFactory.getLogger(InMemoryFlinkK8sCluster.class)
                                : null);
        this.config =
                new ConfigBuilder(Config.empty())
                        .withMasterUrl(server.url())
                        .withNamespace(namespace)
                        .withTrustCerts(true)
                        .withHttp2Disable(true)
                        .withRequestRetryBackoffLimit(0)
                        // controllers settle inside a client's write; on an overloaded machine
                        // that can pass fabric8's 10 s default and turn one write into a retried
                        // second one. The in-memory server never loses a request.
                        .withRequestTimeout(60_000)
                        .withWatchReconnectInterval(10)
                        .withUsername("flinkk8s-testkit")
                        .build();
    }

    /**
     * A builder with the defaults: namespace {@code default}, one node, the Flink operator CRDs
     * generated from the SDK's typed resources, the operator stand-in on.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = server.newClient(config, serialization);
                }
                c = client;
            }
        }
        return c;
    }

    @Override
    public synchronized FlinkDeployer deployer() {
        if (deployer == null) {
            deployer = FlinkDeployer.create(client(), deployOptions());
        }
        return deployer;
    }

    @Override
    public Config clientConfig() {
        return new ConfigBuilder(config).build();
    }

    /** The URL of the API server ({@code http://localhost:port/}). */
    public String url() {
        return server.url();
    }

    /** The API server, for the testkit's own tests (package access: not API). */
    InMemoryApiDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public void settle() {
        loop.settle();
    }

    @Override
    public void advance(Duration duration) {
        loop.advance(duration);
    }

    @Override
    public void awaitRunning(String ns, String deploymentName) {
        ResourceNames names = ResourceNames.of(deploymentName);
        awaitReady(ns, names.jobManagerDeployment());
        if (dispatcher.direct().get(Deployment.class, ns, names.taskManagerDeployment()) != null) {
            awaitReady(ns, names.taskManagerDeployment());
        }
        FlinkJobManager jm = flink(ns, deploymentName);
        long deadline = System.nanoTime() + MINI_CLUSTER_JOB_START.toNanos();
        while (!jobRunning(jm)) {
            // only a real MiniCluster moves on its own; the simulated runtime is already there
            if (!jm.isRunning()
                    || jm.latestJob()
                            .map(
                                    j ->
                                            j.status() != JobStatus.CREATED
                                                    && j.status() != JobStatus.INITIALIZING)
                            .orElse(true)
                    || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Flink deployment "
                                + ns
                                + "/"
                                + deploymentName
                                + " is not running: "
                                + jm
                                + "\n"
                                + dump());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static boolean jobRunning(FlinkJobManager jm) {
        return jm.isRunning()
                && jm.latestJob().map(j -> j.status() == JobStatus.RUNNING).orElse(true);
    }

    @Override
    public void awaitReady(String ns, String workloadName) {
        Instant deadline = clock.instant().plus(AWAIT_LIMIT);
        loop.settle();
        while (!isReady(ns, workloadName)) {
            Instant next = loop.nextWakeUp();
            if (next == null || next.isAfter(deadline)) {
                throw new AssertionError(
                        "Deployment or StatefulSet "
                                + ns
                                + "/"
                                + workloadName
                                + " did not become ready within "
                                + AWAIT_LIMIT
                                + " of virtual time"
                                + (next == null ? " (nothing left to happen)" : "")
                                + "\n"
                                + dump());
            }
            loop.advance(Duration.between(clock.instant(), next));
        }
    }

    private boolean isReady(String ns, String name) {
        var api = dispatcher.direct();
        Deployment d = api.get(Deployment.class, ns, name);
        if (d != null) {
            var s = d.getStatus();
            int want = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
            return s != null
                    && Objects.equals(s.getObservedGeneration(), d.getMetadata().getGeneration())
                    && n(s.getUpdatedReplicas()) == want
                    && n(s.getReadyReplicas()) == want
                    && n(s.getReplicas()) == want;
        }
        StatefulSet st = api.get(StatefulSet.class, ns, name);
        if (st != null) {
            var s = st.getStatus();
            int want = Objects.requireNonNullElse(st.getSpec().getReplicas(), 1);
            return s != null && n(s.getReadyReplicas()) == want && n(s.getReplicas()) == want;
        }
        throw new AssertionError("no Deployment or StatefulSet " + ns + "/" + name + "\n" + dump());
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }

    @Override
    public <T extends HasMetadata> Optional<T> find(Class<T> type, String ns, String name) {
        return Optional.ofNullable(dispatcher.direct().get(type, ns, name));
    }

    @Override
    public <T extends HasMetadata> List<T> list(Class<T> type, String ns) {
        return dispatcher.direct().list(type, ns);
    }

    @Override
    public <T extends HasMetadata> T create(T object, String fieldManager) {
        return dispatcher
                .direct()
                .create(
                        Objects.requireNonNull(object, "object"),
                        Objects.requireNonNull(fieldManager, "fieldManager"));
    }

    @Override
    public <T extends HasMetadata> T updateStatus(T object) {
        return dispatcher.direct().updateStatus(Objects.requireNonNull(object, "object"));
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public ClusterRbac rbac() {
        return new ClusterRbac(dispatcher.accessReviews());
    }

    @Override
    public RequestLog requests() {
        return dispatcher.requestLog();
    }

    @Override
    public List<Event> events() {
        List<Event> events = new ArrayList<>(dispatcher.direct().list(Event.class));
        events.sort(
                Comparator.comparing(
                        (Event e) -> Long.parseLong(e.getMetadata().getResourceVersion())));
        return events;
    }

    @Override
    public void registerCustomResource(CustomResourceDefinition crd) {
        dispatcher.direct().create(crd, "flinkk8s-testkit");
    }

    @Override
    public void addStorageClass(String name) {
        ClusterSeed.storageClass(dispatcher.direct(), Objects.requireNonNull(name, "name"), false);
    }

    @Override
    public void bindServicePort(
            String ns, String serviceName, int port, ServicePortBackend backend) {
        boundPorts.put(ns + "/" + serviceName + ":" + port, Objects.requireNonNull(backend));
    }

    @Override
    public FlinkJobManager flink(String ns, String deploymentName) {
        return flink.jobManager(
                Objects.requireNonNull(ns, "namespace"),
                Objects.requireNonNull(deploymentName, "deploymentName"));
    }

    @Override
    public URI serviceEndpoint(String ns, String serviceName, int port) {
        Service service = dispatcher.direct().get(Service.class, ns, serviceName);
        if (service == null) {
            throw new IllegalStateException("no Service " + ns + "/" + serviceName);
        }
        ServicePort servicePort =
                service.getSpec().getPorts() == null
                        ? null
                        : service.getSpec().getPorts().stream()
                                .filter(p -> p.getPort() == port)
                                .findFirst()
                                .orElse(null);
        if (servicePort == null) {
            throw new IllegalStateException(
                    "Service " + ns + "/" + serviceName + " has no port " + port);
        }
        ServicePortBackend bound = boundPorts.get(ns + "/" + serviceName + ":" + port);
        Optional<ServicePortBackend> backend =
                bound != null
                        ? Optional.of(bound)
                        : flink.backendFor(service, servicePort)
                                .or(() -> backendProvider.backendFor(service, servicePort));
        return backend.orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "nothing serves Service "
                                                + ns
                                                + "/"
                                                + serviceName
                                                + " port "
                                                + port
                                                + "; bind a ServicePortBackend or "
                                                + "configure a ServiceBackendProvider"))
                .address();
    }

    @Override
    public String dump() {
        return ClusterDump.render(
                        clock.instant(),
                        dispatcher.direct().all(),
                        events(),
                        dispatcher.requestLog().all())
                + flink.describe();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (deployer != null) {
                deployer.close();
            }
        }
        KubernetesClient c = client;
        if (c != null) {
            c.close();
        }
        try {
            if (operator != null) {
                operator.close();
            }
            flink.close();
        } finally {
            server.close();
        }
    }

    /** Configuration of an in-memory cluster; mutable, not thread-safe. */
    public static final class Builder {
        private String namespace = "default";
        private Instant clockStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private long seed;
        private List<String> nodes = List.of("node-1");
        private CustomResourceDefinitions crds;
        private KubernetesSerialization serialization;
        private boolean autoSettle = true;
        private ServiceBackendProvider backendProvider = (s, p) -> Optional.empty();
        private FlinkRuntimeMode flinkRuntime = FlinkRuntimeMode.SIMULATED;
        private MiniClusterRuntime miniCluster;
        private boolean logMockServerRequests;
        private boolean operatorStandIn = true;

        private Builder() {}

        /** The namespace clients use by default (created at start). */
        public Builder namespace(String value) {
            this.namespace = Objects.requireNonNull(value, "namespace");
            return this;
        }

        /** Where the virtual clock starts (default: now, to the second). */
        public Builder clockStart(Instant value) {
            this.clockStart = Objects.requireNonNull(value, "clockStart");
            return this;
        }

        /** The seed of generated names (pod suffixes); same seed, same names. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The nodes pods are scheduled on (default: {@code node-1}). */
        public Builder nodes(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("a cluster needs at least one node");
            }
            this.nodes = List.of(names);
            return this;
        }

        /**
         * The CRDs registered at start (default: {@link CustomResourceDefinitions#flinkOperator()},
         * loaded now).
         */
        public Builder customResourceDefinitions(CustomResourceDefinitions value) {
            this.crds = Objects.requireNonNull(value, "customResourceDefinitions");
            return this;
        }

        /**
         * The (de)serialization of the cluster's {@link #client()} (default: a new one per
         * cluster). Jackson builds a (de)serializer for each model class on first use, which costs
         * more than the requests of a short test; hand one instance to every cluster, as the JUnit
         * extension does per test run, so that later clusters find them built. Shared state: a kind
         * a test registers on it ({@code registerKubernetesResource}) is registered for every
         * cluster that shares it.
         */
        public Builder kubernetesSerialization(KubernetesSerialization value) {
            this.serialization = Objects.requireNonNull(value, "kubernetesSerialization");
            return this;
        }

        /**
         * Whether controllers run after every client write (default true). When false, only {@code
         * settle()}, {@code advance()} and faults run them.
         */
        public Builder autoSettle(boolean value) {
            this.autoSettle = value;
            return this;
        }

        /** Supplies backends for Service ports no test bound explicitly. */
        public Builder serviceBackends(ServiceBackendProvider value) {
            this.backendProvider = Objects.requireNonNull(value, "serviceBackends");
            return this;
        }

        /**
         * What runs behind the JobManagers the SDK renders (default {@link
         * FlinkRuntimeMode#SIMULATED}); in {@link FlinkRuntimeMode#MINI_CLUSTER} each JobManager
         * pod gets a MiniCluster of its own, started with its ConfigMap's Flink configuration and
         * closed when the pod goes away.
         */
        public Builder flinkRuntime(FlinkRuntimeMode value) {
            this.flinkRuntime = Objects.requireNonNull(value, "flinkRuntime");
            return this;
        }

        /**
         * Runs every JobManager on this MiniCluster, which the caller started and closes (to share
         * one across clusters: it costs seconds to start); implies {@link
         * FlinkRuntimeMode#MINI_CLUSTER}. Cheaper, but less faithful than a MiniCluster per
         * JobManager: the deployments' Flink configuration does not reach it, and every REST
         * Service leads to it, so a client of one deployment lists the jobs of all.
         */
        public Builder miniCluster(MiniClusterRuntime shared) {
            this.miniCluster = Objects.requireNonNull(shared, "miniCluster");
            this.flinkRuntime = FlinkRuntimeMode.MINI_CLUSTER;
            return this;
        }

        /**
         * Whether the API server logs every request it gets (method, path, answer) at INFO through
         * SLF4J, logger {@code io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster}. Default false:
         * nothing is logged per request ({@link FlinkK8sCluster#requests()} records them anyway).
         */
        public Builder logMockServerRequests(boolean value) {
            this.logMockServerRequests = value;
            return this;
        }

        /**
         * Whether the operator stand-in runs (default true): a controller that does what the Apache
         * Flink Kubernetes Operator (1.15) does for {@code FlinkDeployment} and {@code
         * FlinkStateSnapshot} resources. It creates each deployment's JobManager Deployment,
         * Services {@code <name>} and {@code <name>-rest}, ConfigMap {@code flink-config-<name>}
         * and TaskManagers (pods in native mode, a Deployment {@code <name>-taskmanager} in
         * standalone mode) with the operator's names, runs the job on the Flink behind the
         * JobManager ({@link FlinkK8sCluster#flink}), and moves the resource's {@code status}
         * ({@code lifecycleState}, {@code jobManagerDeploymentStatus}, {@code jobStatus}, {@code
         * reconciliationStatus}, {@code conditions}) through deploys, upgrades (stateless,
         * savepoint, last-state), suspend and resume, {@code restartNonce}, {@code
         * savepointRedeployNonce}, {@code savepointTriggerNonce} and savepoint snapshots. Turn it
         * off for a test that plays the operator itself, writing the status by hand.
         */
        public Builder operatorStandIn(boolean value) {
            this.operatorStandIn = value;
            return this;
        }

        /**
         * Starts the cluster.
         *
         * @throws io.flinkk8s.sdk.core.error.FlinkK8sException in {@link
         *     FlinkRuntimeMode#MINI_CLUSTER} when the JVM lacks the {@code --add-opens} options
         *     Flink needs, naming them
         */
        public InMemoryFlinkK8sCluster start() {
            if (crds == null) {
                crds = CustomResourceDefinitions.flinkOperator();
            }
            if (serialization == null) {
                serialization = new KubernetesSerialization();
            }
            return new InMemoryFlinkK8sCluster(this);
        }
    }
}
