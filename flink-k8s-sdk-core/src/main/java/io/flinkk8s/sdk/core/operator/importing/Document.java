package io.flinkk8s.sdk.core.operator.importing;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.error.ImportException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One document being imported: where it is (source and number), the notes it gives, and typed reads
 * of its fields that fail with the field's path when a value has the wrong shape.
 */
final class Document {

    private final String source;
    private final int number;
    private final List<ImportNote> notes = new ArrayList<>();

    Document(String source, int number) {
        this.source = source;
        this.number = number;
    }

    List<ImportNote> notes() {
        return notes;
    }

    /** Notes {@code path} as content the spec cannot represent. */
    void lost(String path, String message) {
        notes.add(new ImportNote(source, number, path, ImportNote.Kind.NOT_REPRESENTED, message));
    }

    /** Notes {@code path} as set aside on purpose. */
    void skipped(String path, String message) {
        notes.add(new ImportNote(source, number, path, ImportNote.Kind.SKIPPED, message));
    }

    /** Malformed input at {@code path}. */
    ImportException malformed(String path, String message) {
        return new ImportException(source, number, path, message, null);
    }

    /** Malformed input at {@code path}, caused by {@code cause}. */
    ImportException malformed(String path, String message, Throwable cause) {
        return new ImportException(source, number, path, message, cause);
    }

    /** {@code parent.field}, or {@code parent['field']} when the field has a dot. */
    static String at(String parent, String field) {
        String segment = field.contains(".") || field.contains("/") ? "['" + field + "']" : field;
        if (parent.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }

    /** {@code node} as an object's fields in order; {@code path} fails unless it is an object. */
    Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node, String path) {
        if (!node.isObject()) {
            throw malformed(path, "must be a mapping, was " + shape(node));
        }
        return node.fields();
    }

    /** A scalar as text (numbers in plain notation); null for a YAML null. */
    String text(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        throw malformed(path, "must be a single value, was " + shape(node));
    }

    /** An integer, or null for a YAML null. */
    Integer integer(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        throw malformed(path, "must be an integer, was " + describe(node));
    }

    /** A boolean, or null for a YAML null. */
    Boolean bool(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw malformed(path, "must be true or false, was " + describe(node));
    }

    /** A mapping of names to single values, e.g. labels. */
    Map<String, String> stringMap(JsonNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        fields(node, path)
                .forEachRemaining(
                        f -> out.put(f.getKey(), text(f.getValue(), at(path, f.getKey()))));
        return out;
    }

    /** A list of single values, e.g. args. */
    List<String> stringList(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw malformed(path, "must be a list, was " + shape(node));
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** An enum constant read by {@code parse}, whose message names the allowed values. */
    <E> E constant(JsonNode node, String path, Function<String, E> parse) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw malformed(path, e.getMessage(), e);
        }
    }

    static String shape(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    private static String describe(JsonNode node) {
        return node.isValueNode() ? "'" + node.asText() + "'" : shape(node);
    }
}
