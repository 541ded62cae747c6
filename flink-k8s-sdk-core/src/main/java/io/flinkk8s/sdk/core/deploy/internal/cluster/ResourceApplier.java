package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares rendered objects with what the cluster holds and applies the difference: one LIST per
 * kind to read (equality label selector {@code managed-by=flink-k8s-sdk,instance=<name>}), one
 * server-side-apply PATCH per object that is new or changed (none for an unchanged one, never a GET
 * before it), one DELETE per object to prune. An object that stops applying a {@code spec.replicas}
 * the SDK owned gets one more apply before its own, by {@link ReplicaHandover}.
 */
public final class ResourceApplier {

    /** Flink's label on its HA ConfigMaps; prune never touches an object carrying it. */
    public static final String FLINK_HA_CONFIGMAP_TYPE = "configmap-type";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceApplier.class);

    private final KubernetesClient client;
    private final DeployOptions options;
    private final Executor executor;
    private final Retrier retrier;
    private final KubernetesSerialization serialization;

    ResourceApplier(
            KubernetesClient client, DeployOptions options, Executor executor, Retrier retrier) {
        this.client = client;
        this.options = options;
        this.executor = executor;
        this.retrier = retrier;
        this.serialization = client.getKubernetesSerialization();
    }

    /** A kind to list. */
    public record KindRef(String apiVersion, String kind) {

        /** The kind of the SDK's table. */
        public static KindRef of(ObjectKind kind) {
            return new KindRef(kind.apiVersion(), kind.kind());
        }
    }

    /**
     * What the cluster holds of one deployment.
     *
     * @param objects the listed objects by kind and name
     * @param listedKinds the kinds that were listed; objects of other kinds are unknown
     */
    public record Live(Map<ResourceKey, HasMetadata> objects, Set<String> listedKinds) {

        public Live {
            objects = Map.copyOf(objects);
            listedKinds = Set.copyOf(listedKinds);
        }

        /** Nothing listed yet. */
        public static Live empty() {
            return new Live(Map.of(), Set.of());
        }

        /** The listed ConfigMaps. */
        public List<ConfigMap> configMaps() {
            return objects.values().stream()
                    .filter(ConfigMap.class::isInstance)
                    .map(ConfigMap.class::cast)
                    .toList();
        }
    }

    /** Lists {@code kinds} (skipping those {@code known} already has) and adds them to it. */
    public Live read(String namespace, String name, Set<KindRef> kinds, Live known) {
        Map<String, String> selector = new ResourceLabels(name, "", Map.of()).ownedBySdk();
        Map<ResourceKey, HasMetadata> objects = new LinkedHashMap<>(known.objects());
        Set<String> listed = new LinkedHashSet<>(known.listedKinds());
        for (KindRef k : kinds) {
            if (!listed.add(k.kind())) {
                continue;
            }
            ObjectRef what = new ObjectRef(k.apiVersion(), k.kind(), namespace, null);
            List<? extends HasMetadata> items =
                    retrier.call(what, true, () -> list(k, namespace, selector));
            for (HasMetadata o : items) {
                objects.put(new ResourceKey(k.kind(), o.getMetadata().getName()), o);
            }
        }
        return new Live(objects, listed);
    }

    /**
     * Lists the objects of one kind in {@code namespace} that carry every label of {@code selector}
     * (an equality-based selector: {@code k1=v1,k2=v2}): a kind of the SDK's table as its fabric8
     * type, any other kind generically.
     */
    private List<? extends HasMetadata> list(
            KindRef k, String namespace, Map<String, String> selector) {
        Optional<Class<? extends HasMetadata>> type =
                ObjectKind.of(k.kind())
                        .filter(kind -> !kind.isCustomResource())
                        .map(ObjectKind::type);
        if (type.isPresent()) {
            return client.resources(type.get())
                    .inNamespace(namespace)
                    .withLabels(selector)
                    .list()
                    .getItems();
        }
        return client.genericKubernetesResources(k.apiVersion(), k.kind())
                .inNamespace(namespace)
                .withLabels(selector)
                .list()
                .getItems();
    }

    /**
     * A plan's changes and what the applier notices about them.
     *
     * @param changes every rendered object, then every object to prune
     * @param advisories one per {@code spec.replicas} the apply hands to an HPA
     */
    public record Planned(List<ResourceChange> changes, List<Advisory> advisories) {}

    /** The plan: every rendered object, then every object to prune. Sends nothing. */
    public Planned plan(String name, RenderedResources desired, Live live) {
        List<ResourceChange> changes = new ArrayList<>();
        List<Advisory> advisories = new ArrayList<>();
        Set<ResourceKey> rendered = new LinkedHashSet<>(desired.keys());
        for (HasMetadata o : desired.all()) {
            ResourceKey key = ResourceKey.of(o);
            HasMetadata current = live.objects().get(key);
            if (current == null) {
                changes.add(new ResourceChange(key.kind(), key.name(), Action.CREATE, List.of()));
                continue;
            }
            List<FieldChange> diff =
                    ObjectDiff.between(json(o), json(current), options.fieldManager());
            Optional<ReplicaHandover.Step> handover = handover(o, current, desired);
            if (handover.isPresent()) {
                // spec.replicas changes owner, not value (or, from 0, to the HPA's minimum)
                diff = handedOver(diff, handover.get());
                advisories.add(handover.get().advisory(options.fieldManager()));
                changes.add(new ResourceChange(key.kind(), key.name(), Action.UPDATE, diff));
                continue;
            }
            Action action = diff.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
            changes.add(new ResourceChange(key.kind(), key.name(), action, diff));
        }
        for (Map.Entry<ResourceKey, HasMetadata> e : live.objects().entrySet()) {
            if (!rendered.contains(e.getKey())
                    && prunable(name, e.getValue(), options.prunePersistentVolumeClaims())) {
                changes.add(
                        new ResourceChange(
                                e.getKey().kind(), e.getKey().name(), Action.PRUNE, List.of()));
            }
        }
        return new Planned(changes, advisories);
    }

    private Optional<ReplicaHandover.Step> handover(
            HasMetadata o, HasMetadata current, RenderedResources desired) {
        return ReplicaHandover.needed(o, current, desired, options.fieldManager());
    }

    /** The diff with the removal of {@code spec.replicas} replaced by what really happens. */
    private static List<FieldChange> handedOver(List<FieldChange> diff, ReplicaHandover.Step h) {
        List<FieldChange> result = new ArrayList<>();
        for (FieldChange f : diff) {
            if (!f.path().equals("spec.replicas")) {
                result.add(f);
            } else if (h.force()) {
                result.add(new FieldChange(f.path(), f.before(), String.valueOf(h.replicas())));
            }
        }
        return result;
    }

    /**
     * Whether prune may delete a listed object the spec no longer renders: only objects with both
     * of the SDK's labels, and never an SDK record (a deployment's or a session job's), a Flink HA
     * ConfigMap, or (unless the option says so) a PersistentVolumeClaim.
     */
    static boolean prunable(String name, HasMetadata o, boolean prunePersistentVolumeClaims) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels == null
                || !ResourceLabels.MANAGED_BY_VALUE.equals(labels.get(ResourceLabels.MANAGED_BY))
                || !name.equals(labels.get(ResourceLabels.INSTANCE))) {
            return false;
        }
        if (StateStore.isRecord(name, o) || labels.containsKey(FLINK_HA_CONFIGMAP_TYPE)) {
            return false;
        }
        return !ObjectKind.holdsStateOf(o.getKind()) || prunePersistentVolumeClaims;
    }

    /**
     * Applies the plan's CREATE and UPDATE objects in at most two waves (three when it hands a
     * Deployment's replicas over to an HPA; concurrently within a wave, see {@link #wave}), then
     * deletes its PRUNE objects.
     *
     * @return how many objects were applied and how many deleted
     */
    public int[] execute(List<ResourceChange> plan, RenderedResources desired, Live live) {
        Map<ResourceKey, HasMetadata> byKey = new LinkedHashMap<>();
        desired.all().forEach(o -> byKey.put(ResourceKey.of(o), o));
        Map<ResourceKey, Optional<ReplicaHandover.Step>> handovers = new LinkedHashMap<>();
        List<Runnable> prunes = new ArrayList<>();
        for (ResourceChange c : plan) {
            ResourceKey key = new ResourceKey(c.kind(), c.name());
            if (c.action() == Action.CREATE || c.action() == Action.UPDATE) {
                HasMetadata current = live.objects().get(key);
                handovers.put(
                        key,
                        current == null
                                ? Optional.empty()
                                : handover(byKey.get(key), current, desired));
            } else if (c.action() == Action.PRUNE) {
                HasMetadata o = live.objects().get(key);
                prunes.add(() -> delete(o));
            }
        }
        requireServedBeforeWriting(plan, byKey);
        boolean handingOver = handovers.values().stream().anyMatch(Optional::isPresent);
        TreeMap<Integer, List<Runnable>> waves = new TreeMap<>();
        handovers.forEach(
                (key, handover) -> {
                    HasMetadata o = byKey.get(key);
                    waves.computeIfAbsent(wave(key.kind(), handingOver), w -> new ArrayList<>())
                            .add(
                                    () -> {
                                        handover.ifPresent(this::handOver);
                                        serverSideApply(o);
                                    });
                });
        int applied = 0;
        for (List<Runnable> wave : waves.values()) {
            runAll(wave);
            applied += wave.size();
        }
        runAll(prunes);
        return new int[] {applied, prunes.size()};
    }

    /**
     * Fails before the first write when the cluster does not serve the kind of a custom resource
     * the plan creates that is not the Flink Kubernetes Operator's (a {@code PodMonitor} without
     * the Prometheus Operator's CRDs): it is applied last, so without this check everything else
     * would be written first. The operator's kinds are left to the write itself, which fails as
     * fast: their resource is the only object of its target besides the HPA and budgets.
     *
     * @throws KindNotServedException naming the kind and what to install
     */
    private void requireServedBeforeWriting(
            List<ResourceChange> plan, Map<ResourceKey, HasMetadata> byKey) {
        Set<String> checked = new LinkedHashSet<>();
        for (ResourceChange c : plan) {
            HasMetadata o = byKey.get(new ResourceKey(c.kind(), c.name()));
            boolean builtIn =
                    ObjectKind.of(c.kind()).filter(k -> !k.isCustomResource()).isPresent();
            if (c.action() != Action.CREATE
                    || o == null
                    || builtIn
                    || o.getApiVersion().startsWith(ObjectKind.FLINK_API_GROUP + "/")
                    || !checked.add(o.getApiVersion() + "/" + c.kind())) {
                continue;
            }
            retrier.requireServed(ObjectRef.of(o));
        }
    }

    /**
     * The wave an object of {@code kind} is applied in. 0: what pods need to exist when they are
     * created (ServiceAccount, RBAC, ConfigMaps, PVCs) and the Services, dependency levels 0 to 2
     * of {@link ObjectKind}. 1: the Deployments, with what only refers to them or selects their
     * pods (HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, Ingress) and custom
     * resources and kinds not in the table. So every pod starts with its ServiceAccount, ConfigMaps
     * and claims in place, and a first apply costs at most two round trips of API latency. An HPA
     * may reach the API server an instant before its Deployment: Kubernetes' HPA controller ({@code
     * pkg/controller/podautoscaler/horizontal.go}) queues a new HPA with its fixed-interval rate
     * limiter, so its first sync comes one sync period (15 s by default) after it was added, when
     * the Deployment written in the same wave is there; it scales nothing before, and a target
     * missing at a sync is retried at the next. When the apply hands a {@code spec.replicas} over
     * to an HPA, every object after the Deployments waits for them (wave 2), as the handover needs.
     */
    static int wave(String kind, boolean handingOver) {
        int level = ObjectKind.levelOf(kind);
        if (level < ObjectKind.DEPLOYMENT.level()) {
            return 0;
        }
        return level == ObjectKind.DEPLOYMENT.level() || !handingOver ? 1 : 2;
    }

    /**
     * Server-side-applies one object with the options' field manager, forcing conflicts, outside
     * any plan (a session job's {@code FlinkSessionJob}).
     */
    public void apply(HasMetadata o) {
        serverSideApply(o);
    }

    private void serverSideApply(HasMetadata o) {
        String namespace = o.getMetadata().getNamespace();
        HasMetadata body = addressedByDiscovery(o);
        retrier.call(
                ObjectRef.of(o),
                true,
                () ->
                        client.resource(body)
                                .inNamespace(namespace)
                                .fieldManager(options.fieldManager())
                                .forceConflicts()
                                .serverSideApply());
    }

    /**
     * Applies a handover's body as the temporary field manager. Without {@code force} a conflict
     * means that another manager (the HPA) took the field since it was listed: as the Kubernetes
     * documentation says, there is then nothing to do.
     */
    private void handOver(ReplicaHandover.Step step) {
        HasMetadata body = step.body();
        String namespace = step.object().getMetadata().getNamespace();
        String manager = options.fieldManager() + ReplicaHandover.SUFFIX;
        retrier.call(
                ObjectRef.of(step.object()),
                false,
                () -> {
                    try {
                        var resource = client.resource(body).inNamespace(namespace);
                        return step.force()
                                ? resource.fieldManager(manager).forceConflicts().serverSideApply()
                                : resource.fieldManager(manager).serverSideApply();
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == 409 && !step.force()) {
                            LOG.debug(
                                    "{} already has another owner of spec.replicas; no handover",
                                    ObjectRef.of(step.object()));
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /**
     * Gives the HPA of autoscaling strategy {@code operator-hpa} its starting point: the rendered
     * {@code FlinkDeployment} leaves {@code spec.taskManager.replicas} (the scale subresource's
     * {@code specReplicasPath}) to the HPA, so that no apply undoes its scaling, but while the
     * field is unset the scale subresource reads 0 replicas and an HPA does not scale a target at 0
     * (a Deployment gets the API server's default of 1; a custom resource gets nothing). So when
     * the listed resource lacks the field (or was not listed: a first apply), this reads the scale
     * subresource and, if it still says 0, writes {@code minTaskManagers} through it, with the read
     * resourceVersion (an HPA that wrote first wins). The write is an update of the scale
     * subresource, not part of the apply, so the SDK's applied fields never include the count.
     * Nothing is sent when the listed resource has the field: a repeat apply writes nothing.
     */
    public void seedScale(EffectiveSpec effective, RenderedResources desired, Live live) {
        AutoscalingPolicy a = effective.spec().autoscaling();
        if (!a.isEnabled() || a.strategy() != AutoscalingStrategy.OPERATOR_HPA) {
            return;
        }
        String name = ResourceNames.of(effective.name()).flinkDeployment();
        HasMetadata listed =
                live.objects().get(new ResourceKey(ObjectKind.FLINK_DEPLOYMENT.kind(), name));
        if (listed != null
                && !json(listed)
                        .path("spec")
                        .path("taskManager")
                        .path("replicas")
                        .isMissingNode()) {
            return;
        }
        HasMetadata rendered = desired.flinkDeployment(name);
        retrier.call(
                ObjectRef.of(rendered),
                true,
                () -> {
                    Resource<GenericKubernetesResource> resource =
                            client.genericKubernetesResources(
                                            ObjectKind.FLINK_DEPLOYMENT.apiVersion(),
                                            ObjectKind.FLINK_DEPLOYMENT.kind())
                                    .inNamespace(effective.namespace())
                                    .withName(name);
                    Scale scale = resource.scale();
                    Integer replicas =
                            scale.getSpec() == null ? null : scale.getSpec().getReplicas();
                    if (replicas != null && replicas > 0) {
                        return scale;
                    }
                    return resource.scale(
                            new ScaleBuilder(scale)
                                    .editOrNewSpec()
                                    .withReplicas(a.minTaskManagers())
                                    .endSpec()
                                    .build());
                });
    }

    /** Deletes one object; one that is already gone counts as deleted. */
    public void delete(HasMetadata o) {
        String namespace = o.getMetadata().getNamespace();
        retrier.call(
                ObjectRef.of(o),
                true,
                () -> {
                    try {
                        return client.resource(addressedByDiscovery(o))
                                .inNamespace(namespace)
                                .delete();
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == 404) {
                            return List.of();
                        }
                        throw e;
                    }
                });
    }

    /** Runs the tasks on the executor and waits for all; rethrows the first failure. */
    public void runAll(List<Runnable> tasks) {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> futures =
                tasks.stream().map(t -> CompletableFuture.runAsync(t, executor)).toList();
        RuntimeException first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first =
                            e.getCause() instanceof RuntimeException r
                                    ? r
                                    : new FlinkK8sException(
                                            "An apply task failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * {@code o} itself for a built-in kind; a typed custom resource (the rendered {@code
     * FlinkDeployment}) as a generic object with the same content. fabric8 addresses a generic
     * object through API discovery, so a kind the cluster does not serve fails at once, before
     * anything is written, and {@link Retrier} reports it; a typed one it addresses from its Java
     * annotations, which a cluster without the CRD may answer differently (an in-memory server
     * stores it).
     */
    HasMetadata addressedByDiscovery(HasMetadata o) {
        boolean builtIn = ObjectKind.of(o.getKind()).filter(k -> !k.isCustomResource()).isPresent();
        if (builtIn || o instanceof GenericKubernetesResource) {
            return o;
        }
        return serialization.unmarshal(serialization.asJson(o), GenericKubernetesResource.class);
    }

    JsonNode json(HasMetadata o) {
        return serialization.convertValue(o, JsonNode.class);
    }
}
