package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateStore;
import io.flinkk8s.sdk.core.deploy.internal.observe.Health;
import io.flinkk8s.sdk.core.deploy.internal.observe.OperatorObserver;
import io.flinkk8s.sdk.core.deploy.internal.observe.StateFacts;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly.Pods;
import io.flinkk8s.sdk.core.deploy.internal.view.FlinkJobReader.Read;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The status view's index: the last status of every deployment, made from the informers' caches
 * ({@link StatusAssembly}, as a handle's {@code status()} makes it) and the job the {@link
 * FlinkReadScheduler} last read, remade on the view's thread whenever an informer or a read reports
 * the deployment, and handed on when it changed. Readers on other threads see the last status made.
 */
final class DeploymentIndex {

    /**
     * What the index holds of one deployment; all but the status only on the view's thread. Of the
     * state record only its {@link StateFacts}: the record is parsed once per version and dropped.
     */
    private static final class Entry {
        volatile DeploymentStatus status;
        String stateVersion;
        Optional<StateFacts> state = Optional.empty();
        String stateProblem;
    }

    private final StatusInformers informers;
    private final FlinkReadScheduler reads;
    private final ExecutorService worker;
    private final BiConsumer<DeploymentStatus, DeploymentStatus> onChange;
    private final Map<DeploymentKey, Entry> entries = new ConcurrentHashMap<>();
    private final Set<DeploymentKey> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Clock clock;
    // set on the view's thread only
    private String apiProblem;

    /**
     * @param worker the view's thread
     * @param onChange told each changed status (and the one before it, null for a new deployment)
     * @param clock the time of a condition's transition
     */
    DeploymentIndex(
            StatusInformers informers,
            FlinkReadScheduler reads,
            ExecutorService worker,
            BiConsumer<DeploymentStatus, DeploymentStatus> onChange,
            Clock clock) {
        this.clock = clock;
        this.informers = informers;
        this.reads = reads;
        this.worker = worker;
        this.onChange = onChange;
    }

    /** The last status of the deployment; null when the index has none. */
    DeploymentStatus status(DeploymentKey key) {
        Entry e = entries.get(key);
        return e == null ? null : e.status;
    }

    /** The last status of every deployment, by namespace and name. */
    List<DeploymentStatus> statuses() {
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

    /** How many deployments the index holds. */
    int size() {
        return entries.size();
    }

    /**
     * On the view's thread: every status from the synced caches.
     *
     * @return the reads of jobs (and the FlinkDeployment watch) that started meanwhile
     */
    List<CompletableFuture<Void>> computeAll() {
        informers.keys().forEach(this::recompute);
        List<CompletableFuture<Void>> started = new ArrayList<>(reads.pending());
        if (informers.operatorWatch() != null) {
            started.add(informers.operatorWatch());
        }
        return started;
    }

    /** From any thread: the deployment changed; its status is remade on the view's thread. */
    void markDirty(DeploymentKey key) {
        dirty.add(key);
        if (!worker.isShutdown() && drainScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    /** On the view's thread: every operator-target deployment is remade (its watch has listed). */
    void markOperatorTargetsDirty() {
        entries.forEach(
                (key, e) -> {
                    if (targets(e)) {
                        markDirty(key);
                    }
                });
    }

    /**
     * On the view's thread: whether the informers can read the API server now ({@link
     * StatusInformers#apiProblem}); when that changed, every status is remade, UNKNOWN while they
     * cannot, and tracked again once they can.
     */
    void checkApi() {
        String now = informers.apiProblem();
        if (!Objects.equals(now, apiProblem)) {
            apiProblem = now;
            entries.keySet().forEach(this::markDirty);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (Iterator<DeploymentKey> it = dirty.iterator(); it.hasNext(); ) {
            DeploymentKey key = it.next();
            it.remove();
            recompute(key);
        }
    }

    /** On the view's thread: the deployment's status from the caches, handed on if it changed. */
    void recompute(DeploymentKey key) {
        List<Deployment> ds = informers.deployments(key);
        List<Pod> ps = informers.pods(key);
        Map<String, String> stateVersions = informers.stateVersions(key);
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        readState(key, e, stateVersions);
        DeploymentStatus status =
                targets(e)
                        ? operatorStatus(key, e)
                        : standaloneStatus(key, e, ds, ps, informers.events(key));
        if (status == null) {
            return; // the FlinkDeployment watch has not listed yet: it marks this again
        }
        DeploymentStatus previous = e.status;
        if (apiProblem != null) {
            // what the caches hold may be out of date: the last status, judged UNKNOWN
            DeploymentStatus base = previous != null ? previous : status;
            status = StatusAssembly.judged(base, unknownPods(), null, apiProblem, clock.instant());
        }
        status = Health.keepTransitionTimes(previous, status);
        boolean gone = ds.isEmpty() && ps.isEmpty() && stateVersions.isEmpty();
        if (gone) {
            entries.remove(key);
            reads.forget(key);
        } else {
            e.status = status;
        }
        if (!status.equals(previous) && (previous != null || !gone)) {
            onChange.accept(previous, status);
        }
    }

    /** A standalone deployment's status: its workloads, Events and the job its JobManager runs. */
    private DeploymentStatus standaloneStatus(
            DeploymentKey key, Entry e, List<Deployment> ds, List<Pod> ps, List<Event> es) {
        Pods workloads = StatusAssembly.pods(ResourceNames.of(key.name()), ds, ps, es);
        boolean asks =
                StatusAssembly.asksFlink(
                        workloads, e.state.map(StateFacts::suspended).orElse(false));
        reads.observe(key, asks, asks ? jobManagerIncarnation(ps) : null, application(e));
        Read read = reads.lastRead(key);
        JobInfo job = read != null ? read.job() : null;
        String flinkProblem = read != null ? read.problem() : null;
        String problem = e.stateProblem != null ? e.stateProblem : flinkProblem;
        return StatusAssembly.judged(
                StatusAssembly.assembleFrom(
                        key.namespace(), key.name(), e.state, workloads, job, problem),
                workloads,
                flinkProblem,
                null,
                clock.instant());
    }

    private static Pods unknownPods() {
        return StatusAssembly.pods(ResourceNames.of(""), List.of(), List.of());
    }

    /**
     * An operator-target deployment's status from its {@code FlinkDeployment}'s {@code .status} (as
     * a handle's {@code status()} reads it); null until the FlinkDeployment watch has listed.
     */
    private DeploymentStatus operatorStatus(DeploymentKey key, Entry e) {
        reads.observe(key, false, null, application(e));
        if (informers.flinkDeploymentsPending()) {
            return null;
        }
        Optional<GenericKubernetesResource> cr = informers.flinkDeployment(key);
        return OperatorObserver.statusFrom(
                key.namespace(), key.name(), cr, e.state, clock.instant());
    }

    private static boolean targets(Entry e) {
        return e.state.map(StateFacts::operatorTarget).orElse(false);
    }

    private static boolean application(Entry e) {
        return e.state.map(StateFacts::application).orElse(true);
    }

    /** The deployment's state record's facts, parsed again only when its version changed. */
    private void readState(DeploymentKey key, Entry e, Map<String, String> versions) {
        String name = ResourceNames.of(key.name()).sdkState();
        String version = versions.get(name);
        if (Objects.equals(version, e.stateVersion) && (version != null || e.state.isEmpty())) {
            return;
        }
        e.stateVersion = version;
        e.stateProblem = null;
        try {
            Optional<ConfigMap> cm =
                    version == null
                            ? Optional.empty()
                            : informers.states(key).stream()
                                    .filter(c -> name.equals(c.getMetadata().getName()))
                                    .findFirst();
            cm.ifPresent(c -> e.stateVersion = c.getMetadata().getResourceVersion());
            e.state =
                    cm.flatMap(c -> StateStore.find(key.namespace(), key.name(), List.of(c)))
                            .map(StateFacts::of);
        } catch (FlinkK8sException ex) {
            e.state = Optional.empty();
            e.stateProblem = ex.getMessage();
        }
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
}
