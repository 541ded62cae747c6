package io.flinkk8s.sdk.testkit.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.Comparator;

/** JSON tree helpers for the dispatcher: parsing, value equality and RFC 7386 merge patch. */
public final class Json {

    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final Comparator<JsonNode> NUMERIC =
            (a, b) -> {
                if (a.isNumber() && b.isNumber()) {
                    return a.decimalValue().compareTo(b.decimalValue());
                }
                return a.equals(b) ? 0 : 1;
            };

    private Json() {}

    /** The YAML reader, loaded on the first YAML body only (apply patches are mostly JSON). */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new YAMLMapper();
    }

    /** Parses JSON (or YAML, which apply patches may use); a syntax error becomes a 400. */
    public static JsonNode parse(String text) {
        try {
            String trimmed = text.trim();
            return trimmed.startsWith("{") || trimmed.startsWith("[")
                    ? JSON.readTree(trimmed)
                    : Yaml.MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(
                    "the request body is not valid JSON or YAML: " + e.getOriginalMessage());
        }
    }

    /** Parses a body that must be a JSON object. */
    public static ObjectNode parseObject(String text) {
        JsonNode node = parse(text);
        if (!node.isObject()) {
            throw ApiError.badRequest("the request body must be an object");
        }
        return (ObjectNode) node;
    }

    /** Serializes a tree. */
    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree (testkit bug)", e);
        }
    }

    /** Converts a tree to a model class. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        return JSON.convertValue(node, type);
    }

    /**
     * The tokens of a JSON text, to read into model objects later without parsing the text again
     * (reading tokens costs about half as much as parsing).
     */
    public static TokenBuffer tokens(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            TokenBuffer tokens = new TokenBuffer(parser);
            tokens.copyCurrentStructure(parser);
            return tokens;
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse stored JSON (testkit bug)", e);
        }
    }

    /** Reads tokens into a new model object, as parsing their JSON text would. */
    public static <T> T read(TokenBuffer tokens, Class<T> type) {
        try (JsonParser parser = tokens.asParser(JSON)) {
            return JSON.readValue(parser, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stored JSON (testkit bug)", e);
        }
    }

    /** Reads a JSON text into a new model object. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stored JSON (testkit bug)", e);
        }
    }

    /** Converts a model object to a tree. */
    public static ObjectNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /**
     * Value equality where {@code 1} equals {@code 1.0}; missing and null nodes equal only
     * themselves.
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMERIC, b);
    }

    /**
     * RFC 7386 JSON merge patch: null deletes, objects recurse, anything else (arrays too)
     * replaces.
     */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result =
                target != null && target.isObject()
                        ? ((ObjectNode) target).deepCopy()
                        : JSON.createObjectNode();
        patch.fields()
                .forEachRemaining(
                        e -> {
                            if (e.getValue().isNull()) {
                                result.remove(e.getKey());
                            } else {
                                result.set(
                                        e.getKey(),
                                        mergePatch(result.get(e.getKey()), e.getValue()));
                            }
                        });
        return result;
    }
}
