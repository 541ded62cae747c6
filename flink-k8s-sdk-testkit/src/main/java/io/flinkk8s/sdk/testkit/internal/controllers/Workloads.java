package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.flinkk8s.sdk.testkit.internal.server.DirectApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers the workload controllers share: ownership, readiness, template hashes. */
public final class Workloads {

    /** The manager name of writes by the built-in controllers, as on a real cluster. */
    static final String CONTROLLER_MANAGER = "kube-controller-manager";

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private Workloads() {}

    static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream()
                        .anyMatch(
                                r ->
                                        Boolean.TRUE.equals(r.getController())
                                                && owner.getMetadata().getUid().equals(r.getUid()));
    }

    /** A controller owner reference to {@code owner}, as a tree. */
    static ObjectNode controllerRef(JsonNode owner) {
        ObjectNode ref = Trees.object();
        ref.put("apiVersion", Trees.text(owner, "apiVersion"));
        ref.put("blockOwnerDeletion", true);
        ref.put("controller", true);
        ref.put("kind", Trees.text(owner, "kind"));
        ref.put("name", Trees.name(owner));
        ref.put("uid", Trees.uid(owner));
        return ref;
    }

    /** Whether {@code owner} is the controller owner of {@code object}. */
    static boolean isControlledBy(JsonNode object, JsonNode owner) {
        String uid = Trees.uid(owner);
        for (JsonNode ref : Trees.elements(Trees.meta(object).get("ownerReferences"))) {
            if (ref.path("controller").asBoolean(false) && uid.equals(Trees.text(ref, "uid"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isDeleting(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (c.getType().equals("Ready")) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** A replicas field of a tree: 1 when absent. */
    static int replicas(JsonNode spec) {
        return Trees.integer(spec, "replicas", 1);
    }

    /** A count field of a tree: 0 when absent. */
    static int count(JsonNode node, String field) {
        return Trees.integer(node, field, 0);
    }

    /** Resolves maxSurge / maxUnavailable given as a tree node (number, percent text, absent). */
    static int resolve(JsonNode value, int total, boolean roundUp, int fallbackPercent) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return resolve((IntOrString) null, total, roundUp, fallbackPercent);
        }
        return resolve(
                value.isNumber()
                        ? new IntOrString(value.intValue())
                        : new IntOrString(value.asText()),
                total,
                roundUp,
                fallbackPercent);
    }

    static int replicas(Integer value) {
        return value == null ? 1 : value;
    }

    static int count(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * The {@code pod-template-hash} of a template: FNV-32a of its canonical JSON, encoded as
     * Kubernetes' SafeEncodeString does. Same shape as a real cluster's, not the same value.
     */
    static String templateHash(DirectApi api, PodTemplateSpec template) {
        return templateHash(api.tree(template));
    }

    /** The {@code pod-template-hash} of a template's tree, as {@link #templateHash}. */
    static String templateHash(JsonNode tree) {
        byte[] bytes = canonical(tree).getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder sb = new StringBuilder();
        for (char c : decimal.toCharArray()) {
            sb.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return sb.toString();
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, v) -> sb.append('"').append(k).append("\":").append(v).append(','));
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(n -> sb.append(canonical(n)).append(','));
            return sb.append(']').toString();
        }
        return node.toString();
    }

    /** Resolves maxSurge / maxUnavailable: a count, or a percent of {@code total}. */
    static int resolve(IntOrString value, int total, boolean roundUp, int fallbackPercent) {
        if (value == null) {
            return percentOf(fallbackPercent, total, roundUp);
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal().trim();
        if (s.endsWith("%")) {
            return percentOf(Integer.parseInt(s.substring(0, s.length() - 1)), total, roundUp);
        }
        return Integer.parseInt(s);
    }

    private static int percentOf(int percent, int total, boolean roundUp) {
        double v = percent * total / 100.0;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
    }

    static Instant parseTime(String value, Instant fallback) {
        return value == null ? fallback : Instant.parse(value);
    }
}
