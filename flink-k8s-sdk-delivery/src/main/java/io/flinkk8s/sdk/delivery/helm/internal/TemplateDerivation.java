package io.flinkk8s.sdk.delivery.helm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where each chart value lands in the SDK's rendering, found by the SDK itself: the spec is
 * rendered again with one value changed at a time, and every scalar that changes must be explained
 * by one {@link Candidate} for all those renderings at once (the default included). A value whose
 * changes cannot all be explained, or that changes nothing, or whose changed spec does not render
 * with the same objects and fields, is left out of the chart: its objects keep the SDK's rendering.
 *
 * <p>So the templates render, for each kept value, what the SDK renders for a spec with that value,
 * by construction for the values tried here and by the candidates' formats for the others.
 */
final class TemplateDerivation {

    /**
     * What the chart templates: the values kept and, for each changed scalar (a key of {@link
     * RenderedLeaves}), the candidate that renders it.
     */
    record Derivation(List<ValueDefinition> values, Map<String, Candidate> sites) {}

    private record Probe(Map<String, Object> values, Map<String, JsonNode> leaves) {}

    private TemplateDerivation() {}

    static Derivation derive(
            FlinkDeploymentSpec effective,
            RenderedResources rendered,
            List<ValueDefinition> definitions,
            Renderer renderer) {
        Map<String, JsonNode> base = RenderedLeaves.of(rendered);
        Map<String, Object> defaults = new HashMap<>();
        definitions.forEach(d -> defaults.put(d.path(), d.defaultValue()));
        ObjectNode specJson = specJson(effective);

        Map<ValueDefinition, Probe> probes = new LinkedHashMap<>();
        for (ValueDefinition definition : definitions) {
            Probe probe = probe(definition, defaults, specJson, base, renderer);
            if (probe != null) {
                probes.put(definition, probe);
            }
        }
        while (true) {
            Map<String, Candidate> sites = new LinkedHashMap<>();
            Set<ValueDefinition> drop = new LinkedHashSet<>();
            Set<ValueDefinition> used = new LinkedHashSet<>();
            for (String leaf : changedLeaves(base, probes)) {
                boolean configLine = leaf.contains("#");
                Candidate found = explain(leaf, configLine, base, defaults, probes, null);
                if (found != null) {
                    sites.put(leaf, found);
                    probes.forEach(
                            (d, p) -> {
                                if (!Objects.equals(p.leaves().get(leaf), base.get(leaf))) {
                                    used.add(d);
                                }
                            });
                    continue;
                }
                List<ValueDefinition> changers = changers(leaf, base, probes);
                ValueDefinition culprit = null;
                for (ValueDefinition d : changers) {
                    if (explain(leaf, configLine, base, defaults, probes, d) != null) {
                        culprit = d;
                        break;
                    }
                }
                drop.addAll(culprit != null ? List.of(culprit) : changers);
            }
            if (drop.isEmpty()) {
                // only once every change is explained: a value whose leaves were unexplained in
                // this pass because of another value may be used in the next
                probes.keySet().stream().filter(d -> !used.contains(d)).forEach(drop::add);
            }
            if (drop.isEmpty()) {
                return new Derivation(List.copyOf(probes.keySet()), sites);
            }
            drop.forEach(probes::remove);
        }
    }

    private static Probe probe(
            ValueDefinition definition,
            Map<String, Object> defaults,
            ObjectNode specJson,
            Map<String, JsonNode> base,
            Renderer renderer) {
        for (Object value : definition.probes()) {
            if (Objects.equals(value, definition.defaultValue())) {
                continue;
            }
            ObjectNode json = specJson.deepCopy();
            try {
                definition.apply().accept(json, value);
                FlinkDeploymentSpec changed = SpecSerialization.fromJson(json.toString());
                Map<String, JsonNode> leaves = RenderedLeaves.of(renderer.render(changed));
                if (leaves.keySet().equals(base.keySet())) {
                    Map<String, Object> values = new HashMap<>(defaults);
                    values.put(definition.path(), value);
                    return new Probe(values, leaves);
                }
            } catch (RuntimeException e) {
                // not a value this spec renders with: try the next one
            }
        }
        return null;
    }

    /** The scalars some probe changes, except whole config files and their hashes. */
    private static Set<String> changedLeaves(
            Map<String, JsonNode> base, Map<ValueDefinition, Probe> probes) {
        Set<String> changed = new LinkedHashSet<>();
        for (String leaf : base.keySet()) {
            if (leaf.endsWith(RenderedLeaves.HASH_POINTER) || isWholeConfigFile(leaf)) {
                continue;
            }
            for (Probe probe : probes.values()) {
                if (!Objects.equals(probe.leaves().get(leaf), base.get(leaf))) {
                    changed.add(leaf);
                    break;
                }
            }
        }
        return changed;
    }

    private static boolean isWholeConfigFile(String leaf) {
        int slash = leaf.indexOf('/');
        int pointer = leaf.indexOf('/', slash + 1);
        return !leaf.contains("#")
                && pointer > 0
                && RenderedLeaves.isConfigFile(leaf.substring(0, pointer), leaf.substring(pointer));
    }

    private static List<ValueDefinition> changers(
            String leaf, Map<String, JsonNode> base, Map<ValueDefinition, Probe> probes) {
        List<ValueDefinition> changers = new ArrayList<>();
        probes.forEach(
                (d, p) -> {
                    if (!Objects.equals(p.leaves().get(leaf), base.get(leaf))) {
                        changers.add(d);
                    }
                });
        return changers;
    }

    /**
     * The first candidate that renders {@code leaf} for the defaults and every probe but {@code
     * ignored}'s.
     */
    private static Candidate explain(
            String leaf,
            boolean configLine,
            Map<String, JsonNode> base,
            Map<String, Object> defaults,
            Map<ValueDefinition, Probe> probes,
            ValueDefinition ignored) {
        for (ValueDefinition definition : probes.keySet()) {
            if (definition == ignored) {
                continue;
            }
            for (Candidate candidate : definition.candidates()) {
                if (!candidate.matches(base.get(leaf), defaults, configLine)) {
                    continue;
                }
                boolean all = true;
                for (Map.Entry<ValueDefinition, Probe> probe : probes.entrySet()) {
                    if (probe.getKey() != ignored
                            && !candidate.matches(
                                    probe.getValue().leaves().get(leaf),
                                    probe.getValue().values(),
                                    configLine)) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static ObjectNode specJson(FlinkDeploymentSpec spec) {
        try {
            return (ObjectNode) RenderedLeaves.MAPPER.readTree(SpecSerialization.toJson(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SDK bug: a spec's JSON does not parse", e);
        }
    }
}
