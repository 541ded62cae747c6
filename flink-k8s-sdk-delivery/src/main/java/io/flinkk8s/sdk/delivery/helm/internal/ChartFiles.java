package io.flinkk8s.sdk.delivery.helm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.delivery.helm.internal.TemplateDerivation.Derivation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a chart: {@code Chart.yaml}, {@code values.yaml}, {@code values.schema.json}, one
 * template per rendered object (in apply order, numbered) and the helpers, each template the SDK's
 * YAML of its object with the derived values' fields replaced by template expressions.
 */
final class ChartFiles {

    /** The first line of every file this class writes; how the folder knows its own files. */
    static final String MARKER =
            "# Written by flink-k8s-sdk (HelmChart): re-export the spec to change it.";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String chart;
    private final Derivation derivation;
    private final List<String> expressions = new ArrayList<>();
    private boolean configTemplate;

    private ChartFiles(String chart, Derivation derivation) {
        this.chart = chart;
        this.derivation = derivation;
    }

    /** Every file of the chart, by its path in the chart's folder. */
    static TreeMap<String, String> of(
            ChartMetadata metadata, RenderedResources rendered, Derivation derivation) {
        ChartFiles files = new ChartFiles(metadata.name(), derivation);
        TreeMap<String, String> out = new TreeMap<>();
        out.put("Chart.yaml", chartYaml(metadata));
        out.put("values.yaml", ChartValuesFile.valuesYaml(derivation.values()));
        out.put("values.schema.json", ChartValuesFile.schemaJson(derivation.values()));
        StringBuilder helpers =
                new StringBuilder(MARKER).append('\n').append(helpers(metadata.name()));
        List<HasMetadata> objects = rendered.all();
        for (int i = 0; i < objects.size(); i++) {
            HasMetadata object = objects.get(i);
            out.put(templateName(i, object), files.template(object, helpers));
        }
        out.put("templates/_helpers.tpl", helpers.toString());
        if (derivation.values().stream().noneMatch(v -> !v.inValues())) {
            out.put("templates/00-namespace.yaml", namespaceCheck(metadata.namespace()));
        }
        return out;
    }

    /** {@code templates/NN-<kind>-<name>.yaml}, numbered in apply order. */
    static String templateName(int index, HasMetadata object) {
        return String.format("templates/%02d-%s", index + 1, YamlExporter.fileName(object));
    }

    private String template(HasMetadata object, StringBuilder helpers) {
        String key = RenderedLeaves.key(object);
        JsonNode tree = RenderedLeaves.tree(object);
        String configFile = null;
        String configText = null;
        for (String file : RenderedLeaves.CONFIG_FILES) {
            JsonNode text = tree.path("data").path(file);
            if (key.startsWith("ConfigMap/") && text.isTextual()) {
                configFile = file;
                configText = text.asText();
            }
        }
        expressions.clear();
        if (configFile != null) {
            helpers.append(configTemplate(key, configFile, configText));
            ((ObjectNode) tree.get("data"))
                    .set(configFile, placeholder("include \"" + configName() + "\" . | toJson"));
        }
        replace(key, "", tree);
        String yaml =
                MARKER
                        + " "
                        + object.getKind()
                        + " "
                        + object.getMetadata().getName()
                        + "\n"
                        + escape(documentBody(SERIALIZATION.asYaml(tree)));
        for (int i = 0; i < expressions.size(); i++) {
            yaml = yaml.replace("\"" + token(i) + "\"", "{{ " + expressions.get(i) + " }}");
        }
        return yaml;
    }

    /** Replaces the derived fields (and config hashes) under {@code node} by placeholders. */
    private void replace(String key, String pointer, JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                JsonNode value = object.get(name);
                if (value.isContainerNode()) {
                    replace(key, child, value);
                } else if (child.endsWith(RenderedLeaves.HASH_POINTER) && hasConfigTemplate()) {
                    object.set(
                            name,
                            placeholder("include \"" + configName() + "\" . | sha256sum | quote"));
                } else if (derivation.sites().containsKey(key + child)) {
                    object.set(name, placeholder(derivation.sites().get(key + child).jsonExpr()));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                String child = pointer + "/" + i;
                if (value.isContainerNode()) {
                    replace(key, child, value);
                } else if (derivation.sites().containsKey(key + child)) {
                    ((ArrayNode) node)
                            .set(i, placeholder(derivation.sites().get(key + child).jsonExpr()));
                }
            }
        }
    }

    private boolean hasConfigTemplate() {
        return configTemplate;
    }

    private String configName() {
        return chart + ".flinkConfig";
    }

    /** The named template of the Flink config file: its lines, derived values as expressions. */
    private String configTemplate(String key, String file, String text) {
        configTemplate = true;
        String pointer = key + "/data/" + file + "#";
        StringBuilder out = new StringBuilder("{{- define \"" + configName() + "\" -}}\n");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(": ");
            Candidate site =
                    colon > 0 && !line.startsWith(" ") && !line.startsWith("#")
                            ? derivation.sites().get(pointer + line.substring(0, colon))
                            : null;
            out.append(
                    site == null
                            ? escape(line)
                            : escape(line.substring(0, colon + 2))
                                    + "{{ "
                                    + site.textExpr()
                                    + " }}");
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.append("{{ end -}}\n").toString();
    }

    /** The YAML without its document start: a template is one document. */
    private static String documentBody(String yaml) {
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    /**
     * A template that renders nothing but fails for a release outside the spec's namespace: the
     * chart's objects name their namespace when the rendering could not take the release's (an
     * Ingress host built from it, for one).
     */
    private static String namespaceCheck(String namespace) {
        String quoted = ChartFiles.json(namespace);
        return MARKER
                + "\n{{- if ne .Release.Namespace "
                + quoted
                + " }}\n{{- fail (printf \"this chart's objects are in the namespace %s (the spec's):"
                + " install it there (--namespace %s), or export the spec with the namespace"
                + " you want; the release's namespace is %s\" "
                + quoted
                + " "
                + quoted
                + " .Release.Namespace) }}\n{{- end }}\n";
    }

    private TextNode placeholder(String expression) {
        expressions.add(expression);
        return TextNode.valueOf(token(expressions.size() - 1));
    }

    private static String token(int i) {
        return "@@flink-k8s-sdk-" + i + "@@";
    }

    /** Text Helm must write as it is: its {@code {{} escaped. */
    private static String escape(String text) {
        return text.replace("{{", "{{ \"{{\" }}");
    }

    private static String chartYaml(ChartMetadata metadata) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("apiVersion", "v2");
        chart.put("name", metadata.name());
        chart.put("description", metadata.description());
        chart.put("type", "application");
        chart.put("version", metadata.version());
        chart.put("appVersion", metadata.appVersion());
        return MARKER + "\n" + SERIALIZATION.asYaml(chart);
    }

    /** Canonical Kubernetes CPU and memory, and Flink's memory notation, from the values' forms. */
    private static String helpers(String chart) {
        return """
                {{- define "C.cpu" -}}
                {{- $m := round (mulf . 1000) 0 | int -}}
                {{- if eq (mod $m 1000) 0 }}{{ div $m 1000 }}{{ else }}{{ $m }}m{{ end -}}
                {{- end -}}
                {{- define "C.mebibytes" -}}
                {{- if hasSuffix "Ti" . }}{{ mul (trimSuffix "Ti" . | atoi) 1048576 }}
                {{- else if hasSuffix "Gi" . }}{{ mul (trimSuffix "Gi" . | atoi) 1024 }}
                {{- else }}{{ trimSuffix "Mi" . | atoi }}{{ end -}}
                {{- end -}}
                {{- define "C.k8sMemory" -}}
                {{- $mi := include "C.mebibytes" . | atoi -}}
                {{- if eq (mod $mi 1048576) 0 }}{{ div $mi 1048576 }}Ti
                {{- else if eq (mod $mi 1024) 0 }}{{ div $mi 1024 }}Gi
                {{- else }}{{ $mi }}Mi{{ end -}}
                {{- end -}}
                {{- define "C.flinkMemory" -}}
                {{- $mi := include "C.mebibytes" . | atoi -}}
                {{- if eq (mod $mi 1048576) 0 }}{{ div $mi 1048576 }} tb
                {{- else if eq (mod $mi 1024) 0 }}{{ div $mi 1024 }} gb
                {{- else }}{{ $mi }} mb{{ end -}}
                {{- end -}}
                {{- define "C.shortMemory" -}}
                {{- $mi := include "C.mebibytes" . | atoi -}}
                {{- if eq (mod $mi 1048576) 0 }}{{ div $mi 1048576 }}t
                {{- else if eq (mod $mi 1024) 0 }}{{ div $mi 1024 }}g
                {{- else }}{{ $mi }}m{{ end -}}
                {{- end -}}
                """
                .replace("\"C.", "\"" + chart + ".");
    }

    /** {@code value} as pretty-printed JSON. */
    static String json(Object value) {
        try {
            return RenderedLeaves.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SDK bug: chart values are not JSON", e);
        }
    }
}
