package io.flinkk8s.sdk.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * JSON Schema checks of rendered objects: the schema factory the schema tests share (draft 7, with
 * Kubernetes' {@code x-kubernetes-*} extensions read as annotations) and the strict form of a
 * CustomResourceDefinition's schema.
 */
public final class JsonSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    private static final JsonSchemaFactory FACTORY =
            JsonSchemaFactory.getInstance(
                    SpecVersion.VersionFlag.V7,
                    b ->
                            b.metaSchema(
                                    JsonMetaSchema.builder(JsonMetaSchema.getV7())
                                            .unknownKeywordFactory(
                                                    (keyword, ctx) ->
                                                            new AnnotationKeyword(keyword))
                                            .build()));

    private JsonSchemas() {}

    /** Draft 7, with Kubernetes' {@code x-kubernetes-*} extensions read as annotations. */
    public static JsonSchemaFactory factory() {
        return FACTORY;
    }

    /**
     * The {@code openAPIV3Schema} of {@code version} in the CRD file {@code crd}, made strict the
     * way {@code kubectl apply --server-side} (field validation {@code Strict}) judges a resource:
     * an unknown field fails, except under {@code x-kubernetes-preserve-unknown-fields}; {@code
     * apiVersion}, {@code kind} and {@code metadata} are allowed at the root, as the API server
     * allows them on every resource.
     */
    public static JsonSchema strictCrdSchema(Path crd, String version) {
        JsonNode tree;
        try {
            tree = YAML.readTree(crd.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode v : tree.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                ObjectNode schema =
                        (ObjectNode) v.path("schema").path("openAPIV3Schema").deepCopy();
                ObjectNode root = (ObjectNode) schema.get("properties");
                root.set("apiVersion", JSON.createObjectNode().put("type", "string"));
                root.set("kind", JSON.createObjectNode().put("type", "string"));
                root.set("metadata", JSON.createObjectNode().put("type", "object"));
                closeObjects(schema);
                return FACTORY.getSchema(schema);
            }
        }
        throw new NoSuchElementException("no version " + version + " in " + crd);
    }

    /** The errors of {@code object}, as the API server would receive it, against {@code schema}. */
    public static Set<ValidationMessage> validate(JsonSchema schema, HasMetadata object) {
        try {
            return schema.validate(JSON.readTree(K8S.asJson(object)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes {@code schema} and, recursively, every schema it holds. */
    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        if (o.has("properties")
                && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            o.put("additionalProperties", false);
        }
        o.path("properties").forEach(JsonSchemas::closeObjects);
        closeObjects(o.get("items"));
        closeObjects(o.get("additionalProperties"));
        for (String list : new String[] {"anyOf", "allOf", "oneOf"}) {
            o.path(list).forEach(JsonSchemas::closeObjects);
        }
    }
}
