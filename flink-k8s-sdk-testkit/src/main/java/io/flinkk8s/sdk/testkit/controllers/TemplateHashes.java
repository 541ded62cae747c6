package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The template hashes of one controller's workloads, each computed again only when the workload's
 * pod template is no longer equal to the one it was computed from (comparing the model objects
 * costs a fraction of serializing and hashing them). Not keyed by {@code metadata.generation}: a
 * hash must follow the template itself. Not thread-safe: a controller runs under the dispatcher
 * lock.
 */
final class TemplateHashes {

    private record Known(PodTemplateSpec template, String hash) {}

    private final Map<String, Known> byUid = new HashMap<>();

    /**
     * The hash of {@code workload}'s {@code template}, as {@link Workloads#templateHash}. The
     * template is kept for comparison: the caller must not change it afterwards.
     */
    String of(HasMetadata workload, PodTemplateSpec template) {
        String uid = workload.getMetadata().getUid();
        if (uid == null || template == null) {
            return Workloads.templateHash(template);
        }
        Known known = byUid.get(uid);
        if (known != null && known.template().equals(template)) {
            return known.hash();
        }
        String hash = Workloads.templateHash(template);
        byUid.put(uid, new Known(template, hash));
        return hash;
    }

    /** Forgets the workloads that are not in {@code liveUids} any more. */
    void retain(Set<String> liveUids) {
        byUid.keySet().retainAll(liveUids);
    }
}
