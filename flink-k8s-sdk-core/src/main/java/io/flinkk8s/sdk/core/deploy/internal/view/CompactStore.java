package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An informer cache keeping, per object, a compact copy of what the status view reads ({@link
 * Kept}) instead of the object: made once when the informer hands the object over, restored as a
 * small object of the kind on each read. The key is the informer's usual {@code namespace/name}.
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
    }

    private final Function<T, Kept<T>> keep;
    private final Map<String, Kept<T>> items = new ConcurrentHashMap<>();

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

    @Override
    public String getKey(T o) {
        return Cache.metaNamespaceKeyFunc(o);
    }

    @Override
    public T put(String key, T o) {
        return restore(key, items.put(key, keep.apply(o)));
    }

    @Override
    public T remove(String key) {
        return restore(key, items.remove(key));
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
