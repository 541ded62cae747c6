package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CRD's schema as the list of its property paths and their JSON types: {@code
 * .spec.job.parallelism → integer}, {@code .spec.job.args[] → string}, {@code
 * .spec.logConfiguration{} → string} (map values), {@code int-or-string} and {@code
 * preserve-unknown-fields} for the Kubernetes extensions without a type.
 */
final class CrdSchemaPaths {

    private static final ObjectMapper YAML = new YAMLMapper();

    private CrdSchemaPaths() {}

    /** The CRD in {@code file}. */
    static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRD of the classpath resource {@code name}. */
    static JsonNode readResource(String name) {
        try (InputStream in = CrdSchemaPaths.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError(name + " is not on the classpath: the build generates it");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every property path of the first version's schema of {@code crd}, with its type. */
    static Map<String, String> of(JsonNode crd) {
        Map<String, String> paths = new TreeMap<>();
        walk(crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", paths);
        return paths;
    }

    private static void walk(JsonNode schema, String path, Map<String, String> paths) {
        paths.put(path.isEmpty() ? "." : path, type(schema));
        Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> p = props.next();
            walk(p.getValue(), path + "." + p.getKey(), paths);
        }
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]", paths);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(schema.get("additionalProperties"), path + "{}", paths);
        }
    }

    private static String type(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return "int-or-string";
        }
        if (schema.has("type")) {
            return schema.get("type").asText();
        }
        return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                ? "preserve-unknown-fields"
                : "untyped";
    }
}
