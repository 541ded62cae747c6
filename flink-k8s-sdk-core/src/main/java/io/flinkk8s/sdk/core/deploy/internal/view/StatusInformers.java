package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.flinkk8s.sdk.core.deploy.internal.observe.EventDigest;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status view's informers and their lifecycle: Deployments, pods and the state record
 * ConfigMaps of the SDK, and the Warning Events of the namespace (or all), each indexed by
 * deployment and caching only the fields a status is made of; a fifth informer, of {@code
 * FlinkDeployment} custom resources, starts with the first operator-target deployment the view
 * sees, so a view of standalone deployments works without the operator's CRD. Every change an
 * informer reports is handed on as the deployment it concerns.
 */
final class StatusInformers {

    private static final Logger LOG = LoggerFactory.getLogger(StatusInformers.class);
    private static final String BY_DEPLOYMENT = "flinkk8s.io/deployment";

    /** How long an informer may be without its watch before the view's statuses are UNKNOWN. */
    static final Duration API_GRACE = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final StatusViewOptions options;
    private final Executor worker;
    private final Consumer<DeploymentKey> onChange;
    private final Runnable onOperatorWatch;
    private final AtomicBoolean stopped = new AtomicBoolean();
    // on the view's thread only: since when (System.nanoTime) a kind's informer has not watched
    private final Map<String, Long> notWatchingSince = new HashMap<>();
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<ConfigMap> states;
    private final CompactStore<Deployment> deploymentStore;
    private final CompactStore<Pod> podStore;
    private final CompactStore<ConfigMap> stateStore;
    private final SharedIndexInformer<Event> events;
    // set on the view's thread only (stop() reads it from another thread): the FlinkDeployment
    // informer, started with the first operator-target deployment the view sees
    private volatile SharedIndexInformer<GenericKubernetesResource> flinkDeployments;
    private CompletableFuture<Void> operatorWatch;

    /**
     * @param worker the view's thread, where the FlinkDeployment watch reports its start
     * @param onChange told the deployment of every object an informer reports as changed
     * @param onOperatorWatch told once the FlinkDeployment watch has listed (or failed to start)
     */
    StatusInformers(
            KubernetesClient client,
            StatusViewOptions options,
            Executor worker,
            Consumer<DeploymentKey> onChange,
            Runnable onOperatorWatch) {
        this.client = client;
        this.options = options;
        this.worker = worker;
        this.onChange = onChange;
        this.onOperatorWatch = onOperatorWatch;
        Map<String, String> managed =
                Map.of(ResourceLabels.MANAGED_BY, ResourceLabels.MANAGED_BY_VALUE);
        this.deploymentStore = new CompactStore<>(KeptObjects.KeptDeployment::of);
        this.deployments =
                compact(inScope(client.apps().deployments()).withLabels(managed), deploymentStore);
        this.podStore = new CompactStore<>(KeptObjects.KeptPod::of);
        this.pods = compact(inScope(client.pods()).withLabels(managed), podStore);
        this.stateStore = new CompactStore<>(new KeptObjects.StateTexts()::keep);
        this.states =
                compact(
                        inScope(client.configMaps())
                                .withLabels(
                                        Map.of(
                                                ResourceLabels.MANAGED_BY,
                                                ResourceLabels.MANAGED_BY_VALUE,
                                                ResourceLabels.COMPONENT,
                                                Component.SDK_STATE.labelValue())),
                        stateStore);
        this.events = warningEvents();
    }

    /**
     * One informer of the Warning Events of the namespace (or all): Events carry no labels, so they
     * are attributed to deployments by the object they are about ({@link EventDigest}).
     */
    private SharedIndexInformer<Event> warningEvents() {
        return informer(
                inScope(client.v1().events()).withField("type", EventDigest.WARNING),
                Event.class,
                DeploymentKey::ofEvent,
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
        return informer(inScope(kind).withLabels(labels), type, DeploymentKey::of, fields);
    }

    /**
     * An informer of the {@code selected} objects, indexed by the deployment {@code key} says each
     * belongs to, whose cache keeps only {@code fields} of each object.
     */
    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            SharedIndexInformer<T> informer(
                    FilterWatchListDeletable<T, L, R> selected,
                    Class<T> type,
                    Function<T, Optional<DeploymentKey>> key,
                    String... fields) {
        SharedIndexInformer<T> informer =
                informer(
                        selected,
                        key,
                        new ReducedStateItemStore<>(
                                ReducedStateItemStore.NAME_KEY_STATE,
                                type,
                                client.getKubernetesSerialization(),
                                fields));
        informer.addIndexers(
                Map.of(
                        BY_DEPLOYMENT,
                        o -> key.apply(o).map(k -> List.of(k.index())).orElse(List.of())));
        return informer;
    }

    /**
     * An informer of the {@code selected} objects of the SDK, caching what the view reads of them
     * in {@code store}, which also groups them by deployment.
     */
    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            SharedIndexInformer<T> compact(
                    FilterWatchListDeletable<T, L, R> selected, CompactStore<T> store) {
        return informer(selected, DeploymentKey::of, store);
    }

    /**
     * An informer of the {@code selected} objects caching them in {@code store}, with no index (not
     * even by namespace), telling the deployment {@code key} says each belongs to.
     */
    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            SharedIndexInformer<T> informer(
                    FilterWatchListDeletable<T, L, R> selected,
                    Function<T, Optional<DeploymentKey>> key,
                    ItemStore<T> store) {
        SharedIndexInformer<T> informer = selected.runnableInformer(0);
        informer.itemStore(store);
        informer.removeNamespaceIndex();
        informer.exceptionHandler(
                (started, error) -> {
                    if (started && !stopped.get()) {
                        LOG.warn(
                                "The status view's watch failed; it lists and watches again",
                                error);
                    }
                    return started && !stopped.get();
                });
        informer.addEventHandler(new Touch<>(key));
        return informer;
    }

    /**
     * Lists and watches the four kinds; completes once the Deployments, pods and state records are
     * listed (Warning Events are advice: a client that may not list them gets statuses without).
     */
    CompletableFuture<Void> start() {
        return CompletableFuture.allOf(
                deployments.start().toCompletableFuture(),
                pods.start().toCompletableFuture(),
                states.start().toCompletableFuture(),
                events.start().toCompletableFuture().handle(this::eventsStarted));
    }

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

    /**
     * Why the statuses may be out of date: null while the informers of the kinds a status stands on
     * (Deployments, pods, state records) are watching; else which of them has not been watching for
     * {@link #API_GRACE} (an API server that does not answer its lists and watches). A watch that
     * the server closes and the informer opens again at once (as they routinely are) does not
     * count. Warning Events are advice and not counted. Called on the view's thread.
     */
    String apiProblem() {
        if (stopped.get() || !hasSynced()) {
            return null;
        }
        long now = System.nanoTime();
        StringBuilder down = new StringBuilder();
        List<String> kinds = List.of("Deployments", "Pods", "ConfigMaps");
        List<SharedIndexInformer<?>> informers = List.of(deployments, pods, states);
        for (int i = 0; i < kinds.size(); i++) {
            String kind = kinds.get(i);
            if (informers.get(i).isWatching()) {
                notWatchingSince.remove(kind);
                continue;
            }
            long since = notWatchingSince.computeIfAbsent(kind, k -> now);
            if (now - since >= API_GRACE.toNanos()) {
                down.append(down.length() == 0 ? "" : ", ").append(kind);
            }
        }
        return down.length() == 0
                ? null
                : "the status view lost its watch of "
                        + down
                        + " (the API server did not answer) and is listing again; until it"
                        + " can, it shows what it saw last";
    }

    /** Whether the kinds a status stands on have been listed. */
    boolean hasSynced() {
        return deployments.hasSynced() && pods.hasSynced() && states.hasSynced();
    }

    /** The error of a view that could not start: which kinds, and the permissions it needs. */
    FlinkK8sException startFailure(String what, Throwable cause) {
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

    /** Every deployment the listed Deployments, pods and state records belong to, sorted. */
    Set<DeploymentKey> keys() {
        Set<DeploymentKey> keys = new TreeSet<>(Comparator.comparing(DeploymentKey::index));
        for (CompactStore<?> store : List.of(deploymentStore, podStore, stateStore)) {
            keys.addAll(store.deployments());
        }
        return keys;
    }

    /** The deployment's Deployments, as cached. */
    List<Deployment> deployments(DeploymentKey key) {
        return deploymentStore.objects(key);
    }

    /** The deployment's pods, as cached. */
    List<Pod> pods(DeploymentKey key) {
        return podStore.objects(key);
    }

    /** Whether the state records' cache is listed and its watch open (so it is current). */
    boolean statesWatching() {
        return states.hasSynced() && states.isWatching();
    }

    /**
     * The deployment's state record ConfigMap (at most one), as cached, its text inflated: parse
     * only when {@link #stateVersions} says it changed.
     */
    List<ConfigMap> states(DeploymentKey key) {
        return stateStore.objects(key);
    }

    /** The resource version of each of the deployment's state record ConfigMaps, by name. */
    Map<String, String> stateVersions(DeploymentKey key) {
        Map<String, String> versions = new HashMap<>(2);
        for (String k : stateStore.keys(key)) {
            CompactStore.Kept<ConfigMap> kept = stateStore.kept(k);
            if (kept != null) {
                versions.put(k.substring(k.indexOf('/') + 1), kept.resourceVersion());
            }
        }
        return versions;
    }

    /** The Warning Events about the deployment's workloads, as cached. */
    List<Event> events(DeploymentKey key) {
        return events.getIndexer().byIndex(BY_DEPLOYMENT, key.index());
    }

    /**
     * Whether the FlinkDeployment watch has yet to list: the first call starts it (on the view's
     * thread), and the watch reports through {@code onOperatorWatch} once it has. False when it
     * cannot start (no operator CRD, or no permission), which is logged once.
     */
    boolean flinkDeploymentsPending() {
        SharedIndexInformer<GenericKubernetesResource> crs = flinkDeployments();
        return crs != null && !crs.hasSynced();
    }

    /** The deployment's FlinkDeployment, if listed; empty when the watch could not start. */
    Optional<GenericKubernetesResource> flinkDeployment(DeploymentKey key) {
        SharedIndexInformer<GenericKubernetesResource> crs = flinkDeployments();
        if (crs == null) {
            return Optional.empty();
        }
        return crs.getIndexer().byIndex(BY_DEPLOYMENT, key.index()).stream().findFirst();
    }

    /** The start of the FlinkDeployment watch, once it was started; null before. */
    CompletableFuture<Void> operatorWatch() {
        return operatorWatch;
    }

    /**
     * The FlinkDeployment informer, started on first use; null when it could not list them (no
     * operator CRD, or no permission), which is logged once.
     */
    private SharedIndexInformer<GenericKubernetesResource> flinkDeployments() {
        if (flinkDeployments == null && operatorWatch == null && !stopped.get()) {
            MixedOperation<
                            GenericKubernetesResource,
                            GenericKubernetesResourceList,
                            Resource<GenericKubernetesResource>>
                    crs;
            try {
                crs =
                        client.genericKubernetesResources(
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
                            "metadata.generation",
                            "spec.jobManager.replicas",
                            "spec.taskManager.replicas",
                            "status");
            operatorWatch =
                    flinkDeployments
                            .start()
                            .toCompletableFuture()
                            .handleAsync(this::operatorWatchStarted, worker);
            if (stopped.get()) {
                flinkDeployments.stop(); // stopped meanwhile
            }
        }
        return flinkDeployments;
    }

    private Void operatorWatchStarted(Void ignored, Throwable error) {
        if (error != null && !stopped.get()) {
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
        onOperatorWatch.run();
        return null;
    }

    /** Stops every informer; they report nothing more. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        for (SharedIndexInformer<?> i : List.of(deployments, pods, states, events)) {
            i.stop();
        }
        SharedIndexInformer<GenericKubernetesResource> crs = flinkDeployments;
        if (crs != null) {
            crs.stop();
        }
    }

    /** Hands on the deployment of every object an informer reports as changed. */
    private final class Touch<T extends HasMetadata> implements ResourceEventHandler<T> {
        private final Function<T, Optional<DeploymentKey>> key;

        Touch(Function<T, Optional<DeploymentKey>> key) {
            this.key = key;
        }

        @Override
        public void onAdd(T o) {
            key.apply(o).ifPresent(onChange);
        }

        @Override
        public void onUpdate(T before, T after) {
            key.apply(before).ifPresent(onChange);
            key.apply(after).ifPresent(onChange);
        }

        @Override
        public void onDelete(T o, boolean finalStateUnknown) {
            key.apply(o).ifPresent(onChange);
        }
    }
}
