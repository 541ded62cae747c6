package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * A 64-bit digest of the fields one field manager applies to an object, computed two ways that
 * agree exactly when a server-side apply of the rendered object would change nothing the manager
 * owns: {@link #ofRendered} from the object as the SDK would apply it, and {@link #ofLive} from the
 * stored object: its values at the paths of the manager's applied field set ({@code
 * metadata.managedFields}, FieldsV1, operation {@code Apply}).
 *
 * <p>Why this finds a drift on a managed field: when someone else changes a field the SDK applied,
 * the live value at that path differs (so does the digest), and Kubernetes moves the field's
 * ownership to whoever changed it, so the path drops out of the SDK's field set (so does the digest
 * again). A field the SDK applied that it no longer renders stays in its field set and so in the
 * live digest, but not in the rendered one. Fields the server defaults or other managers add are
 * outside the SDK's set and never count, as in {@link ObjectDiff}. A status view keeps only this
 * digest per object (not the object), so comparing costs no request and little memory.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class AppliedDigest {

    /** Top-level fields a digest leaves out: the object's type and its status. */
    static final Set<String> IDENTITY = Set.of("apiVersion", "kind", "status");

    /** Metadata fields a digest leaves out: the object's name and what the server sets. */
    static final Set<String> SERVER_METADATA =
            Set.of(
                    "name",
                    "namespace",
                    "uid",
                    "resourceVersion",
                    "generation",
                    "creationTimestamp",
                    "managedFields",
                    "selfLink",
                    "deletionTimestamp",
                    "deletionGracePeriodSeconds");

    // stands for a path the field set names that the object lacks: matches no rendered value
    private static final String ABSENT = "\u0000absent";

    private AppliedDigest() {}

    /** The digest of the object as the SDK applies it. */
    public static long ofRendered(JsonNode rendered) {
        // the canonical form of the object without its identity, status and server-set metadata,
        // written straight from the tree (no copy of it)
        StringBuilder sb = new StringBuilder(4096);
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = rendered.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (IDENTITY.contains(e.getKey())) {
                continue;
            }
            if (e.getKey().equals("metadata") && e.getValue().isObject()) {
                if (hasOtherThan(e.getValue(), SERVER_METADATA)) {
                    sorted.put(e.getKey(), e.getValue());
                }
            } else {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
            if (e.getValue().isNull()) {
                continue;
            }
            sb.append(first ? "" : ",");
            first = false;
            appendQuoted(e.getKey(), sb);
            sb.append(':');
            if (e.getKey().equals("metadata") && e.getValue().isObject()) {
                writeObject(e.getValue(), SERVER_METADATA, sb);
            } else {
                write(e.getValue(), sb);
            }
        }
        sb.append('}');
        return hash(sb);
    }

    /**
     * Whether {@code object} has a field (null-valued or not) whose name is not in {@code left}.
     */
    private static boolean hasOtherThan(JsonNode object, Set<String> left) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            if (!left.contains(names.next())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The digest of what {@code fieldManager} applied to the stored object; empty when it applied
     * nothing to it.
     */
    public static OptionalLong ofLive(JsonNode live, String fieldManager) {
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (fieldManager.equals(entry.path("manager").asText())
                    && "Apply".equals(entry.path("operation").asText())
                    && !entry.hasNonNull("subresource")) {
                StringBuilder sb = new StringBuilder(4096);
                write(project(entry.path("fieldsV1"), live), sb);
                return OptionalLong.of(hash(sb));
            }
        }
        return OptionalLong.empty();
    }

    /** The live values at the paths of a FieldsV1 set. */
    private static JsonNode project(JsonNode owned, JsonNode live) {
        if (isLeaf(owned)) {
            return live == null || live.isMissingNode() ? text(ABSENT) : live;
        }
        if (live != null && live.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : live) {
                JsonNode part = projectItem(owned, item);
                if (part != null) {
                    out.add(part);
                }
            }
            return out;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> keys = owned.fields();
        while (keys.hasNext()) {
            Map.Entry<String, JsonNode> e = keys.next();
            if (e.getKey().startsWith("f:")) {
                String field = e.getKey().substring(2);
                JsonNode value = live == null ? null : live.get(field);
                out.set(field, project(e.getValue(), value));
            }
        }
        return out;
    }

    /** The part of one list item the set owns (by key or by value), or null when it owns none. */
    private static JsonNode projectItem(JsonNode owned, JsonNode item) {
        Iterator<Map.Entry<String, JsonNode>> keys = owned.fields();
        while (keys.hasNext()) {
            Map.Entry<String, JsonNode> e = keys.next();
            if (e.getKey().startsWith("k:")) {
                JsonNode itemKey = ObjectDiff.parse(e.getKey().substring(2));
                if (matches(item, itemKey)) {
                    return project(e.getValue(), item);
                }
            } else if (e.getKey().startsWith("v:")) {
                if (ObjectDiff.sameValue(ObjectDiff.parse(e.getKey().substring(2)), item)) {
                    return item;
                }
            }
        }
        return null;
    }

    private static boolean matches(JsonNode item, JsonNode itemKey) {
        Iterator<Map.Entry<String, JsonNode>> k = itemKey.fields();
        while (k.hasNext()) {
            Map.Entry<String, JsonNode> e = k.next();
            if (!ObjectDiff.sameValue(e.getValue(), item.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A set entry with no member but {@code .}: the field is owned as a whole. */
    private static boolean isLeaf(JsonNode owned) {
        Iterator<String> names = owned.fieldNames();
        while (names.hasNext()) {
            if (!names.next().equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }

    /**
     * JSON with sorted keys and numbers by value ({@code 1} and {@code 1.0} alike), null-valued
     * fields left out.
     */
    static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    /** Writes {@code node} in canonical form. */
    static void write(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            writeObject(node, Set.of(), sb);
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(node.get(i), sb);
            }
            sb.append(']');
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            // what the decimal form below gives for an integer, without a BigDecimal
            sb.append(node.longValue());
        } else if (node.isNumber()) {
            appendDecimal(node.decimalValue(), sb);
        } else if (node.isTextual()) {
            appendQuoted(node.textValue(), sb);
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else if (node.isNull()) {
            sb.append("null");
        } else {
            sb.append(node.toString());
        }
    }

    /** An object's fields but those named in {@code skipped}, sorted by name, nulls left out. */
    private static void writeObject(JsonNode node, Set<String> skipped, StringBuilder sb) {
        String[] names = new String[node.size()];
        int n = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isNull() && !skipped.contains(e.getKey())) {
                names[n++] = e.getKey();
            }
        }
        Arrays.sort(names, 0, n);
        sb.append('{');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",");
            appendQuoted(names[i], sb);
            sb.append(':');
            write(node.get(names[i]), sb);
        }
        sb.append('}');
    }

    /** A number by value: {@code 1.50} and {@code 1.5} alike, no exponent. */
    static void appendDecimal(BigDecimal value, StringBuilder sb) {
        BigDecimal d = value.stripTrailingZeros();
        sb.append(d.signum() == 0 ? "0" : d.toPlainString());
    }

    /** {@code s} as a JSON string, escaped as Jackson writes it. */
    static void appendQuoted(String s, StringBuilder sb) {
        sb.append('"');
        if (plain(s)) {
            sb.append(s);
        } else {
            sb.append(JsonStringEncoder.getInstance().quoteAsString(s));
        }
        sb.append('"');
    }

    /** Whether Jackson writes {@code s} as it is: no control character, quote or backslash. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** The first 64 bits of the SHA-256 of the canonical form. */
    static long hash(CharSequence canonical) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
