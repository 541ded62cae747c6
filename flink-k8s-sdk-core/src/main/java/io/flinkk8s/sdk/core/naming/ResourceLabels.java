package io.flinkk8s.sdk.core.naming;

import java.util.Map;
import java.util.TreeMap;

/**
 * The only place label keys and values are decided. {@link #common} is what every rendered object
 * carries; {@link #selector} is what workloads and Services select on, and it never contains user,
 * version or other mutable labels, because a Deployment's selector cannot change
 * (kubernetes#50808).
 *
 * @param instance the deployment name ({@code app.kubernetes.io/instance})
 * @param version the Flink version, e.g. {@code 2.1} ({@code app.kubernetes.io/version}); null for
 *     a session job, which runs on its session cluster's Flink: {@link #common} leaves the label
 *     out
 * @param userLabels the spec's labels, added to every object's metadata, never to selectors or pod
 *     templates
 */
public record ResourceLabels(String instance, String version, Map<String, String> userLabels) {

    /** {@code app.kubernetes.io/name}. */
    public static final String NAME = "app.kubernetes.io/name";

    /** {@code app.kubernetes.io/instance}: the deployment; prune selects on it. */
    public static final String INSTANCE = "app.kubernetes.io/instance";

    /** {@code app.kubernetes.io/component}. */
    public static final String COMPONENT = "app.kubernetes.io/component";

    /** {@code app.kubernetes.io/version}. */
    public static final String VERSION = "app.kubernetes.io/version";

    /** {@code app.kubernetes.io/managed-by}: marks objects this SDK owns; prune selects on it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** The value of {@code app.kubernetes.io/name}. */
    public static final String NAME_VALUE = "flink";

    /** The value of {@code app.kubernetes.io/managed-by}. */
    public static final String MANAGED_BY_VALUE = "flink-k8s-sdk";

    /** Copies the user labels. */
    public ResourceLabels {
        userLabels = userLabels == null ? Map.of() : Map.copyOf(userLabels);
    }

    /** Whether a user label key is one the SDK sets itself (the validator rejects it). */
    public static boolean isReserved(String key) {
        return NAME.equals(key)
                || INSTANCE.equals(key)
                || COMPONENT.equals(key)
                || VERSION.equals(key)
                || MANAGED_BY.equals(key);
    }

    /**
     * User labels plus the five recommended labels (four without a {@code version}); sorted by key.
     */
    public Map<String, String> common(Component component) {
        Map<String, String> labels = new TreeMap<>(userLabels);
        labels.put(NAME, NAME_VALUE);
        labels.put(INSTANCE, instance);
        labels.put(COMPONENT, component.labelValue());
        if (version != null) {
            labels.put(VERSION, version);
        }
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        return labels;
    }

    /**
     * What a pod template carries: the recommended labels of {@link #common} without the spec's
     * labels, so that a label change reaches the objects' metadata without replacing pods (a
     * template's own labels come from the spec's {@code podTemplate}).
     */
    public Map<String, String> pod(Component component) {
        return new ResourceLabels(instance, version, Map.of()).common(component);
    }

    /** Only instance and component: immutable across every change a spec can make. */
    public Map<String, String> selector(Component component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(INSTANCE, instance);
        labels.put(COMPONENT, component.labelValue());
        return labels;
    }

    /** What prune and status select on: every object of this deployment the SDK manages. */
    public Map<String, String> ownedBySdk() {
        Map<String, String> labels = new TreeMap<>();
        labels.put(INSTANCE, instance);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        return labels;
    }
}
