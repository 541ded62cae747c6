package io.flinkk8s.sdk.core.spec.scheduling;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.flinkk8s.sdk.core.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduling fields of a pod, with Kubernetes' names and spellings.
 *
 * @param nodeSelector the node labels a pod requires, never null
 * @param requiredNodeAffinity requirements a node must all meet (one {@code nodeSelectorTerm}),
 *     never null
 * @param preferredNodeAffinity requirements the scheduler prefers, each a term of its own with its
 *     {@code weight}, never null
 * @param tolerations the taints the pods tolerate, never null
 * @param priorityClassName may be null: the cluster's default priority
 * @param schedulerName may be null: the default scheduler
 */
public record PodPlacement(
        Map<String, String> nodeSelector,
        List<NodeRequirement> requiredNodeAffinity,
        List<NodeRequirement> preferredNodeAffinity,
        List<TolerationSpec> tolerations,
        String priorityClassName,
        String schedulerName) {

    /** Normalises only: sorted copies of the map, copies of the lists, empty for null. */
    public PodPlacement {
        nodeSelector = Copies.sortedMap(nodeSelector);
        requiredNodeAffinity = Copies.list(requiredNodeAffinity);
        preferredNodeAffinity = Copies.list(preferredNodeAffinity);
        tolerations = Copies.list(tolerations);
    }

    /** Nothing set. */
    public static PodPlacement unset() {
        return new PodPlacement(null, null, null, null, null, null);
    }

    /** Whether nothing is set. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(unset());
    }

    /**
     * This placement over {@code base}: the node selectors merged key by key (this one's value
     * wins); every other field this one sets (a non-empty list, a non-null name) replaces {@code
     * base}'s.
     */
    public PodPlacement over(PodPlacement base) {
        Map<String, String> selector = new TreeMap<>(base.nodeSelector);
        selector.putAll(nodeSelector);
        return new PodPlacement(
                selector,
                requiredNodeAffinity.isEmpty() ? base.requiredNodeAffinity : requiredNodeAffinity,
                preferredNodeAffinity.isEmpty()
                        ? base.preferredNodeAffinity
                        : preferredNodeAffinity,
                tolerations.isEmpty() ? base.tolerations : tolerations,
                priorityClassName == null ? base.priorityClassName : priorityClassName,
                schedulerName == null ? base.schedulerName : schedulerName);
    }
}
