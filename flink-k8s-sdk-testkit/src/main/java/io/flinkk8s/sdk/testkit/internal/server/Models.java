package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.Objects;

/**
 * Typed fabric8 model objects to and from JSON for the dispatcher and the controllers, through the
 * {@link KubernetesSerialization} of the cluster's own client: Jackson builds each model's
 * (de)serializers once for the client and the server side (in a JVM's first test, building them
 * costs more than the requests that use them). Thread-safe.
 */
public final class Models {

    private final KubernetesSerialization serialization;

    Models(KubernetesSerialization serialization) {
        this.serialization = Objects.requireNonNull(serialization, "serialization");
    }

    /** Reads tokens (see {@link Json#tokens}) into a new model object. */
    <T> T read(TokenBuffer tokens, Class<T> type) {
        return serialization.convertValue(tokens, type);
    }

    /** Reads a JSON text into a new model object. */
    <T> T read(String json, Class<T> type) {
        return read(Json.tokens(json), type);
    }

    /** A model object as a JSON tree. */
    ObjectNode tree(Object model) {
        return serialization.convertValue(model, ObjectNode.class);
    }
}
