package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.server.InMemoryApiDispatcher;
import io.flinkk8s.sdk.testkit.internal.server.StoredObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The garbage collector, following {@code ownerReferences} across every kind: an object whose
 * owners are all gone is deleted (background propagation); an owner deleted with Foreground
 * propagation ({@code foregroundDeletion} finalizer) has its dependents deleted first and goes when
 * none is left; an owner deleted with Orphan propagation ({@code orphan} finalizer) has the
 * references to it removed from its dependents, which stay.
 */
public final class GarbageCollector implements Controller {

    /** Matches a change of any resource. */
    public static final String ANY_RESOURCE = "*";

    private static final String FOREGROUND = "foregroundDeletion";
    private static final String ORPHAN = "orphan";

    /**
     * Runs only after a change that can leave garbage: nothing else can make an owner go missing or
     * start a foreground or orphan deletion.
     */
    @Override
    public Set<String> watches() {
        return Set.of(InMemoryApiDispatcher.OWNERSHIP_CHANGES);
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<StoredObject> all = context.api().all();
        Set<String> uids = new HashSet<>();
        all.forEach(o -> uids.add(o.uid()));
        for (StoredObject owner : all) {
            JsonNode finalizers = Trees.meta(owner.object()).get("finalizers");
            if (!Trees.isDeleting(owner.object()) || finalizers == null) {
                continue;
            }
            if (contains(finalizers, FOREGROUND)) {
                deleteDependentsFirst(context, owner, all);
            } else if (contains(finalizers, ORPHAN)) {
                orphanDependents(context, owner, all);
            }
        }
        for (StoredObject dependent : all) {
            JsonNode refs = Trees.meta(dependent.object()).get("ownerReferences");
            if (refs != null
                    && refs.isArray()
                    && !refs.isEmpty()
                    && noneOf(refs, uids)
                    && !Trees.isDeleting(dependent.object())) {
                context.api().delete(dependent, "Background");
            }
        }
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode element : Trees.elements(array)) {
            if (text.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean noneOf(JsonNode refs, Set<String> uids) {
        for (JsonNode ref : refs) {
            if (uids.contains(Trees.text(ref, "uid"))) {
                return false;
            }
        }
        return true;
    }

    private static void deleteDependentsFirst(
            ControllerContext context, StoredObject owner, List<StoredObject> all) {
        List<StoredObject> dependents = dependentsOf(owner, all);
        if (dependents.isEmpty()) {
            removeFinalizer(context, owner, FOREGROUND);
            return;
        }
        for (StoredObject d : dependents) {
            if (!Trees.isDeleting(d.object())) {
                context.api().delete(d, "Foreground");
            }
        }
    }

    private static void orphanDependents(
            ControllerContext context, StoredObject owner, List<StoredObject> all) {
        String uid = owner.uid();
        for (StoredObject d : dependentsOf(owner, all)) {
            ObjectNode copy = d.object().deepCopy();
            ArrayNode refs = copy.with("metadata").withArray("ownerReferences");
            for (int i = refs.size() - 1; i >= 0; i--) {
                if (uid.equals(Trees.text(refs.get(i), "uid"))) {
                    refs.remove(i);
                }
            }
            if (refs.isEmpty()) {
                copy.with("metadata").remove("ownerReferences");
            }
            context.api().update(d, copy, "garbage-collector");
        }
        removeFinalizer(context, owner, ORPHAN);
    }

    private static List<StoredObject> dependentsOf(StoredObject owner, List<StoredObject> all) {
        String uid = owner.uid();
        List<StoredObject> result = new ArrayList<>();
        for (StoredObject o : all) {
            for (JsonNode ref : Trees.elements(Trees.meta(o.object()).get("ownerReferences"))) {
                if (uid.equals(Trees.text(ref, "uid"))) {
                    result.add(o);
                    break;
                }
            }
        }
        return result;
    }

    private static void removeFinalizer(
            ControllerContext context, StoredObject owner, String finalizer) {
        ObjectNode copy = owner.object().deepCopy();
        ArrayNode finalizers = copy.with("metadata").withArray("finalizers");
        for (int i = finalizers.size() - 1; i >= 0; i--) {
            if (finalizer.equals(finalizers.get(i).asText())) {
                finalizers.remove(i);
                break;
            }
        }
        if (finalizers.isEmpty()) {
            copy.with("metadata").remove("finalizers");
        }
        context.api().update(owner, copy, "garbage-collector");
    }
}
