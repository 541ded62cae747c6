package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The template hashes of one controller's workloads, each computed again only when the workload's
 * pod template is no longer equal to the one it was computed from (comparing trees costs a fraction
 * of hashing them). Not keyed by {@code metadata.generation}: a hash must follow the template
 * itself. Not thread-safe: a controller runs under the dispatcher lock.
 */
public final class TemplateHashes {

    private record Known(JsonNode template, String hash) {}

    private final Map<String, Known> byUid = new HashMap<>();

    /**
     * The hash of {@code workload}'s {@code template} (a stored, read-only tree), as {@link
     * Workloads#templateHash(JsonNode)}.
     */
    String of(JsonNode workload, JsonNode template) {
        String uid = Trees.uid(workload);
        if (uid == null) {
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
