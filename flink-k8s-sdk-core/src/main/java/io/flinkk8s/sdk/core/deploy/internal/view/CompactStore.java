package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An informer cache keeping, per object, a compact copy of what the status view reads ({@link
 * Kept}) instead of the object: made once when the informer hands the object over, restored as a
 * small object of the kind on each read. The key is the informer's usual {@code namespace/name};
 * the store also groups the keys by the deployment each object is labelled with (in place of an
 * informer index, which keeps a map per deployment and kind), sharing the key strings.
 *
 * @param <T> the kind
 */
final class CompactStore<T extends HasMetadata> implements ItemStore<T> {

    /**
     * The compact copy of one object.
     *
     * @param <T> the kind it restores
     */
    interface Kept<T> {

        /** The object's resource version, as the API server gave it. */
        String resourceVersion();

        /** An object of the kind carrying what was kept. */
        T restore(String namespace, String name);

        /** The object's {@code app.kubernetes.io/managed-by} label; may be null. */
        String managedBy();

        /** The object's {@code app.kubernetes.io/instance} label; may be null. */
        String instance();
    }

    private static final String[] NONE = {};

    private final Function<T, Kept<T>> keep;
    private final Map<String, Kept<T>> items = new ConcurrentHashMap<>();
    // the keys of each deployment's objects; changed under the informer's lock (one writer)
    private final Map<DeploymentKey, String[]> byDeployment = new ConcurrentHashMap<>();

    /**
     * @param keep what is kept of an object
     */
    CompactStore(Function<T, Kept<T>> keep) {
        this.keep = keep;
    }

    /** The compact copy of the object at {@code key}; null when there is none. */
    Kept<T> kept(String key) {
        return items.get(key);
    }

    /** The keys of the objects labelled as the deployment's own. */
    List<String> keys(DeploymentKey deployment) {
        return List.of(byDeployment.getOrDefault(deployment, NONE));
    }

    /** The objects labelled as the deployment's own, restored. */
    List<T> objects(DeploymentKey deployment) {
        List<T> found = new ArrayList<>(2);
        for (String key : byDeployment.getOrDefault(deployment, NONE)) {
            T o = get(key);
            if (o != null) {
                found.add(o);
            }
        }
        return found;
    }

    /** Every deployment some object is labelled as. */
    Set<DeploymentKey> deployments() {
        return byDeployment.keySet();
    }

    @Override
    public String getKey(T o) {
        return Cache.metaNamespaceKeyFunc(o);
    }

    @Override
    public T put(String key, T o) {
        Kept<T> kept = keep.apply(o);
        Kept<T> before = items.put(key, kept);
        DeploymentKey was = before == null ? null : deploymentOf(key, before);
        DeploymentKey is = deploymentOf(key, kept);
        if (!Objects.equals(was, is)) {
            unlink(was, key);
            link(is, key);
        }
        return restore(key, before);
    }

    @Override
    public T remove(String key) {
        Kept<T> before = items.remove(key);
        if (before != null) {
            unlink(deploymentOf(key, before), key);
        }
        return restore(key, before);
    }

    private void link(DeploymentKey deployment, String key) {
        if (deployment != null) {
            byDeployment.merge(
                    deployment,
                    new String[] {key},
                    (keys, added) -> {
                        String[] more = Arrays.copyOf(keys, keys.length + 1);
                        more[keys.length] = key;
                        return more;
                    });
        }
    }

    private void unlink(DeploymentKey deployment, String key) {
        if (deployment != null) {
            byDeployment.computeIfPresent(
                    deployment,
                    (d, keys) -> {
                        String[] left =
                                Arrays.stream(keys)
                                        .filter(k -> !k.equals(key))
                                        .toArray(String[]::new);
                        return left.length == 0 ? null : left;
                    });
        }
    }

    /** The deployment of a kept object, as {@link DeploymentKey#of} tells it of the object. */
    private static DeploymentKey deploymentOf(String key, Kept<?> kept) {
        int slash = key.indexOf('/');
        if (slash < 0
                || kept.instance() == null
                || !ResourceLabels.MANAGED_BY_VALUE.equals(kept.managedBy())) {
            return null;
        }
        return new DeploymentKey(key.substring(0, slash).intern(), kept.instance());
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return items.entrySet().stream().map(e -> restore(e.getKey(), e.getValue()));
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public T get(String key) {
        return restore(key, items.get(key));
    }

    @Override
    public boolean isFullState() {
        return false;
    }

    private static <T> T restore(String key, Kept<T> kept) {
        if (kept == null) {
            return null;
        }
        int slash = key.indexOf('/');
        return slash < 0
                ? kept.restore(null, key)
                : kept.restore(key.substring(0, slash), key.substring(slash + 1));
    }
}
