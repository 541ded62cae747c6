package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.testkit.server.InMemoryApiDispatcher;
import io.flinkk8s.sdk.testkit.server.StoredObject;
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
        all.forEach(o -> uids.add(o.object().getMetadata().getUid()));
        for (StoredObject owner : all) {
            List<String> finalizers = owner.object().getMetadata().getFinalizers();
            if (owner.object().getMetadata().getDeletionTimestamp() == null || finalizers == null) {
                continue;
            }
            if (finalizers.contains(FOREGROUND)) {
                deleteDependentsFirst(context, owner, all);
            } else if (finalizers.contains(ORPHAN)) {
                orphanDependents(context, owner, all);
            }
        }
        for (StoredObject dependent : all) {
            List<OwnerReference> refs = dependent.object().getMetadata().getOwnerReferences();
            if (refs != null
                    && !refs.isEmpty()
                    && refs.stream().noneMatch(r -> uids.contains(r.getUid()))
                    && dependent.object().getMetadata().getDeletionTimestamp() == null) {
                context.api().delete(dependent, "Background");
            }
        }
    }

    private static void deleteDependentsFirst(
            ControllerContext context, StoredObject owner, List<StoredObject> all) {
        List<StoredObject> dependents = dependentsOf(owner, all);
        if (dependents.isEmpty()) {
            removeFinalizer(context, owner, FOREGROUND);
            return;
        }
        for (StoredObject d : dependents) {
            if (d.object().getMetadata().getDeletionTimestamp() == null) {
                context.api().delete(d, "Foreground");
            }
        }
    }

    private static void orphanDependents(
            ControllerContext context, StoredObject owner, List<StoredObject> all) {
        String uid = owner.object().getMetadata().getUid();
        for (StoredObject d : dependentsOf(owner, all)) {
            GenericKubernetesResource copy = copyOf(d.object());
            List<OwnerReference> kept = new ArrayList<>(copy.getMetadata().getOwnerReferences());
            kept.removeIf(r -> uid.equals(r.getUid()));
            copy.getMetadata().setOwnerReferences(kept);
            context.api().update(d, copy, "garbage-collector");
        }
        removeFinalizer(context, owner, ORPHAN);
    }

    private static List<StoredObject> dependentsOf(StoredObject owner, List<StoredObject> all) {
        String uid = owner.object().getMetadata().getUid();
        List<StoredObject> result = new ArrayList<>();
        for (StoredObject o : all) {
            List<OwnerReference> refs = o.object().getMetadata().getOwnerReferences();
            if (refs != null && refs.stream().anyMatch(r -> uid.equals(r.getUid()))) {
                result.add(o);
            }
        }
        return result;
    }

    private static void removeFinalizer(
            ControllerContext context, StoredObject owner, String finalizer) {
        GenericKubernetesResource copy = copyOf(owner.object());
        List<String> finalizers = new ArrayList<>(copy.getMetadata().getFinalizers());
        finalizers.remove(finalizer);
        copy.getMetadata().setFinalizers(finalizers);
        context.api().update(owner, copy, "garbage-collector");
    }

    private static GenericKubernetesResource copyOf(GenericKubernetesResource shared) {
        return Serialization.unmarshal(
                Serialization.asJson(shared), GenericKubernetesResource.class);
    }
}
