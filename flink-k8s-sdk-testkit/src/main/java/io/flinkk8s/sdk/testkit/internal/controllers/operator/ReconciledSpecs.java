package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;

/**
 * {@code reconciliationStatus.lastReconciledSpec} and {@code lastStableSpec} as the operator writes
 * them ({@code SpecUtils#writeSpecWithMeta}): the spec's JSON beside {@code resource_metadata}
 * ({@code apiVersion}, {@code firstDeployment}).
 */
final class ReconciledSpecs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconciledSpecs() {}

    /** The spec inside a serialized spec-with-meta; a missing node for null or unreadable text. */
    static JsonNode spec(String serialized) {
        if (serialized == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(serialized).path("spec");
        } catch (JsonProcessingException unreadable) {
            return MissingNode.getInstance();
        }
    }

    /** {@code spec} with its meta, as the operator serializes it. */
    static String write(JsonNode spec, boolean firstDeployment) {
        ObjectNode withMeta = Trees.object();
        withMeta.set("spec", spec);
        ObjectNode meta = withMeta.putObject("resource_metadata");
        meta.put("apiVersion", "flink.apache.org/v1beta1");
        meta.put("firstDeployment", firstDeployment);
        try {
            return JSON.writeValueAsString(withMeta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not write", e);
        }
    }

    /** A copy of {@code spec} with {@code job.state} set to {@code state} (when it has a job). */
    static JsonNode withJobState(JsonNode spec, String state) {
        ObjectNode copy = spec.deepCopy();
        if (copy.get("job") instanceof ObjectNode job) {
            job.put("state", state);
        }
        return copy;
    }
}
