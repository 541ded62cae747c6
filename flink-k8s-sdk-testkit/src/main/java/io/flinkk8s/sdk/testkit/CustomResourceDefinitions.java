package io.flinkk8s.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourcesBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.core.operator.crd.OperatorCrds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A set of CRDs to register in a cluster at start. Parsing them takes a while (the SDK's generated
 * CRDs are about 600 KB of YAML, the operator's full ones about 1.2 MB), so load them once and hand
 * the same instance to every cluster; the JUnit extension does this per test run. Immutable.
 *
 * <pre>{@code
 * CustomResourceDefinitions crds = CustomResourceDefinitions.flinkOperator();   // once
 * try (InMemoryFlinkK8sCluster cluster = InMemoryFlinkK8sCluster.builder()
 *         .customResourceDefinitions(crds).start()) { ... }
 * }</pre>
 */
public final class CustomResourceDefinitions {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    /**
     * One CRD with its JSON form, which is what the cluster stores, and the tree parsed from
     * exactly that JSON when there is one (null otherwise): a cluster copies it instead of parsing
     * the JSON a second time. Never changed once here.
     */
    record Loaded(CustomResourceDefinition crd, String json, JsonNode tree) {
        Loaded(CustomResourceDefinition crd, String json) {
            this(crd, json, null);
        }

        /** A copy of the tree for one cluster to keep (cheaper than parsing); null without one. */
        JsonNode copy() {
            return tree == null ? null : tree.deepCopy();
        }
    }

    private final List<Loaded> loaded;

    private CustomResourceDefinitions(List<Loaded> loaded) {
        this.loaded = List.copyOf(loaded);
    }

    /** No CRDs. */
    public static CustomResourceDefinitions none() {
        return new CustomResourceDefinitions(List.of());
    }

    /** The given CRDs. */
    public static CustomResourceDefinitions of(List<CustomResourceDefinition> crds) {
        return new CustomResourceDefinitions(
                crds.stream().map(c -> new Loaded(c, Serialization.asJson(c))).toList());
    }

    /**
     * The CRDs of the Flink Kubernetes Operator's {@code FlinkDeployment}, {@code FlinkSessionJob}
     * and {@code FlinkStateSnapshot} ({@code flink.apache.org/v1beta1}) that the SDK's core jar
     * carries ({@link OperatorCrds#load()}): generated from its typed resources at build time, with
     * the operator's names, short names, status and scale subresources, printer columns, and a
     * schema of the fields the SDK models. What a cluster registers by default. For the operator's
     * own full CRDs (and its other kinds), {@link #load} its files or read them from an operator
     * API jar with {@link #onClasspath}.
     */
    public static CustomResourceDefinitions flinkOperator() {
        List<Loaded> result = new ArrayList<>();
        // the JSON copies the core's build writes beside the YAML: read at every cluster start, and
        // Jackson parses them several times faster (no YAML parser to load and warm up either)
        for (URL file : OperatorCrds.jsonFiles()) {
            try (InputStream in = file.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                JsonNode tree = JSON.readTree(json);
                result.add(new Loaded(parse(tree, json).crd(), json, tree));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CRD " + file, e);
            }
        }
        return new CustomResourceDefinitions(result);
    }

    /**
     * The CRD of the Prometheus Operator's {@code PodMonitor} ({@code monitoring.coreos.com/v1}),
     * which the SDK renders for {@code observability.prometheus.podMonitor}: its names and version
     * as the Prometheus Operator defines them, with a schema that keeps every field (the in-memory
     * cluster stores a PodMonitor; nothing scrapes). Without it a cluster does not serve the kind,
     * as a cluster without the Prometheus Operator; combine it with {@link #and}.
     */
    public static CustomResourceDefinitions prometheusOperator() {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("apiVersion", "apiextensions.k8s.io/v1");
        tree.put("kind", "CustomResourceDefinition");
        tree.putObject("metadata").put("name", "podmonitors.monitoring.coreos.com");
        ObjectNode spec = tree.putObject("spec");
        spec.put("group", "monitoring.coreos.com");
        spec.put("scope", "Namespaced");
        ObjectNode names = spec.putObject("names");
        names.put("kind", "PodMonitor");
        names.put("listKind", "PodMonitorList");
        names.put("plural", "podmonitors");
        names.put("singular", "podmonitor");
        names.putArray("shortNames").add("pmon");
        names.putArray("categories").add("prometheus-operator");
        ObjectNode version = spec.putArray("versions").addObject();
        version.put("name", "v1");
        version.put("served", true);
        version.put("storage", true);
        version.putObject("schema")
                .putObject("openAPIV3Schema")
                .put("type", "object")
                .put("x-kubernetes-preserve-unknown-fields", true);
        try {
            return new CustomResourceDefinitions(
                    List.of(parse(tree, JSON.writeValueAsString(tree))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PodMonitor CRD", e);
        }
    }

    /** These CRDs and {@code other}'s; a CRD of the same name in both counts once, as here. */
    public CustomResourceDefinitions and(CustomResourceDefinitions other) {
        Map<String, Loaded> byName = new LinkedHashMap<>();
        for (Loaded l : loaded) {
            byName.putIfAbsent(l.crd().getMetadata().getName(), l);
        }
        for (Loaded l : other.loaded) {
            byName.putIfAbsent(l.crd().getMetadata().getName(), l);
        }
        return new CustomResourceDefinitions(List.copyOf(byName.values()));
    }

    /**
     * Every CRD in a {@code META-INF/fabric8/*.yml} on {@code loader}'s classpath ({@link
     * OperatorCrds#onClasspath}), which is where operator API jars carry theirs; when two define
     * the same CRD, the first in file-name and classpath order counts.
     */
    public static CustomResourceDefinitions onClasspath(ClassLoader loader) {
        Map<String, CustomResourceDefinition> byName = new LinkedHashMap<>();
        for (CustomResourceDefinition crd :
                OperatorCrds.onClasspath(Objects.requireNonNull(loader, "loader"))) {
            byName.putIfAbsent(crd.getMetadata().getName(), crd);
        }
        return of(List.copyOf(byName.values()));
    }

    /** Every {@code *.yml} / {@code *.yaml} CRD file directly in {@code directory}. */
    public static CustomResourceDefinitions load(Path directory) {
        ObjectMapper yaml = new YAMLMapper();
        List<Loaded> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(
                                    f ->
                                            f.toString().endsWith(".yml")
                                                    || f.toString().endsWith(".yaml"))
                            .sorted()
                            .toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    result.add(parse(yaml.readTree(in)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRDs from " + directory, e);
        }
        return new CustomResourceDefinitions(result);
    }

    /**
     * Keeps the full JSON for storage and builds the typed CRD from the parts the cluster uses
     * (names, scope, versions and their subresources and printer columns) with fabric8's builders:
     * reading the whole typed model through Jackson costs a cold test run more than the rest of
     * loading.
     */
    private static Loaded parse(JsonNode tree) throws IOException {
        return parse(tree, JSON.writeValueAsString(tree));
    }

    private static Loaded parse(JsonNode tree, String json) {
        JsonNode spec = tree.path("spec");
        JsonNode names = spec.path("names");
        CustomResourceDefinitionBuilder crd =
                new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName(tree.path("metadata").path("name").asText())
                        .endMetadata()
                        .withNewSpec()
                        .withGroup(spec.path("group").asText())
                        .withScope(spec.path("scope").asText())
                        .withNewNames()
                        .withKind(names.path("kind").asText())
                        .withListKind(text(names, "listKind"))
                        .withPlural(names.path("plural").asText())
                        .withSingular(text(names, "singular"))
                        .withShortNames(texts(names.path("shortNames")))
                        .withCategories(texts(names.path("categories")))
                        .endNames()
                        .endSpec();
        for (JsonNode version : spec.path("versions")) {
            crd.editSpec().addToVersions(version(version)).endSpec();
        }
        return new Loaded(crd.build(), json);
    }

    private static CustomResourceDefinitionVersion version(JsonNode version) {
        CustomResourceDefinitionVersionBuilder v =
                new CustomResourceDefinitionVersionBuilder()
                        .withName(version.path("name").asText())
                        .withServed(version.path("served").asBoolean(true))
                        .withStorage(version.path("storage").asBoolean(false));
        for (JsonNode column : version.path("additionalPrinterColumns")) {
            v.addNewAdditionalPrinterColumn()
                    .withName(text(column, "name"))
                    .withType(text(column, "type"))
                    .withJsonPath(text(column, "jsonPath"))
                    .withDescription(text(column, "description"))
                    .withPriority(column.has("priority") ? column.get("priority").asInt() : null)
                    .endAdditionalPrinterColumn();
        }
        JsonNode subresources = version.path("subresources");
        if (subresources.isObject()) {
            CustomResourceSubresourcesBuilder sub = new CustomResourceSubresourcesBuilder();
            if (subresources.has("status")) {
                sub.withNewStatus().endStatus();
            }
            JsonNode scale = subresources.path("scale");
            if (scale.isObject()) {
                sub.withNewScale()
                        .withSpecReplicasPath(text(scale, "specReplicasPath"))
                        .withStatusReplicasPath(text(scale, "statusReplicasPath"))
                        .withLabelSelectorPath(text(scale, "labelSelectorPath"))
                        .endScale();
            }
            v.withSubresources(sub.build());
        }
        return v.build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? null : values;
    }

    /** The CRDs, in file-name order. */
    public List<CustomResourceDefinition> definitions() {
        return loaded.stream().map(Loaded::crd).toList();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return loaded.isEmpty();
    }

    List<Loaded> loaded() {
        return loaded;
    }
}
