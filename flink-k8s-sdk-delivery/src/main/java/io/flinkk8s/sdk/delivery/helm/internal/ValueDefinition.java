package io.flinkk8s.sdk.delivery.helm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A value a chart may offer: its dotted path in {@code values.yaml} (null for the release's
 * namespace, which Helm gives), its default, its JSON Schema, the ways it can show in a rendering,
 * the values to render the spec with to find where it shows, and how to set it in the spec's JSON.
 *
 * @param path the dotted path in {@code values.yaml}, or {@link #NAMESPACE}
 * @param description one line for {@code values.yaml} and the schema
 * @param defaultValue the default (may be null where the schema allows it)
 * @param schema the value's JSON Schema
 * @param candidates the ways it can show in a rendered object
 * @param probes other values, tried in order until one renders
 * @param apply sets a value in the spec's JSON form
 */
record ValueDefinition(
        String path,
        String description,
        Object defaultValue,
        Map<String, Object> schema,
        List<Candidate> candidates,
        List<Object> probes,
        BiConsumer<ObjectNode, Object> apply) {

    /** The path of the release's namespace, which is not in {@code values.yaml}. */
    static final String NAMESPACE = ".Release.Namespace";

    ValueDefinition {
        candidates = List.copyOf(candidates);
        probes = List.copyOf(probes);
    }

    /** Whether the value is one of {@code values.yaml}'s. */
    boolean inValues() {
        return !NAMESPACE.equals(path);
    }

    /** The value in a template: {@code .Values.a.b}, or the release's namespace. */
    String ref() {
        return inValues() ? ".Values." + path : NAMESPACE;
    }
}
