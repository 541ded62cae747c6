package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateStore;
import io.flinkk8s.sdk.core.deploy.internal.observe.EventDigest;
import io.flinkk8s.sdk.core.deploy.internal.observe.OperatorObserver;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly.Pods;
import io.flinkk8s.sdk.core.deploy.internal.view.FlinkJobReader.Read;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.StatusListener;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeploymentStatusView} of a deployer: four fabric8 informers (Deployments, pods, state
 * record ConfigMaps of the SDK, and the Warning Events of the namespace) indexed by deployment, one
 * thread of its own that turns their changes into statuses ({@link StatusAssembly}, as a handle's
 * {@code status()} does) and calls the listeners, and a {@link FlinkJobReader} that reads the jobs,
 * at most {@code maxConcurrentFlinkRequests} at a time. Everything a deployment's {@link Entry}
 * holds is touched on the view's thread only; readers see its last published status. A fifth
 * informer, of {@code FlinkDeployment} custom resources, starts with the first operator-target
 * deployment the view sees (from its state record).
 *
 * <p>Internal: not API, may change in any release.
 */
public final class InformerStatusView implements DeploymentStatusView {

    private static final Logger LOG = LoggerFactory.getLogger(InformerStatusView.class);
    private static final String BY_DEPLOYMENT = "flinkk8s.io/deployment";
    private static final Duration REFRESH_GRACE = Duration.ofSeconds(5);

    /** One deployment. */
    private record Key(String namespace, String name) {
        String index() {
            return namespace + "/" + name;
        }
    }

    /** What the view holds of one deployment. */
    private static final class Entry {
        volatile DeploymentStatus status;
        String stateVersion;
        Optional<StateRecord> state = Optional.empty();
        String stateProblem;
        boolean application = true;
        boolean asks;
        String jobManager;
        Read job;
        long nextReadAt;
        CompletableFuture<Void> reading;
    }

    private final DeployerContext ctx;
    private final StatusViewOptions options;
    private final Consumer<InformerStatusView> onClose;
    private final ScheduledExecutorService worker;
    private final ExecutorService resolving;
    private final FlinkJobReader reader;
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<ConfigMap> states;
    private final SharedIndexInformer<Event> events;
    // set on the view's thread only: the FlinkDeployment informer, started with the first
    // operator-target deployment the view sees (close() stops it from another thread)
    private volatile SharedIndexInformer<GenericKubernetesResource> flinkDeployments;
    private CompletableFuture<Void> operatorWatch;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Set<Key> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Key> readQueue = new ArrayDeque<>();
    private int inFlight;

    private InformerStatusView(
            DeployerContext ctx, StatusViewOptions options, Consumer<InformerStatusView> onClose) {
        this.ctx = ctx;
        this.options = options;
        this.onClose = onClose;
        this.worker = Executors.newSingleThreadScheduledExecutor(daemon("flink-k8s-status-view"));
        this.resolving =
                Executors.newFixedThreadPool(
                        options.maxConcurrentFlinkRequests(),
                        daemon("flink-k8s-status-view-flink"));
        this.reader = new FlinkJobReader(ctx, resolving);
        Map<String, String> managed =
                Map.of(ResourceLabels.MANAGED_BY, ResourceLabels.MANAGED_BY_VALUE);
        this.deployments =
                informer(
                        ctx.client().apps().deployments(),
                        managed,
                        Deployment.class,
                        "metadata.labels",
                        "metadata.generation",
                        "spec.replicas",
                        "status.replicas",
                        "status.updatedReplicas",
                        "status.readyReplicas",
                        "status.observedGeneration");
        this.pods =
                informer(
                        ctx.client().pods(),
                        managed,
                        Pod.class,
                        "metadata.labels",
                        "metadata.uid",
                        "metadata.deletionTimestamp",
                        "status.conditions",
                        "status.containerStatuses");
        this.states =
                informer(
                        ctx.client().configMaps(),
                        Map.of(
                                ResourceLabels.MANAGED_BY,
                                ResourceLabels.MANAGED_BY_VALUE,
                                ResourceLabels.COMPONENT,
                                Component.SDK_STATE.labelValue()),
                        ConfigMap.class,
                        "metadata.labels",
                        "data");
        this.events = warningEvents();
    }

    /**
     * One informer of the Warning Events of the namespace (or all): Events carry no labels, so they
     * are attributed to deployments by the object they are about ({@link EventDigest}).
     */
    private SharedIndexInformer<Event> warningEvents() {
        return informer(
                inScope(ctx.client().v1().events()).withField("type", EventDigest.WARNING),
                Event.class,
                InformerStatusView::keyOfEvent,
                "type",
                "reason",
                "message",
                "count",
                "series",
                "lastTimestamp",
                "firstTimestamp",
                "eventTime",
                "metadata.creationTimestamp",
                "involvedObject.kind",
                "involvedObject.name",
                "involvedObject.namespace");
    }

    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            FilterWatchListDeletable<T, L, R> inScope(MixedOperation<T, L, R> kind) {
        return options.namespace() == null
                ? kind.inAnyNamespace()
                : kind.inNamespace(options.namespace());
    }

    /**
     * Starts a view: lists and watches the three kinds, computes every status, reads every ready
     * JobManager once (waiting for those reads at most until the start timeout).
     *
     * @throws FlinkK8sException when a kind cannot be listed or watched
     */
    public static InformerStatusView start(
            DeployerContext ctx, StatusViewOptions options, Consumer<InformerStatusView> onClose) {
        InformerStatusView view = new InformerStatusView(ctx, options, onClose);
        try {
            view.startWatching();
            return view;
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    /**
     * An informer of the objects of {@code kind} carrying {@code labels}, indexed by deployment,
     * whose cache keeps only {@code fields} of each object (what the status is made of), not the
     * whole object with its pod template and managed fields.
     */
    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            SharedIndexInformer<T> informer(
                    MixedOperation<T, L, R> kind,
                    Map<String, String> labels,
                    Class<T> type,
                    String... fields) {
        return informer(inScope(kind).withLabels(labels), type, InformerStatusView::keyOf, fields);
    }

    /**
     * An informer of the {@code selected} objects, indexed by the deployment {@code key} says each
     * belongs to, whose cache keeps only {@code fields} of each object.
     */
    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            SharedIndexInformer<T> informer(
                    FilterWatchListDeletable<T, L, R> selected,
                    Class<T> type,
                    Function<T, Optional<Key>> key,
                    String... fields) {
        SharedIndexInformer<T> informer = selected.runnableInformer(0);
        informer.itemStore(
                new ReducedStateItemStore<>(
                        ReducedStateItemStore.NAME_KEY_STATE,
                        type,
                        ctx.client().getKubernetesSerialization(),
                        fields));
        informer.addIndexers(
                Map.of(
                        BY_DEPLOYMENT,
                        o -> key.apply(o).map(k -> List.of(k.index())).orElse(List.of())));
        informer.exceptionHandler(
                (started, error) -> {
                    if (started && !closed.get()) {
                        LOG.warn(
                                "The status view's watch failed; it lists and watches again",
                                error);
                    }
                    return started && !closed.get();
                });
        informer.addEventHandler(new Touch<>(key));
        return informer;
    }

    private void startWatching() {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        try {
            CompletableFuture.allOf(
                            deployments.start().toCompletableFuture(),
                            pods.start().toCompletableFuture(),
                            states.start().toCompletableFuture(),
                            events.start().toCompletableFuture().handle(this::eventsStarted))
                    .get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            List<CompletableFuture<Void>> reads =
                    CompletableFuture.supplyAsync(this::computeAll, worker)
                            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!deployments.hasSynced() || !pods.hasSynced() || !states.hasSynced()) {
                throw startFailure("did not list within " + options.startTimeout(), e);
            }
            LOG.warn(
                    "The status view started before every JobManager answered within {};"
                            + " their deployments show DEPLOYING until they do",
                    options.startTimeout());
        } catch (ExecutionException e) {
            throw startFailure("failed: " + Retrier.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure("was interrupted", e);
        }
        worker.scheduleWithFixedDelay(
                this::readDue,
                ctx.options().pollInterval().toNanos(),
                ctx.options().pollInterval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Events are advice: a client that may not list them gets statuses without them. */
    private Void eventsStarted(Void ignored, Throwable error) {
        if (error != null) {
            LOG.warn(
                    "The status view cannot list and watch Warning Events{}; its statuses carry"
                            + " no Events",
                    options.namespace() == null ? "" : " in namespace " + options.namespace(),
                    error);
            events.stop();
        }
        return null;
    }

    private FlinkK8sException startFailure(String what, Throwable cause) {
        return new FlinkK8sException(
                "The status view "
                        + (options.namespace() == null
                                ? "of all namespaces"
                                : "of namespace " + options.namespace())
                        + " could not start: listing and watching Deployments, Pods and"
                        + " ConfigMaps labelled "
                        + ResourceLabels.MANAGED_BY
                        + "="
                        + ResourceLabels.MANAGED_BY_VALUE
                        + " "
                        + what
                        + ". The client needs list and watch on those kinds"
                        + (options.namespace() == null
                                ? " in every namespace (or use StatusViewOptions.namespace)."
                                : " there."),
                cause);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** On the view's thread: every status from the synced caches; the reads that started. */
    private List<CompletableFuture<Void>> computeAll() {
        Set<Key> keys = new TreeSet<>(Comparator.comparing(Key::index));
        for (SharedIndexInformer<? extends HasMetadata> i : List.of(deployments, pods, states)) {
            i.getStore().list().forEach(o -> keyOf(o).ifPresent(keys::add));
        }
        keys.forEach(this::recompute);
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        entries.values().stream().map(e -> e.reading).filter(Objects::nonNull).forEach(reads::add);
        if (operatorWatch != null) {
            reads.add(operatorWatch);
        }
        return reads;
    }

    private static Optional<Key> keyOf(HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels == null
                || !ResourceLabels.MANAGED_BY_VALUE.equals(labels.get(ResourceLabels.MANAGED_BY))
                || labels.get(ResourceLabels.INSTANCE) == null
                || o.getMetadata().getNamespace() == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Key(o.getMetadata().getNamespace(), labels.get(ResourceLabels.INSTANCE)));
    }

    /** The deployment an Event is about, if one of the SDK's workloads. */
    private static Optional<Key> keyOfEvent(Event e) {
        String namespace =
                e.getInvolvedObject() != null && e.getInvolvedObject().getNamespace() != null
                        ? e.getInvolvedObject().getNamespace()
                        : e.getMetadata().getNamespace();
        if (namespace == null) {
            return Optional.empty();
        }
        return EventDigest.deploymentOf(e).map(name -> new Key(namespace, name));
    }

    /** Marks the deployment of every object an informer reports as changed. */
    private final class Touch<T extends HasMetadata> implements ResourceEventHandler<T> {
        private final Function<T, Optional<Key>> key;

        Touch(Function<T, Optional<Key>> key) {
            this.key = key;
        }

        @Override
        public void onAdd(T o) {
            key.apply(o).ifPresent(InformerStatusView.this::markDirty);
        }

        @Override
        public void onUpdate(T before, T after) {
            key.apply(before).ifPresent(InformerStatusView.this::markDirty);
            key.apply(after).ifPresent(InformerStatusView.this::markDirty);
        }

        @Override
        public void onDelete(T o, boolean finalStateUnknown) {
            key.apply(o).ifPresent(InformerStatusView.this::markDirty);
        }
    }

    private void markDirty(Key key) {
        dirty.add(key);
        if (!closed.get() && drainScheduled.compareAndSet(false, true)) {
            onWorker(this::drain);
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (Iterator<Key> it = dirty.iterator(); it.hasNext(); ) {
            Key key = it.next();
            it.remove();
            recompute(key);
        }
    }

    /** On the view's thread: the deployment's status from the caches, published if it changed. */
    private void recompute(Key key) {
        List<Deployment> ds = deployments.getIndexer().byIndex(BY_DEPLOYMENT, key.index());
        List<Pod> ps = pods.getIndexer().byIndex(BY_DEPLOYMENT, key.index());
        List<ConfigMap> cms = states.getIndexer().byIndex(BY_DEPLOYMENT, key.index());
        List<Event> es = events.getIndexer().byIndex(BY_DEPLOYMENT, key.index());
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        readState(key, e, cms);
        DeploymentStatus status =
                OperatorObserver.targets(e.state)
                        ? operatorStatus(key, e)
                        : standaloneStatus(key, e, ds, ps, es);
        if (status == null) {
            return; // the FlinkDeployment watch has not listed yet: it marks this again
        }
        DeploymentStatus previous = e.status;
        boolean gone = ds.isEmpty() && ps.isEmpty() && cms.isEmpty();
        if (gone) {
            entries.remove(key);
            if (e.reading != null) {
                e.reading.complete(null);
            }
        } else {
            e.status = status;
        }
        if (!status.equals(previous) && (previous != null || !gone)) {
            publish(previous, status);
        }
    }

    /** A standalone deployment's status: its workloads, Events and the job its JobManager runs. */
    private DeploymentStatus standaloneStatus(
            Key key, Entry e, List<Deployment> ds, List<Pod> ps, List<Event> es) {
        Pods workloads = StatusAssembly.pods(ResourceNames.of(key.name()), ds, ps, es);
        boolean asks = StatusAssembly.asksFlink(workloads, StatusAssembly.suspended(e.state));
        String jobManager = asks ? jobManagerIncarnation(ps) : null;
        e.asks = asks;
        if (!Objects.equals(jobManager, e.jobManager)) {
            // another JobManager (or none): what the last one said is not this one's job
            e.jobManager = jobManager;
            e.job = null;
            if (asks) {
                e.nextReadAt = System.nanoTime();
                requestRead(key, e);
            }
        }
        JobInfo job = asks && e.job != null ? e.job.job() : null;
        String problem =
                e.stateProblem != null
                        ? e.stateProblem
                        : asks && e.job != null ? e.job.problem() : null;
        return StatusAssembly.assemble(
                key.namespace(), key.name(), e.state, workloads, job, problem);
    }

    /**
     * An operator-target deployment's status from its {@code FlinkDeployment}'s {@code .status} (as
     * a handle's {@code status()} reads it); null until the FlinkDeployment watch has listed. The
     * watch starts with the first such deployment the view sees, so a view of standalone
     * deployments never lists FlinkDeployments and works without the operator's CRD.
     */
    private DeploymentStatus operatorStatus(Key key, Entry e) {
        e.asks = false;
        e.jobManager = null;
        e.job = null;
        SharedIndexInformer<GenericKubernetesResource> crs = flinkDeployments();
        Optional<GenericKubernetesResource> cr = Optional.empty();
        if (crs != null) {
            if (!crs.hasSynced()) {
                return null;
            }
            cr = crs.getIndexer().byIndex(BY_DEPLOYMENT, key.index()).stream().findFirst();
        }
        return OperatorObserver.status(key.namespace(), key.name(), cr, e.state);
    }

    /**
     * The FlinkDeployment informer, started on first use; null when it could not list them (no
     * operator CRD, or no permission), which is logged once.
     */
    private SharedIndexInformer<GenericKubernetesResource> flinkDeployments() {
        if (flinkDeployments == null && operatorWatch == null && !closed.get()) {
            MixedOperation<
                            GenericKubernetesResource,
                            GenericKubernetesResourceList,
                            Resource<GenericKubernetesResource>>
                    crs;
            try {
                crs =
                        ctx.client()
                                .genericKubernetesResources(
                                        ObjectKind.FLINK_DEPLOYMENT.apiVersion(),
                                        ObjectKind.FLINK_DEPLOYMENT.kind());
            } catch (KubernetesClientException e) {
                // fabric8 finds no FlinkDeployment in API discovery: the operator's CRDs are not
                // installed. Given up like a watch that fails to start, once.
                operatorWatch = CompletableFuture.completedFuture(null);
                operatorWatchStarted(null, e);
                return null;
            }
            flinkDeployments =
                    informer(
                            crs,
                            Map.of(ResourceLabels.MANAGED_BY, ResourceLabels.MANAGED_BY_VALUE),
                            GenericKubernetesResource.class,
                            "metadata.labels",
                            "spec.jobManager.replicas",
                            "spec.taskManager.replicas",
                            "status");
            operatorWatch =
                    flinkDeployments
                            .start()
                            .toCompletableFuture()
                            .handleAsync(this::operatorWatchStarted, worker);
            if (closed.get()) {
                flinkDeployments.stop(); // closed meanwhile
            }
        }
        return flinkDeployments;
    }

    private Void operatorWatchStarted(Void ignored, Throwable error) {
        if (error != null && !closed.get()) {
            LOG.warn(
                    "The status view cannot list and watch {} {}: operator-target deployments"
                            + " show no FlinkDeployment until a new view can",
                    ObjectKind.FLINK_DEPLOYMENT.apiVersion(),
                    ObjectKind.FLINK_DEPLOYMENT.kind(),
                    error);
            SharedIndexInformer<GenericKubernetesResource> failed = flinkDeployments;
            flinkDeployments = null;
            if (failed != null) {
                failed.stop();
            }
        }
        entries.forEach(
                (key, e) -> {
                    if (OperatorObserver.targets(e.state)) {
                        markDirty(key);
                    }
                });
        return null;
    }

    private void readState(Key key, Entry e, List<ConfigMap> cms) {
        String name = ResourceNames.of(key.name()).sdkState();
        ConfigMap cm =
                cms.stream()
                        .filter(c -> name.equals(c.getMetadata().getName()))
                        .findFirst()
                        .orElse(null);
        String version = cm == null ? null : cm.getMetadata().getResourceVersion();
        if (Objects.equals(version, e.stateVersion) && (cm != null || e.state.isEmpty())) {
            return;
        }
        e.stateVersion = version;
        e.stateProblem = null;
        try {
            e.state =
                    cm == null
                            ? Optional.empty()
                            : StateStore.find(key.namespace(), key.name(), List.of(cm));
        } catch (FlinkK8sException ex) {
            e.state = Optional.empty();
            e.stateProblem = ex.getMessage();
        }
        e.application = e.state.map(s -> s.spec().job() != null).orElse(true);
    }

    /** The ready JobManager pods (uid and restarts): a job read belongs to these. */
    private static String jobManagerIncarnation(List<Pod> ps) {
        return ps.stream()
                .filter(
                        p ->
                                Component.JOB_MANAGER
                                        .labelValue()
                                        .equals(StatusAssembly.label(p, ResourceLabels.COMPONENT)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && ready(p))
                .map(
                        p ->
                                p.getMetadata().getUid()
                                        + ":"
                                        + StatusAssembly.restarts(
                                                List.of(p), Component.JOB_MANAGER))
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null
                && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void publish(DeploymentStatus previous, DeploymentStatus current) {
        for (StatusListener l : listeners) {
            try {
                l.onStatusChange(previous, current);
            } catch (RuntimeException ex) {
                LOG.warn(
                        "A status listener failed on {}/{}; ignored",
                        current.namespace(),
                        current.name(),
                        ex);
            }
        }
    }

    // ---- reading jobs, on the view's thread ------------------------------------------------

    private CompletableFuture<Void> requestRead(Key key, Entry e) {
        if (e.reading == null) {
            e.reading = new CompletableFuture<>();
            readQueue.add(key);
            pump();
        }
        return e.reading;
    }

    private void pump() {
        while (inFlight < options.maxConcurrentFlinkRequests() && !readQueue.isEmpty()) {
            Key key = readQueue.poll();
            Entry e = entries.get(key);
            if (e == null || !e.asks) {
                if (e != null && e.reading != null) {
                    e.reading.complete(null);
                    e.reading = null;
                }
                continue;
            }
            String jobManager = e.jobManager;
            inFlight++;
            reader.read(key.namespace(), key.name())
                    .thenAcceptAsync(read -> onRead(key, jobManager, read), worker);
        }
    }

    private void onRead(Key key, String jobManager, Read read) {
        inFlight--;
        Entry e = entries.get(key);
        if (e != null && e.reading != null) {
            CompletableFuture<Void> reading = e.reading;
            e.reading = null;
            if (e.asks && Objects.equals(jobManager, e.jobManager)) {
                e.job = read;
                Duration next =
                        settled(e, read)
                                ? options.flinkRefreshInterval()
                                : ctx.options().pollInterval();
                e.nextReadAt = System.nanoTime() + next.toNanos();
                recompute(key);
                reading.complete(null);
            } else if (e.asks) {
                // the JobManager changed while it was read: read the new one
                requestRead(key, e).whenComplete((v, t) -> reading.complete(null));
            } else {
                reading.complete(null);
            }
        }
        pump();
    }

    /** Whether the job is where it stays for a while: read it again only at the refresh rate. */
    private static boolean settled(Entry e, Read read) {
        if (read.problem() != null) {
            return false;
        }
        if (!e.application) {
            return true;
        }
        return read.job() != null
                && (read.job().state() == JobStatus.RUNNING
                        || read.job().state().isGloballyTerminalState());
    }

    private void readDue() {
        long now = System.nanoTime();
        entries.forEach(
                (key, e) -> {
                    if (e.asks && e.reading == null && now - e.nextReadAt >= 0) {
                        requestRead(key, e);
                    }
                });
    }

    // ---- the API ---------------------------------------------------------------------------

    @Override
    public DeploymentStatus status(String namespace, String name) {
        checkOpen();
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Entry e = entries.get(new Key(namespace, name));
        DeploymentStatus status = e == null ? null : e.status;
        return status != null ? status : unknown(namespace, name);
    }

    private static DeploymentStatus unknown(String namespace, String name) {
        Pods none = StatusAssembly.pods(ResourceNames.of(name), List.of(), List.of());
        return StatusAssembly.assemble(namespace, name, Optional.empty(), none, null, null);
    }

    @Override
    public List<DeploymentStatus> statuses() {
        checkOpen();
        List<DeploymentStatus> all = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            DeploymentStatus s = e.status;
            if (s != null) {
                all.add(s);
            }
        }
        all.sort(
                Comparator.comparing(DeploymentStatus::namespace)
                        .thenComparing(DeploymentStatus::name));
        return all;
    }

    @Override
    public DeploymentStatus refresh(String namespace, String name) {
        checkOpen();
        Key key = new Key(namespace, name);
        Duration limit = ctx.options().flinkRequestTimeout().plus(REFRESH_GRACE);
        try {
            CompletableFuture.supplyAsync(
                            () -> {
                                Entry e = entries.get(key);
                                if (e == null || !e.asks) {
                                    return CompletableFuture.<Void>completedFuture(null);
                                }
                                return requestRead(key, e);
                            },
                            worker)
                    .thenCompose(f -> f)
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            LOG.debug("refresh of {}/{} did not complete", namespace, name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status(namespace, name);
    }

    @Override
    public DeploymentStatus await(
            String namespace,
            String name,
            Predicate<DeploymentStatus> condition,
            Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        CompletableFuture<DeploymentStatus> met = new CompletableFuture<>();
        AtomicReference<DeploymentStatus> last = new AtomicReference<>();
        StatusListener listener =
                (before, now) -> {
                    if (now.namespace().equals(namespace) && now.name().equals(name)) {
                        last.set(now);
                        test(condition, now, met);
                    }
                };
        addListener(listener);
        try {
            DeploymentStatus current = status(namespace, name);
            last.compareAndSet(null, current);
            test(condition, current, met);
            return met.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            DeploymentStatus seen = last.get();
            String observed = seen.lifecycle() + " (" + seen.message() + ")";
            throw new WaitTimeoutException(
                    namespace
                            + "/"
                            + name
                            + " did not reach the awaited status within "
                            + timeout
                            + "; last observed: "
                            + observed
                            + ".",
                    observed);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new FlinkK8sException("The awaited condition failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkK8sException("Interrupted while awaiting " + namespace + "/" + name, e);
        } finally {
            removeListener(listener);
        }
    }

    private static void test(
            Predicate<DeploymentStatus> condition,
            DeploymentStatus status,
            CompletableFuture<DeploymentStatus> met) {
        try {
            if (condition.test(status)) {
                met.complete(status);
            }
        } catch (RuntimeException e) {
            met.completeExceptionally(e);
        }
    }

    @Override
    public void addListener(StatusListener listener) {
        checkOpen();
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(StatusListener listener) {
        listeners.remove(listener);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(
                    "This status view is closed (by close() or by closing its deployer);"
                            + " make a new one with FlinkDeployer.statusView.");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (SharedIndexInformer<?> i : List.of(deployments, pods, states, events)) {
            i.stop();
        }
        SharedIndexInformer<GenericKubernetesResource> crs = flinkDeployments;
        if (crs != null) {
            crs.stop();
        }
        worker.shutdownNow();
        resolving.shutdownNow();
        reader.close();
        listeners.clear();
        onClose.accept(this);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "DeploymentStatusView["
                + (options.namespace() == null ? "all namespaces" : options.namespace())
                + ", "
                + entries.size()
                + " deployments]";
    }
}
