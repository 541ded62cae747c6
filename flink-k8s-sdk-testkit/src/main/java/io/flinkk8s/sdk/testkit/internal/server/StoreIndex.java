package io.flinkk8s.sdk.testkit.internal.server;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeExtractor;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage keys of the API server by plural resource, and within a resource by namespace, by
 * name and by the labels lists select on, kept in step with the base dispatcher's storage (a map
 * from keys to JSON, in the order of each key's last write), so that a request looks only at the
 * keys it can match instead of every stored object: a get, create, update or delete at the few
 * objects of its resource with its name, a list at its resource in its namespace, or at the objects
 * with the rarest of its selector's {@code key=value} labels. Each set holds its keys in storage
 * order (a key moves to the end when it is written, as in the storage map), and callers still match
 * each key against their query, so what they find, and in which order, is what a scan of the whole
 * storage finds.
 *
 * <p>A key without a single plural, or whose plural, namespace or name is fabric8's wildcard value
 * {@code *} (which equals every value), is not indexed; while one is stored, every query scans (a
 * label value the index cannot hold only stops that label being used). Called under the
 * dispatcher's lock.
 */
final class StoreIndex {

    private static final String PLURAL = "plural";
    private static final String NAMESPACE = "namespace";
    private static final String NAME = "name";
    private static final String ANY = "*";

    /**
     * A resource's keys, or those of its keys with one value of an attribute (its namespace, name,
     * or a label as {@code labels:key}); attribute and value null for the resource's.
     */
    private record Slot(String plural, String attribute, String value) {}

    private final Map<Slot, Set<AttributeSet>> slots = new HashMap<>();
    private final Set<AttributeSet> unindexed = new LinkedHashSet<>();
    // per resource, the label attributes indexed (those a list has selected on) ...
    private final Map<String, Set<String>> labels = new HashMap<>();
    // ... and how many of its keys have a label value no slot can hold (several, or the wildcard)
    private final Map<Slot, Integer> unplacedLabels = new HashMap<>();

    /** Records a key written to storage: a new key goes last, an existing one keeps its place. */
    void add(AttributeSet key) {
        List<Slot> of = slotsOf(key);
        if (of == null) {
            unindexed.add(key);
            return;
        }
        for (Slot slot : of) {
            if (slot.value() == null && slot.attribute() != null) {
                unplacedLabels.merge(slot, 1, Integer::sum);
            } else {
                slots.computeIfAbsent(slot, s -> new LinkedHashSet<>()).add(key);
            }
        }
    }

    /** Records a key removed from storage; nothing when it is not stored. */
    void remove(AttributeSet key) {
        if (key == null || unindexed.remove(key)) {
            return;
        }
        List<Slot> of = slotsOf(key);
        if (of == null) {
            return;
        }
        for (Slot slot : of) {
            if (slot.value() == null && slot.attribute() != null) {
                unplacedLabels.computeIfPresent(slot, (s, n) -> n == 1 ? null : n - 1);
            } else {
                Set<AttributeSet> keys = slots.get(slot);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    slots.remove(slot);
                }
            }
        }
    }

    /**
     * Follows a change the base dispatcher made to {@code storage} with its {@code processEvent}:
     * {@code oldKey} removed, and {@code newState} (null: none) stored under the key it computes
     * from {@code resource} (else from the state's JSON) and {@code pathKey}. Re-reads the storage
     * if the new state is not found under that key.
     */
    void written(
            Map<AttributeSet, String> storage,
            AttributeExtractor extractor,
            AttributeSet pathKey,
            AttributeSet oldKey,
            GenericKubernetesResource resource,
            String newState) {
        remove(oldKey);
        if (newState == null) {
            return;
        }
        KubernetesAttributesExtractor keys = (KubernetesAttributesExtractor) extractor;
        AttributeSet key = resource != null ? keys.extract(resource) : keys.fromResource(newState);
        if (!key.containsKey(PLURAL)) {
            key = AttributeSet.merge(pathKey, key);
        }
        if (storage.get(key) == newState) {
            add(key);
        } else {
            rebuild(storage.keySet());
        }
    }

    /** Forgets every key, and indexes {@code keys} (the storage's, in its order). */
    void rebuild(Collection<AttributeSet> keys) {
        slots.clear();
        unindexed.clear();
        unplacedLabels.clear();
        keys.forEach(this::add);
    }

    /**
     * The stored entries whose keys match {@code query} as the base dispatcher matches them, in
     * storage order, at most {@code limit}.
     */
    List<Map.Entry<AttributeSet, String>> matching(
            Map<AttributeSet, String> storage, AttributeSet query, int limit) {
        return matching(storage, query, List.of(), limit);
    }

    /**
     * As {@link #matching(Map, AttributeSet, int)} for a query with {@code key=value} label terms
     * (attributes {@code labels:key}, listed in {@code labelAttributes}): looks only at the keys
     * with the rarest of those labels (the labels are indexed from the first list that selects on
     * them on).
     */
    List<Map.Entry<AttributeSet, String>> matching(
            Map<AttributeSet, String> storage,
            AttributeSet query,
            List<String> labelAttributes,
            int limit) {
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
        for (AttributeSet key : candidates(storage, query, labelAttributes)) {
            if (found.size() >= limit) {
                break;
            }
            if (key.matches(query)) {
                found.add(Map.entry(key, storage.get(key)));
            }
        }
        return found;
    }

    /**
     * The stored keys of a plural resource (of any group and version), of one namespace or, when
     * {@code namespace} is null, of every namespace, in storage order; a superset when a key is not
     * indexed. Callers filter by group and version.
     */
    Collection<AttributeSet> keysOf(
            Map<AttributeSet, String> storage, String plural, String namespace) {
        if (!unindexed.isEmpty()) {
            return storage.keySet();
        }
        return keys(
                namespace == null
                        ? new Slot(plural, null, null)
                        : slot(plural, NAMESPACE, namespace));
    }

    /** The fewest keys that hold every stored key matching {@code query}, in storage order. */
    private Collection<AttributeSet> candidates(
            Map<AttributeSet, String> storage, AttributeSet query, List<String> labelAttributes) {
        String plural = exact(query, PLURAL);
        if (plural == null || !unindexed.isEmpty()) {
            return storage.keySet();
        }
        String name = exact(query, NAME);
        String namespace = exact(query, NAMESPACE);
        Set<AttributeSet> best =
                keys(
                        name != null
                                ? slot(plural, NAME, name)
                                : namespace != null
                                        ? slot(plural, NAMESPACE, namespace)
                                        : new Slot(plural, null, null));
        for (String label : labelAttributes) {
            String value = exact(query, label);
            if (value == null || best.isEmpty()) {
                continue;
            }
            indexLabel(plural, label);
            if (!unplacedLabels.containsKey(new Slot(plural, label, null))) {
                Set<AttributeSet> keys = keys(slot(plural, label, value));
                if (keys.size() < best.size()) {
                    best = keys;
                }
            }
        }
        return best;
    }

    /** Starts indexing a label of a resource's keys, from its keys as stored now. */
    private void indexLabel(String plural, String label) {
        if (labels.computeIfAbsent(plural, p -> new HashSet<>()).add(label)) {
            for (AttributeSet key : List.copyOf(keys(new Slot(plural, null, null)))) {
                String value = value(key, label);
                if (value == null) {
                    unplacedLabels.merge(new Slot(plural, label, null), 1, Integer::sum);
                } else if (!value.isEmpty()) {
                    slots.computeIfAbsent(slot(plural, label, value), s -> new LinkedHashSet<>())
                            .add(key);
                }
            }
        }
    }

    private Set<AttributeSet> keys(Slot slot) {
        Set<AttributeSet> keys = slots.get(slot);
        return keys == null ? Set.of() : keys;
    }

    private static Slot slot(String plural, String attribute, String value) {
        return new Slot(plural, attribute, value);
    }

    /**
     * The slots a stored key belongs to: its resource, its resource and namespace, its resource and
     * name (when it has them), and one per indexed label it has (with a null value when no slot can
     * hold its value); null when the key cannot be indexed.
     */
    private List<Slot> slotsOf(AttributeSet key) {
        String plural = value(key, PLURAL);
        String namespace = value(key, NAMESPACE);
        String name = value(key, NAME);
        if (plural == null || plural.isEmpty() || namespace == null || name == null) {
            return null;
        }
        List<Slot> of = new ArrayList<>(4);
        of.add(new Slot(plural, null, null));
        if (!namespace.isEmpty()) {
            of.add(slot(plural, NAMESPACE, namespace));
        }
        if (!name.isEmpty()) {
            of.add(slot(plural, NAME, name));
        }
        for (String label : labels.getOrDefault(plural, Set.of())) {
            String value = value(key, label);
            if (value == null || !value.isEmpty()) {
                of.add(slot(plural, label, value));
            }
        }
        return of;
    }

    /**
     * A stored key's one value of an attribute: empty when it has none, null when it has several or
     * the wildcard.
     */
    private static String value(AttributeSet key, String name) {
        Attribute a = key.getAttribute(name);
        if (a == null) {
            return "";
        }
        String value = onlyValue(a);
        return value == null || ANY.equals(value) ? null : value;
    }

    /** A query attribute that pins one value exactly, or null (the query cannot be narrowed). */
    private static String exact(AttributeSet query, String name) {
        Attribute a = query.getAttribute(name);
        if (a == null || a.getType() != AttributeType.WITH) {
            return null;
        }
        String value = onlyValue(a);
        return value == null || ANY.equals(value) || value.isEmpty() ? null : value;
    }

    private static String onlyValue(Attribute a) {
        return a.getValues().size() == 1 ? a.getValues().get(0).toString() : null;
    }
}
