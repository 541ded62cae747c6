package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits and syntax rules a real API server applies to every object, each refused with the
 * status code, reason and causes Kubernetes answers: request bodies over 3 MiB (413), objects over
 * etcd's 1.5 MiB request limit (500, as etcd's error reaches clients), a body whose {@code
 * apiVersion} or {@code kind} is not the endpoint's (400), names that are not DNS-1123 subdomains
 * (DNS-1123 labels for namespaces, DNS-1035 labels for Services), label and annotation keys and
 * values, annotations over 256 KiB, ConfigMap and Secret data over 1 MiB (422 Invalid naming the
 * field). Also which kinds carry a {@code metadata.generation} (as their registry strategies set
 * it: not ConfigMaps, Secrets, Services and the other core kinds without a spec to track).
 */
final class ObjectRules {

    static final int MAX_REQUEST_BYTES = 3 * 1024 * 1024;
    static final int MAX_STORED_BYTES = 1572864;
    static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;
    static final int MAX_DATA_BYTES = 1024 * 1024;

    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE =
            Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final String SUBDOMAIN_TEXT =
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                    + " '-' or '.', and must start and end with an alphanumeric character (e.g."
                    + " 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String DNS1123_LABEL_TEXT =
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                    + " '-', and must start and end with an alphanumeric character (e.g."
                    + " 'my-name',  or '123-abc', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String DNS1035_LABEL_TEXT =
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                    + " with an alphabetic character, and end with an alphanumeric character (e.g."
                    + " 'my-name',  or 'abc-123', regex used for validation is"
                    + " '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private static final String QUALIFIED_NAME_TEXT =
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start"
                    + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                    + " '123-abc', regex used for validation is"
                    + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String LABEL_VALUE_TEXT =
            "a valid label must be an empty string or consist of alphanumeric characters, '-',"
                    + " '_' or '.', and must start and end with an alphanumeric character (e.g."
                    + " 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                    + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /** Core kinds whose registry sets {@code metadata.generation}. */
    private static final Set<String> CORE_WITH_GENERATION =
            Set.of("pods", "replicationcontrollers");

    private ObjectRules() {}

    /** Refuses to store an object larger than etcd accepts, with etcd's error. */
    static void checkStoredSize(String json) {
        if (json.length() > MAX_STORED_BYTES / 2
                && json.getBytes(StandardCharsets.UTF_8).length > MAX_STORED_BYTES) {
            throw new ApiError(500, "InternalError", "etcdserver: request is too large");
        }
    }

    /** Whether objects of the resource carry a {@code metadata.generation}. */
    static boolean tracksGeneration(RequestPath path) {
        return !path.group().isEmpty() || CORE_WITH_GENERATION.contains(path.resource());
    }

    /**
     * Moves {@code metadata.generation} of {@code updated} when anything outside {@code metadata}
     * and {@code status} differs from {@code current}, as the API server does; nothing for an
     * object without a generation.
     */
    static void touchGeneration(JsonNode current, JsonNode updated) {
        if (!(updated.get("metadata") instanceof ObjectNode metadata)
                || !current.path("metadata").has("generation")) {
            return;
        }
        Set<String> fields = new HashSet<>();
        current.fieldNames().forEachRemaining(fields::add);
        updated.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Set.of("metadata", "status", "apiVersion", "kind"));
        for (String field : fields) {
            if (!Json.sameValue(current.get(field), updated.get(field))) {
                metadata.put("generation", metadata.path("generation").asInt(0) + 1);
                return;
            }
        }
    }

    /**
     * Refuses a body for another API version or kind than the endpoint's: a server-side apply with
     * the apply handler's message, a create or update with the decoder's.
     */
    static void checkApiVersion(RequestPath path, JsonNode body, boolean apply, String kind) {
        String given = body.path("apiVersion").asText("");
        String expected = path.apiVersion();
        if (!given.isEmpty() && !given.equals(expected)) {
            throw ApiError.badRequest(
                    apply
                            ? "Incorrect version specified in apply patch. Specified patch"
                                    + " version: "
                                    + given
                                    + ", expected: "
                                    + expected
                            : "the API version in the data ("
                                    + given
                                    + ") does not match the expected API version ("
                                    + expected
                                    + ")");
        }
        String givenKind = body.path("kind").asText("");
        if (kind != null && !givenKind.isEmpty() && !givenKind.equals(kind)) {
            throw ApiError.badRequest(
                    "the kind in the data ("
                            + givenKind
                            + ") does not match the expected kind ("
                            + kind
                            + ")");
        }
    }

    /**
     * Validates what every object's metadata must satisfy; {@code create} adds the name rules.
     *
     * @throws ApiError 422 Invalid with one cause per violation
     */
    static void validate(RequestPath path, JsonNode object, boolean create) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        List<StatusCause> causes = new ArrayList<>();
        if (create && !name.isEmpty()) {
            // core/v1 Events too: ValidateEventCreate checks the name as a DNS-1123 subdomain
            nameCauses(path, name, causes);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("labels").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            keyCauses("metadata.labels", label.getKey(), causes);
            String value = label.getValue().asText("");
            if (value.length() > 63) {
                causes.add(invalid("metadata.labels", value, "must be no more than 63 characters"));
            }
            if (!LABEL_VALUE.matcher(value).matches()) {
                causes.add(invalid("metadata.labels", value, LABEL_VALUE_TEXT));
            }
        }
        long annotationBytes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("annotations").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> annotation = it.next();
            keyCauses("metadata.annotations", annotation.getKey(), causes);
            annotationBytes +=
                    annotation.getKey().length() + annotation.getValue().asText("").length();
        }
        if (annotationBytes > MAX_ANNOTATIONS_BYTES) {
            causes.add(
                    ApiError.cause(
                            "FieldValueTooLong",
                            "metadata.annotations",
                            "Too long: must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
        }
        dataSize(path, object, causes);
        if (!causes.isEmpty()) {
            throw ApiError.invalid(
                    path.group(),
                    object.path("kind").asText(),
                    name.isEmpty() ? metadata.path("generateName").asText("") : name,
                    causes);
        }
    }

    private static void nameCauses(RequestPath path, String name, List<StatusCause> causes) {
        boolean core = path.group().isEmpty();
        if (core && path.resource().equals("namespaces")) {
            label(name, 63, DNS1123_LABEL, DNS1123_LABEL_TEXT, causes);
        } else if (core && path.resource().equals("services")) {
            label(name, 63, DNS1035_LABEL, DNS1035_LABEL_TEXT, causes);
        } else {
            label(name, 253, SUBDOMAIN, SUBDOMAIN_TEXT, causes);
        }
    }

    private static void label(
            String name, int max, Pattern pattern, String text, List<StatusCause> causes) {
        if (name.length() > max) {
            causes.add(
                    invalid("metadata.name", name, "must be no more than " + max + " characters"));
        }
        if (!pattern.matcher(name).matches()) {
            causes.add(invalid("metadata.name", name, text));
        }
    }

    /** A label or annotation key: an optional DNS subdomain prefix and a qualified name. */
    private static void keyCauses(String field, String key, List<StatusCause> causes) {
        String[] parts = key.split("/", -1);
        String namePart = parts[parts.length - 1];
        if (parts.length > 2) {
            causes.add(
                    invalid(
                            field,
                            key,
                            "a qualified name must consist of alphanumeric characters, '-', '_'"
                                    + " or '.', and must start and end with an alphanumeric"
                                    + " character (e.g. 'MyName',  or 'my.name',  or '123-abc',"
                                    + " regex used for validation is"
                                    + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an"
                                    + " optional DNS subdomain prefix and '/' (e.g."
                                    + " 'example.com/MyName')"));
            return;
        }
        if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                causes.add(invalid(field, key, "prefix part must be non-empty"));
            } else {
                if (prefix.length() > 253) {
                    causes.add(
                            invalid(field, key, "prefix part must be no more than 253 characters"));
                }
                if (!SUBDOMAIN.matcher(prefix).matches()) {
                    causes.add(invalid(field, key, "prefix part " + SUBDOMAIN_TEXT));
                }
            }
        }
        if (namePart.isEmpty()) {
            causes.add(invalid(field, key, "name part must be non-empty"));
        } else {
            if (namePart.length() > 63) {
                causes.add(invalid(field, key, "name part must be no more than 63 characters"));
            }
            if (!QUALIFIED_NAME.matcher(namePart).matches()) {
                causes.add(invalid(field, key, QUALIFIED_NAME_TEXT));
            }
        }
    }

    /** ConfigMaps and Secrets hold at most 1 MiB of data. */
    private static void dataSize(RequestPath path, JsonNode object, List<StatusCause> causes) {
        if (!path.group().isEmpty()) {
            return;
        }
        boolean configMap = path.resource().equals("configmaps");
        boolean secret = path.resource().equals("secrets");
        if (!configMap && !secret) {
            return;
        }
        long total = 0;
        for (String field : configMap ? List.of("data", "binaryData") : List.of("data")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.path(field).fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String value = e.getValue().asText("");
                total +=
                        configMap && field.equals("data")
                                ? e.getKey().length() + value.length()
                                : value.length() * 3L / 4;
            }
        }
        if (total > MAX_DATA_BYTES) {
            causes.add(
                    ApiError.cause(
                            "FieldValueTooLong",
                            configMap ? "[]" : "data",
                            "Too long: must have at most " + MAX_DATA_BYTES + " bytes"));
        }
    }

    private static StatusCause invalid(String field, String value, String detail) {
        return ApiError.cause(
                "FieldValueInvalid",
                field,
                "Invalid value: "
                        + Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(value))
                        + ": "
                        + detail);
    }
}
