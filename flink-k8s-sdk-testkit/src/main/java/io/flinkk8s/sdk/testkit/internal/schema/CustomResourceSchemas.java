package io.flinkk8s.sdk.testkit.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structural schemas of the registered CRDs, parsed once per stored CRD (again when the CRD
 * changes), and what the API server does with them on every write of a custom resource: prune the
 * unknown fields, fill in defaults, validate.
 */
public final class CustomResourceSchemas {

    /** A CRD's stored JSON and the schema of each of its versions that has one. */
    private record Parsed(String json, Map<String, StructuralSchema> versions) {}

    private final Map<String, Parsed> byCrd = new HashMap<>();

    /**
     * The schema of {@code version} of the CRD {@code crdName} whose stored form is {@code
     * crdJson}, or null when that version declares none.
     */
    public StructuralSchema schema(String crdName, String crdJson, String version) {
        Parsed parsed = byCrd.get(crdName);
        if (parsed == null || !parsed.json().equals(crdJson)) {
            parsed = parse(crdJson);
            byCrd.put(crdName, parsed);
        }
        return parsed.versions().get(version);
    }

    private static Parsed parse(String crdJson) {
        Map<String, StructuralSchema> versions = new HashMap<>();
        JsonNode crd = Json.parse(crdJson);
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            if (schema.isObject()) {
                versions.put(version.path("name").asText(), StructuralSchema.parse(schema));
            }
        }
        return new Parsed(crdJson, Map.copyOf(versions));
    }

    /**
     * Prunes, defaults and validates {@code object} in place, as the API server does with a custom
     * resource before storing it.
     *
     * @param group the resource's API group (for the error's kind)
     * @throws ApiError 422 Invalid with one cause per violation
     */
    public static void admit(ObjectNode object, StructuralSchema schema, String group) {
        Pruning.prune(object, schema);
        Defaults.apply(object, schema);
        List<StatusCause> causes = SchemaValidation.validate(object, schema);
        if (!causes.isEmpty()) {
            JsonNode metadata = object.path("metadata");
            String name = metadata.path("name").asText("");
            throw ApiError.invalid(
                    group,
                    object.path("kind").asText(),
                    name.isEmpty() ? metadata.path("generateName").asText("") : name,
                    causes);
        }
    }
}
