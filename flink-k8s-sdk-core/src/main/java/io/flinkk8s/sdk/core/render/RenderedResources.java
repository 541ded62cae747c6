package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.Canonicalizer;
import io.flinkk8s.sdk.core.internal.KubeCopies;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes objects rendered for one spec, in apply order, and the advisories about it.
 *
 * <p>Apply order is a fixed kind rank, not step order, so that adding a step never reorders an
 * apply: ServiceAccount, Role, RoleBinding, ConfigMap, PersistentVolumeClaim, Service, Deployment,
 * HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, Ingress, then any other kind (by
 * kind); by name within a kind. The deployer applies in the same order, from the same table of
 * kinds.
 *
 * <p>On construction every object is checked (name, namespace and the recommended labels, but for
 * the version label of a {@code FlinkSessionJob}, which runs on its session cluster's Flink; a
 * missing one is an SDK bug and throws {@link IllegalStateException}) and made canonical, the way
 * the API server would store it. Immutable: every accessor hands out copies (or, from {@link
 * #convert}, values made anew), so a caller that edits what it got never changes this value.
 */
public final class RenderedResources {

    private static final List<String> REQUIRED_LABELS =
            List.of(
                    ResourceLabels.NAME,
                    ResourceLabels.INSTANCE,
                    ResourceLabels.COMPONENT,
                    ResourceLabels.VERSION,
                    ResourceLabels.MANAGED_BY);

    private static final String SESSION_JOB_KIND = "FlinkSessionJob";

    private static final Comparator<HasMetadata> APPLY_ORDER =
            Comparator.<HasMetadata>comparingInt(o -> ObjectKind.applyRank(o.getKind()))
                    .thenComparing(HasMetadata::getKind)
                    .thenComparing(o -> o.getMetadata().getName());

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private final List<HasMetadata> objects;
    private final List<Advisory> advisories;

    private RenderedResources(List<HasMetadata> objects, List<Advisory> advisories) {
        this.objects = objects;
        this.advisories = advisories;
    }

    /**
     * The checked, canonical, sorted form of {@code objects} (which are copied, not kept).
     *
     * @throws IllegalStateException when an object lacks a name, namespace or recommended label, or
     *     two objects share kind and name; each is an SDK (or custom step) bug
     */
    public static RenderedResources of(
            Collection<? extends HasMetadata> objects, List<Advisory> advisories) {
        return of(objects, advisories, false);
    }

    /** The objects and advisories of a pipeline's final {@code rendering}, checked and sorted. */
    public static RenderedResources of(Rendering rendering) {
        // A rendering's objects are its own copies, which nobody changes and nobody outside can
        // reach; this value never changes them either, so it shares them instead of copying.
        return of(rendering.emittedObjects(), rendering.advisories(), true);
    }

    private static RenderedResources of(
            Collection<? extends HasMetadata> objects, List<Advisory> advisories, boolean owned) {
        List<HasMetadata> checked = new ArrayList<>(objects.size());
        Set<ResourceKey> keys = new HashSet<>();
        for (HasMetadata o : objects) {
            check(o);
            ResourceKey key = ResourceKey.of(o);
            if (!keys.add(key)) {
                throw new IllegalStateException("SDK bug: " + key + " was rendered twice");
            }
            checked.add(owned ? Canonicalizer.canonicalOrSame(o) : Canonicalizer.canonical(o));
        }
        checked.sort(APPLY_ORDER);
        return new RenderedResources(List.copyOf(checked), List.copyOf(advisories));
    }

    /** Copies of every object, in apply order. */
    public List<HasMetadata> all() {
        return objects.stream().map(KubeCopies::copy).toList();
    }

    /**
     * Every object converted by {@code serialization} into {@code type}, in apply order: written as
     * the serialization writes it (the body an apply through a client with that serialization
     * sends), then read as {@code type} ({@link KubernetesSerialization#convertValue}), e.g. {@code
     * JsonNode.class} for JSON trees. The values are made anew on each call, and no object is
     * copied to make them: cheaper than {@link #all()} when only such a value is needed, as when
     * the deployer compares what it would apply with what the cluster holds.
     */
    public <T> List<T> convert(KubernetesSerialization serialization, Class<T> type) {
        List<T> values = new ArrayList<>(objects.size());
        for (HasMetadata o : objects) {
            values.add(serialization.convertValue(o, type));
        }
        return values;
    }

    /** The number of objects. */
    public int size() {
        return objects.size();
    }

    /** The keys of every object, in apply order. */
    public List<ResourceKey> keys() {
        return objects.stream().map(ResourceKey::of).toList();
    }

    /** A copy of the object of {@code type} named {@code name}, if rendered. */
    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return objects.stream()
                .filter(type::isInstance)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .map(o -> KubeCopies.copy(type.cast(o)));
    }

    /**
     * A copy of the object of {@code type} named {@code name}.
     *
     * @throws NoSuchElementException naming the objects of that type that were rendered
     */
    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(
                        () ->
                                new NoSuchElementException(
                                        "no "
                                                + type.getSimpleName()
                                                + " named '"
                                                + name
                                                + "' was rendered; "
                                                + type.getSimpleName()
                                                + " names: "
                                                + namesOf(type)));
    }

    /**
     * A copy of the ConfigMap {@code name}, e.g. {@code rendered.configMap(names.configMap())}.
     *
     * @throws NoSuchElementException naming the ConfigMaps that were rendered
     */
    public ConfigMap configMap(String name) {
        return get(ConfigMap.class, name);
    }

    /**
     * A copy of the Deployment {@code name}.
     *
     * @throws NoSuchElementException naming the Deployments that were rendered
     */
    public Deployment deployment(String name) {
        return get(Deployment.class, name);
    }

    /**
     * A copy of the Service {@code name}.
     *
     * @throws NoSuchElementException naming the Services that were rendered
     */
    public Service service(String name) {
        return get(Service.class, name);
    }

    /**
     * The Flink Kubernetes Operator {@code FlinkDeployment} custom resource {@code name} (target
     * {@code operator}) as a generic object, fields as maps, e.g. {@code
     * rendered.flinkDeployment(names.flinkDeployment())}. The typed form: {@code
     * rendered.get(FlinkDeployment.class, name)} ({@link
     * io.flinkk8s.sdk.core.operator.crd.FlinkDeployment}).
     *
     * @throws NoSuchElementException naming the FlinkDeployments that were rendered
     */
    public GenericKubernetesResource flinkDeployment(String name) {
        return custom(ObjectKind.FLINK_DEPLOYMENT.kind(), name);
    }

    private GenericKubernetesResource custom(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.getKind()) && o.getMetadata().getName().equals(name))
                .findFirst()
                // through JSON text, so that numbers read as they would from the API server
                .map(
                        o ->
                                SERIALIZATION.unmarshal(
                                        SERIALIZATION.asJson(o), GenericKubernetesResource.class))
                .orElseThrow(
                        () ->
                                new NoSuchElementException(
                                        "no "
                                                + kind
                                                + " named '"
                                                + name
                                                + "' was rendered; "
                                                + kind
                                                + " names: "
                                                + objects.stream()
                                                        .filter(o -> kind.equals(o.getKind()))
                                                        .map(o -> o.getMetadata().getName())
                                                        .toList()));
    }

    /** What the SDK noticed about the spec that is worth telling, in the order steps found it. */
    public List<Advisory> advisories() {
        return advisories;
    }

    private List<String> namesOf(Class<? extends HasMetadata> type) {
        return objects.stream()
                .filter(type::isInstance)
                .map(o -> o.getMetadata().getName())
                .toList();
    }

    private static void check(HasMetadata o) {
        ObjectMeta meta = o.getMetadata();
        if (o.getKind() == null || meta == null || isBlank(meta.getName())) {
            throw bug(o, "has no kind or name");
        }
        if (isBlank(meta.getNamespace())) {
            throw bug(o, "has no namespace");
        }
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        // A session job runs on its session cluster's Flink, whose version it does not know.
        List<String> required =
                SESSION_JOB_KIND.equals(o.getKind())
                        ? REQUIRED_LABELS.stream()
                                .filter(l -> !l.equals(ResourceLabels.VERSION))
                                .toList()
                        : REQUIRED_LABELS;
        for (String label : required) {
            if (isBlank(labels.get(label))) {
                List<String> missing =
                        required.stream().filter(l -> isBlank(labels.get(l))).toList();
                throw bug(o, "lacks the labels " + missing);
            }
        }
    }

    private static IllegalStateException bug(HasMetadata o, String problem) {
        ObjectMeta meta = o.getMetadata();
        return new IllegalStateException(
                "SDK bug: rendered object "
                        + o.getKind()
                        + (meta == null ? "" : "/" + meta.getName())
                        + " "
                        + problem
                        + "; every rendered object needs a name, a namespace and the labels of"
                        + " ResourceLabels.common(component)");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedResources other
                && objects.equals(other.objects)
                && advisories.equals(other.advisories);
    }

    @Override
    public int hashCode() {
        return objects.hashCode() * 31 + advisories.hashCode();
    }

    @Override
    public String toString() {
        return "RenderedResources" + keys() + (advisories.isEmpty() ? "" : " " + advisories);
    }
}
