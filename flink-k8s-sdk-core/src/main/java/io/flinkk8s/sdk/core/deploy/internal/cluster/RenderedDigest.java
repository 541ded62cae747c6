package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.TreeMap;

/**
 * One rendered object as the no-op check needs it: where it lives and its {@link
 * AppliedDigest#ofRendered} digest, read straight from the tokens a serialization writes for the
 * typed object, with no JSON tree in between: {@code serialization.convertValue(object,
 * RenderedDigest.class)}. The digest is the one {@code ofRendered} gives for the object's JSON tree
 * (the same canonical form: sorted keys, numbers by value, null fields and the identity, status and
 * server-set metadata left out).
 *
 * <p>Internal: not API, may change in any release.
 *
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind e.g. {@code Deployment}
 * @param namespace the object's namespace
 * @param name the object's name
 * @param digest the digest of what the SDK applies to it
 */
@JsonDeserialize(using = RenderedDigest.Reader.class)
public record RenderedDigest(
        String apiVersion, String kind, String namespace, String name, long digest) {

    /** The reference of the object. */
    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    /** Reads one object's tokens into its digest. */
    static final class Reader extends StdDeserializer<RenderedDigest> {

        Reader() {
            super(RenderedDigest.class);
        }

        @Override
        public RenderedDigest deserialize(JsonParser p, DeserializationContext ctx)
                throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (RenderedDigest) ctx.handleUnexpectedToken(RenderedDigest.class, p);
            }
            String apiVersion = null;
            String kind = null;
            String namespace = null;
            String name = null;
            TreeMap<String, String> body = new TreeMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("apiVersion") && v == JsonToken.VALUE_STRING) {
                    apiVersion = p.getText();
                } else if (key.equals("kind") && v == JsonToken.VALUE_STRING) {
                    kind = p.getText();
                }
                if (AppliedDigest.IDENTITY.contains(key) || v == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                } else if (key.equals("metadata") && v == JsonToken.START_OBJECT) {
                    Metadata meta = metadata(p, ctx);
                    namespace = meta.namespace();
                    name = meta.name();
                    if (meta.canonical() != null) {
                        body.put(key, meta.canonical());
                    }
                } else {
                    StringBuilder value = new StringBuilder();
                    value(p, v, ctx, value);
                    body.put(key, value.toString());
                }
            }
            StringBuilder sb = new StringBuilder(4096);
            join(body, sb);
            return new RenderedDigest(apiVersion, kind, namespace, name, AppliedDigest.hash(sb));
        }

        /**
         * The metadata's name and namespace, and its canonical form without the server-set fields;
         * null when it has no other field (null-valued or not): then the digest leaves it out.
         */
        private static Metadata metadata(JsonParser p, DeserializationContext ctx)
                throws IOException {
            String namespace = null;
            String name = null;
            boolean other = false;
            TreeMap<String, String> fields = new TreeMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("name") && v == JsonToken.VALUE_STRING) {
                    name = p.getText();
                } else if (key.equals("namespace") && v == JsonToken.VALUE_STRING) {
                    namespace = p.getText();
                }
                if (AppliedDigest.SERVER_METADATA.contains(key)) {
                    p.skipChildren();
                    continue;
                }
                other = true;
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                StringBuilder value = new StringBuilder();
                value(p, v, ctx, value);
                fields.put(key, value.toString());
            }
            if (!other) {
                return new Metadata(namespace, name, null);
            }
            StringBuilder sb = new StringBuilder();
            join(fields, sb);
            return new Metadata(namespace, name, sb.toString());
        }

        private record Metadata(String namespace, String name, String canonical) {}

        /** Writes the value starting at token {@code t}, as {@link AppliedDigest} writes it. */
        private static void value(
                JsonParser p, JsonToken t, DeserializationContext ctx, StringBuilder sb)
                throws IOException {
            switch (t) {
                case START_OBJECT -> object(p, ctx, sb);
                case START_ARRAY -> {
                    sb.append('[');
                    boolean first = true;
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        sb.append(first ? "" : ",");
                        first = false;
                        value(p, e, ctx, sb);
                    }
                    sb.append(']');
                }
                case VALUE_STRING -> AppliedDigest.appendQuoted(p.getText(), sb);
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        BigInteger b = p.getBigIntegerValue();
                        if (b.bitLength() < Long.SIZE) {
                            sb.append(b.longValue());
                        } else {
                            AppliedDigest.appendDecimal(new BigDecimal(b), sb);
                        }
                    } else {
                        sb.append(p.getLongValue());
                    }
                }
                case VALUE_TRUE -> sb.append(true);
                case VALUE_FALSE -> sb.append(false);
                case VALUE_NULL -> sb.append("null");
                // floats and embedded values: through the tree, as the JSON tree holds them
                default -> AppliedDigest.write(ctx.readTree(p), sb);
            }
        }

        /** An object's fields sorted by name, null-valued ones left out. */
        private static void object(JsonParser p, DeserializationContext ctx, StringBuilder sb)
                throws IOException {
            TreeMap<String, String> fields = new TreeMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                StringBuilder value = new StringBuilder();
                value(p, v, ctx, value);
                fields.put(key, value.toString());
            }
            join(fields, sb);
        }

        private static void join(TreeMap<String, String> fields, StringBuilder sb) {
            sb.append('{');
            boolean first = true;
            for (var e : fields.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                AppliedDigest.appendQuoted(e.getKey(), sb);
                sb.append(':').append(e.getValue());
            }
            sb.append('}');
        }
    }
}
