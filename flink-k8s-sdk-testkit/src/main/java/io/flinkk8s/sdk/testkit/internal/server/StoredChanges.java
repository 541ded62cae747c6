package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the API server's changes leave behind besides storage: the parsed tree of every stored state
 * (shared with the watch history and the controllers, never changed), the resources changed since
 * the controllers last looked, and the events sent to watches. Called under the dispatcher's lock.
 */
public final class StoredChanges {

    private final InMemoryApiDispatcher dispatcher;
    private final WatchHub watches;
    // stored JSON text -> its parsed tree, for the objects stored through a change; lets a change
    // find its previous state, and a read its object, without a parse
    private final Map<String, JsonNode> storedTrees = new HashMap<>();
    private final Set<String> changedResources = new HashSet<>();
    private final Map<String, Integer> storedCounts = new HashMap<>();

    StoredChanges(InMemoryApiDispatcher dispatcher, WatchHub watches) {
        this.dispatcher = dispatcher;
        this.watches = watches;
    }

    /** The tree of a stored JSON text: the one parsed when it was stored, else a new parse. */
    /**
     * Keeps the tree of an object stored without a write (a CRD registered at start), so that
     * readers of every stored object do not parse its text again on each read.
     */
    void remember(String stored, JsonNode tree) {
        storedTrees.put(stored, tree);
    }

    JsonNode treeOf(String stored) {
        JsonNode tree = storedTrees.get(stored);
        return tree != null ? tree : Json.parse(stored);
    }

    /**
     * Records that the object at {@code path} went from the stored text {@code before} to {@code
     * newState} (null: deleted), whose tree is {@code after}, and tells the watches.
     */
    void record(RequestPath path, String before, String newState, JsonNode after) {
        changedResources.add(path.resource());
        if ((before == null) != (newState == null)) {
            storedCounts.merge(path.resource(), before == null ? 1 : -1, Integer::sum);
        }
        // the previous state was parsed when it was stored: its tree is read-only from then on
        // (watch history holds it), so it is taken from there and copied before a change
        JsonNode old = before == null ? null : storedTrees.remove(before);
        if (old == null && before != null) {
            old = Json.parse(before);
        }
        if (after != null) {
            storedTrees.put(newState, after);
        }
        long rv;
        if (after != null) {
            rv = after.path("metadata").path("resourceVersion").asLong();
        } else {
            rv = dispatcher.requestResourceVersion();
            old = old.deepCopy();
            ((ObjectNode) old).with("metadata").put("resourceVersion", String.valueOf(rv));
        }
        if (mayLeaveGarbage(old, after)) {
            changedResources.add(InMemoryApiDispatcher.OWNERSHIP_CHANGES);
        }
        watches.publish(path.group(), path.resource(), old, after, rv);
    }

    /** How many objects of a plural resource (of any group) are stored. */
    int storedCount(String resource) {
        return storedCounts.getOrDefault(resource, 0);
    }

    /** The plural resources changed since the last call, and forgets them. */
    Set<String> drain() {
        Set<String> copy = Set.copyOf(changedResources);
        changedResources.clear();
        return copy;
    }

    /**
     * Whether a change can give the garbage collector work: an object went away or is being
     * deleted, or its owner references changed (possibly to an owner that does not exist).
     */
    private static boolean mayLeaveGarbage(JsonNode old, JsonNode after) {
        if (after == null) {
            return true;
        }
        JsonNode meta = after.path("metadata");
        if (meta.hasNonNull("deletionTimestamp")) {
            return true;
        }
        JsonNode refs = meta.path("ownerReferences");
        JsonNode oldRefs = old == null ? null : old.path("metadata").path("ownerReferences");
        boolean hasRefs = refs.isArray() && !refs.isEmpty();
        boolean hadRefs = oldRefs != null && oldRefs.isArray() && !oldRefs.isEmpty();
        return (hasRefs || hadRefs) && !refs.equals(oldRefs);
    }
}
