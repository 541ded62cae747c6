package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The template hashes of one controller's workloads, computed once per generation of each: the API
 * server moves {@code metadata.generation} whenever the spec (and so the pod template) changes, so
 * the same uid at the same generation has the same template. Not thread-safe: a controller runs
 * under the dispatcher lock.
 */
final class TemplateHashes {

    private final Map<String, Map.Entry<Long, String>> byUid = new HashMap<>();

    /** The hash of {@code workload}'s {@code template}, as {@link Workloads#templateHash}. */
    String of(HasMetadata workload, PodTemplateSpec template) {
        String uid = workload.getMetadata().getUid();
        Long generation = workload.getMetadata().getGeneration();
        if (uid == null || generation == null) {
            return Workloads.templateHash(template);
        }
        Map.Entry<Long, String> known = byUid.get(uid);
        if (known != null && known.getKey().equals(generation)) {
            return known.getValue();
        }
        String hash = Workloads.templateHash(template);
        byUid.put(uid, Map.entry(generation, hash));
        return hash;
    }

    /** Forgets the workloads that are not in {@code liveUids} any more. */
    void retain(Set<String> liveUids) {
        byUid.keySet().retainAll(liveUids);
    }
}
