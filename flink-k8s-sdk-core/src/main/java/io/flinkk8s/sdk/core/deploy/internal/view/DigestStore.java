package io.flinkk8s.sdk.core.deploy.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.internal.cluster.AppliedDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer cache keeping one {@link AppliedDigest} per object of one kind, and nothing else: per
 * namespace a table from the object's name (interned, so the kinds' stores share it) to a primitive
 * 64-bit digest. No key string, boxed digest or map node per object. What an informer needs back
 * (an object for a key, to tell updates and deletions) is a bare object with its name and
 * namespace. The informer's thread writes; any thread reads ({@link #digest}).
 *
 * @param <T> the kind
 */
final class DigestStore<T extends HasMetadata> implements ItemStore<T> {

    private final Class<? extends HasMetadata> type;
    private final KubernetesSerialization json;
    private final String fieldManager;
    // by namespace (String.valueOf: "null" for a cluster-scoped object, as its informer key says)
    private final Map<String, NameDigests> namespaces = new ConcurrentHashMap<>();

    DigestStore(Class<? extends HasMetadata> type, KubernetesSerialization json, String fm) {
        this.type = type;
        this.json = json;
        this.fieldManager = fm;
    }

    /** The digest kept for the object; empty when there is none. */
    OptionalLong digest(String namespace, String name) {
        NameDigests table = namespaces.get(String.valueOf(namespace));
        return table == null ? OptionalLong.empty() : table.get(name);
    }

    @Override
    public String getKey(T o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    @Override
    public T put(String key, T o) {
        OptionalLong d = AppliedDigest.ofLive(json.convertValue(o, JsonNode.class), fieldManager);
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        // an object without the manager's fields counts as absent: nothing to compare
        boolean before;
        if (d.isPresent()) {
            before =
                    namespaces
                            .computeIfAbsent(namespace.intern(), ns -> new NameDigests())
                            .put(name.intern(), d.getAsLong());
        } else {
            before = remove(namespace, name);
        }
        return before ? bare(namespace, name) : null;
    }

    @Override
    public T remove(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        return remove(namespace, name) ? bare(namespace, name) : null;
    }

    private boolean remove(String namespace, String name) {
        NameDigests table = namespaces.get(namespace);
        if (table == null || !table.remove(name)) {
            return false;
        }
        if (table.isEmpty()) {
            // one writer (the informer's thread): nothing is added to the table meanwhile
            namespaces.remove(namespace, table);
        }
        return true;
    }

    @Override
    public Stream<String> keySet() {
        List<String> keys = new ArrayList<>();
        namespaces.forEach((ns, table) -> table.names().forEach(name -> keys.add(ns + "/" + name)));
        return keys.stream();
    }

    @Override
    public Stream<T> values() {
        List<T> all = new ArrayList<>();
        namespaces.forEach((ns, table) -> table.names().forEach(name -> all.add(bare(ns, name))));
        return all.stream();
    }

    @Override
    public int size() {
        return namespaces.values().stream().mapToInt(NameDigests::size).sum();
    }

    @Override
    public T get(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        return digest(namespace, name).isPresent() ? bare(namespace, name) : null;
    }

    @Override
    public boolean isFullState() {
        return false;
    }

    @SuppressWarnings("unchecked")
    private T bare(String namespace, String name) {
        HasMetadata o;
        try {
            o =
                    type == GenericKubernetesResource.class
                            ? new GenericKubernetesResource()
                            : type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        }
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(namespace);
        meta.setName(name);
        o.setMetadata(meta);
        return (T) o;
    }

    /**
     * Digests by name in one namespace: an open-addressing table (linear probing, deletion by
     * backward shift) of names and primitive digests in two arrays, at most three quarters full.
     * Every method holds the table's lock: one thread writes, others read.
     */
    static final class NameDigests {
        private String[] names = new String[4];
        private long[] digests = new long[4];
        private int size;

        synchronized OptionalLong get(String name) {
            int i = slot(names, name);
            return names[i] == null ? OptionalLong.empty() : OptionalLong.of(digests[i]);
        }

        /** Sets the name's digest; whether the name had one. */
        synchronized boolean put(String name, long digest) {
            int i = slot(names, name);
            if (names[i] != null) {
                digests[i] = digest;
                return true;
            }
            if ((size + 1) * 4 > names.length * 3) {
                grow();
                i = slot(names, name);
            }
            names[i] = name;
            digests[i] = digest;
            size++;
            return false;
        }

        /** Removes the name's digest; whether it had one. */
        synchronized boolean remove(String name) {
            int i = slot(names, name);
            if (names[i] == null) {
                return false;
            }
            int mask = names.length - 1;
            // backward shift: move up each later entry of the run that may sit in the freed slot
            int free = i;
            for (int j = (i + 1) & mask; names[j] != null; j = (j + 1) & mask) {
                int home = home(names[j], mask);
                boolean reachable = free <= j ? home <= free || home > j : home <= free && home > j;
                if (reachable) {
                    names[free] = names[j];
                    digests[free] = digests[j];
                    free = j;
                }
            }
            names[free] = null;
            digests[free] = 0;
            size--;
            return true;
        }

        synchronized boolean isEmpty() {
            return size == 0;
        }

        synchronized int size() {
            return size;
        }

        /** The names, as a copy. */
        synchronized List<String> names() {
            List<String> all = new ArrayList<>(size);
            for (String n : names) {
                if (n != null) {
                    all.add(n);
                }
            }
            return all;
        }

        private void grow() {
            String[] oldNames = names;
            long[] oldDigests = digests;
            names = new String[oldNames.length * 2];
            digests = new long[oldNames.length * 2];
            for (int i = 0; i < oldNames.length; i++) {
                if (oldNames[i] != null) {
                    int j = slot(names, oldNames[i]);
                    names[j] = oldNames[i];
                    digests[j] = oldDigests[i];
                }
            }
        }

        /** The slot holding the name, or the free slot where it would go. */
        private static int slot(String[] names, String name) {
            int mask = names.length - 1;
            int i = home(name, mask);
            while (names[i] != null && !names[i].equals(name)) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private static int home(String name, int mask) {
            int h = name.hashCode();
            return (h ^ (h >>> 16)) & mask;
        }
    }
}
