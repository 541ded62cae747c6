package io.flinkk8s.sdk.testkit.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a custom resource against its structural schema as the API server's OpenAPI validator
 * does, with Kubernetes' causes: a wrong type ({@code FieldValueTypeInvalid}, "{@code <path> in
 * body must be of type integer: "string"}"), a missing required field ({@code FieldValueRequired}),
 * a value outside {@code enum} ({@code FieldValueNotSupported}), {@code minimum}/{@code maximum},
 * {@code minLength}/{@code maxLength}, {@code minItems}/{@code maxItems}, {@code pattern} (found
 * anywhere in the value, as Go's regexp matches), the formats Kubernetes checks on strings ({@code
 * date-time}, {@code date}, {@code byte}, {@code uuid}, {@code ipv4}; {@code int32}, {@code int64}
 * and unknown formats are not checked), {@code x-kubernetes-int-or-string}, {@code nullable}, the
 * {@code apiVersion} and {@code kind} an {@code x-kubernetes-embedded-resource} must name, and
 * duplicates in {@code set} and {@code map} lists ({@code FieldValueDuplicate}). Paths are dotted
 * with list indexes in brackets ({@code spec.containers[0].name}). The resource's own {@code
 * apiVersion}, {@code kind} and {@code metadata} are left to the metadata rules.
 */
public final class SchemaValidation {

    private static final Pattern IPV4 =
            Pattern.compile(
                    "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private SchemaValidation() {}

    /** Every violation of {@code schema} in {@code object}, in document order. */
    public static List<StatusCause> validate(JsonNode object, StructuralSchema schema) {
        List<StatusCause> causes = new ArrayList<>();
        ObjectNode body = ((ObjectNode) object).deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        StructuralSchema root = withoutResourceFields(schema);
        check(body, root, "", causes);
        return causes;
    }

    private static StructuralSchema withoutResourceFields(StructuralSchema schema) {
        List<String> required =
                schema.required().stream()
                        .filter(r -> !Set.of("apiVersion", "kind", "metadata").contains(r))
                        .toList();
        return new StructuralSchema(
                schema.type(),
                schema.nullable(),
                schema.intOrString(),
                schema.preserveUnknownFields(),
                schema.embeddedResource(),
                schema.properties(),
                schema.items(),
                schema.additionalProperties(),
                schema.additionalAllowed(),
                schema.defaultValue(),
                schema.enumValues(),
                required,
                schema.minimum(),
                schema.maximum(),
                schema.exclusiveMinimum(),
                schema.exclusiveMaximum(),
                schema.minLength(),
                schema.maxLength(),
                schema.minItems(),
                schema.maxItems(),
                schema.pattern(),
                schema.format(),
                schema.listType(),
                schema.listMapKeys());
    }

    private static void check(
            JsonNode value, StructuralSchema schema, String path, List<StatusCause> causes) {
        if (schema == null) {
            return;
        }
        if (value.isNull()) {
            if (!schema.nullable() && schema.type() != null) {
                causes.add(typeInvalid(path, schema.type(), "null"));
            }
            return;
        }
        String actual = typeOf(value);
        if (schema.intOrString()) {
            if (!actual.equals("integer") && !actual.equals("string")) {
                causes.add(typeInvalid(path, "integer,string", actual));
                return;
            }
        } else if (schema.type() != null && !fits(schema.type(), value, actual)) {
            causes.add(typeInvalid(path, schema.type(), actual));
            return;
        }
        if (!schema.enumValues().isEmpty()
                && schema.enumValues().stream().noneMatch(e -> Json.sameValue(e, value))) {
            causes.add(
                    ApiError.cause(
                            "FieldValueNotSupported",
                            path,
                            "Unsupported value: "
                                    + display(value)
                                    + ": supported values: "
                                    + schema.enumValues().stream()
                                            .map(SchemaValidation::quoted)
                                            .collect(Collectors.joining(", "))));
        }
        if (value.isTextual()) {
            text(value, schema, path, causes);
        } else if (value.isNumber()) {
            number(value, schema, path, causes);
        } else if (value.isArray()) {
            array(value, schema, path, causes);
        } else if (value.isObject()) {
            if (schema.embeddedResource()) {
                embedded(value, path, causes);
            }
            for (String name : schema.required()) {
                if (!value.has(name)) {
                    causes.add(
                            ApiError.cause(
                                    "FieldValueRequired", child(path, name), "Required value"));
                }
            }
            for (Map.Entry<String, JsonNode> field :
                    (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                StructuralSchema property = schema.child(field.getKey());
                if (schema.embeddedResource()
                        && Set.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                    continue;
                }
                check(field.getValue(), property, child(path, field.getKey()), causes);
            }
        }
    }

    /** An embedded resource names its {@code apiVersion} and {@code kind}, as non-empty strings. */
    private static void embedded(JsonNode value, String path, List<StatusCause> causes) {
        for (String field : List.of("apiVersion", "kind")) {
            JsonNode given = value.get(field);
            if (given == null) {
                causes.add(
                        ApiError.cause("FieldValueRequired", child(path, field), "Required value"));
            } else if (!given.isTextual()) {
                causes.add(invalid(child(path, field), given, "must be a string"));
            } else if (given.asText().isEmpty()) {
                causes.add(invalid(child(path, field), given, "must not be empty"));
            }
        }
    }

    private static void text(
            JsonNode value, StructuralSchema schema, String path, List<StatusCause> causes) {
        String text = value.asText();
        long length = text.codePointCount(0, text.length());
        if (schema.maxLength() != null && length > schema.maxLength()) {
            causes.add(
                    ApiError.cause(
                            "FieldValueTooLong",
                            path,
                            "Too long: may not be more than " + schema.maxLength() + " bytes"));
        }
        if (schema.minLength() != null && length < schema.minLength()) {
            causes.add(
                    invalid(
                            path,
                            value,
                            path
                                    + " in body should be at least "
                                    + schema.minLength()
                                    + " chars long"));
        }
        if (schema.pattern() != null && !schema.pattern().matcher(text).find()) {
            causes.add(
                    invalid(
                            path,
                            value,
                            path + " in body should match '" + schema.pattern().pattern() + "'"));
        }
        if (schema.format() != null && !formatFits(schema.format(), text)) {
            causes.add(
                    ApiError.cause(
                            "FieldValueTypeInvalid",
                            path,
                            "Invalid value: "
                                    + display(value)
                                    + ": "
                                    + path
                                    + " in body must be of type "
                                    + schema.format()
                                    + ": "
                                    + display(value)));
        }
    }

    private static void number(
            JsonNode value, StructuralSchema schema, String path, List<StatusCause> causes) {
        BigDecimal number = value.decimalValue();
        if (schema.minimum() != null) {
            int cmp = number.compareTo(schema.minimum().decimalValue());
            if (cmp < 0 || cmp == 0 && schema.exclusiveMinimum()) {
                causes.add(
                        invalid(
                                path,
                                value,
                                path
                                        + " in body should be greater than "
                                        + (schema.exclusiveMinimum() ? "" : "or equal to ")
                                        + bound(schema.minimum())));
            }
        }
        if (schema.maximum() != null) {
            int cmp = number.compareTo(schema.maximum().decimalValue());
            if (cmp > 0 || cmp == 0 && schema.exclusiveMaximum()) {
                causes.add(
                        invalid(
                                path,
                                value,
                                path
                                        + " in body should be less than "
                                        + (schema.exclusiveMaximum() ? "" : "or equal to ")
                                        + bound(schema.maximum())));
            }
        }
    }

    private static void array(
            JsonNode value, StructuralSchema schema, String path, List<StatusCause> causes) {
        if (schema.maxItems() != null && value.size() > schema.maxItems()) {
            causes.add(
                    ApiError.cause(
                            "FieldValueTooMany",
                            path,
                            "Too many: "
                                    + value.size()
                                    + ": must have at most "
                                    + schema.maxItems()
                                    + " items"));
        }
        if (schema.minItems() != null && value.size() < schema.minItems()) {
            causes.add(
                    invalid(
                            path,
                            value,
                            path
                                    + " in body should have at least "
                                    + schema.minItems()
                                    + " items"));
        }
        for (int i = 0; i < value.size(); i++) {
            check(value.get(i), schema.items(), path + "[" + i + "]", causes);
        }
        duplicates(value, schema, path, causes);
    }

    /** Items of a {@code set} list must differ, and so must the keys of a {@code map} list's. */
    private static void duplicates(
            JsonNode value, StructuralSchema schema, String path, List<StatusCause> causes) {
        boolean set = "set".equals(schema.listType());
        boolean map = "map".equals(schema.listType()) && !schema.listMapKeys().isEmpty();
        if (!set && !map) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            JsonNode identity = item;
            if (map) {
                ObjectNode key = JsonNodeFactory.instance.objectNode();
                for (String k : schema.listMapKeys()) {
                    if (item.has(k)) {
                        key.set(k, item.get(k));
                    }
                }
                identity = key;
            }
            if (!seen.add(Json.write(identity))) {
                causes.add(
                        ApiError.cause(
                                "FieldValueDuplicate",
                                path + "[" + i + "]",
                                "Duplicate value: " + display(identity)));
            }
        }
    }

    private static boolean fits(String type, JsonNode value, String actual) {
        return switch (type) {
            case "number" -> value.isNumber();
            case "integer" -> actual.equals("integer");
            default -> type.equals(actual);
        };
    }

    private static String typeOf(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            BigDecimal d = value.decimalValue();
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        if (value.isArray()) {
            return "array";
        }
        return value.isObject() ? "object" : "null";
    }

    private static boolean formatFits(String format, String text) {
        try {
            switch (format) {
                case "date-time", "datetime" -> {
                    try {
                        OffsetDateTime.parse(text);
                    } catch (DateTimeParseException e) {
                        LocalDateTime.parse(text);
                    }
                }
                case "date" -> LocalDate.parse(text);
                case "byte" -> Base64.getDecoder().decode(text);
                case "uuid" -> {
                    if (text.length() != 36) {
                        return false;
                    }
                    UUID.fromString(text);
                }
                case "ipv4" -> {
                    return IPV4.matcher(text).matches();
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }

    private static StatusCause typeInvalid(String path, String expected, String actual) {
        return ApiError.cause(
                "FieldValueTypeInvalid",
                path,
                "Invalid value: \""
                        + actual
                        + "\": "
                        + path
                        + " in body must be of type "
                        + expected
                        + ": \""
                        + actual
                        + "\"");
    }

    private static StatusCause invalid(String path, JsonNode value, String detail) {
        return ApiError.cause(
                "FieldValueInvalid", path, "Invalid value: " + display(value) + ": " + detail);
    }

    /** A bound as Go prints a float64 with {@code %v}: whole numbers without a fraction. */
    private static String bound(JsonNode value) {
        BigDecimal d = value.decimalValue().stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String display(JsonNode value) {
        return value.isValueNode() && !value.isTextual() ? value.asText() : Json.write(value);
    }

    private static String quoted(JsonNode value) {
        return value.isTextual() ? Json.write(value) : value.asText();
    }
}
