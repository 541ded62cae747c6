package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's own example manifests ({@code shared/reference/flink-operator-examples}) are
 * imported through {@code SpecSerialization} and rendered back: every field of the example comes
 * out with the same meaning (extras are fine). Allowed differences, by design:
 *
 * <ul>
 *   <li>memory is compared in bytes ({@code 2048m} is rendered {@code 2g}), CPU as a number;
 *   <li>checkpoint and savepoint dirs are compared under Flink's current key names (a Flink 2.x CR
 *       gets {@code execution.checkpointing.dir} for the example's {@code state.checkpoints.dir});
 *   <li>the deprecated {@code job.savepointTriggerNonce} is not modelled;
 *   <li>the 1.16 {@code resources.requests} form becomes the 1.15 {@code resource} form, which both
 *       CRDs accept.
 * </ul>
 */
class OperatorExamplesTest {

    /** Examples the operator target cannot express, with the reason. */
    static final Map<String, String> NOT_IMPORTABLE =
            Map.of(
                    "advanced-ingress", "spec.ingress: the operator target renders no ingress yet",
                    "basic-ingress", "spec.ingress: the operator target renders no ingress yet",
                    "basic-reactive-example", "mode: standalone: the operator target is native",
                    "canary", "an operator health-check canary without a spec");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    static List<JsonNode> allExamples() throws IOException {
        Path dir = ReferenceData.require("flink-operator-examples");
        List<JsonNode> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                examples.addAll(OperatorExamples.documents(f));
            }
        }
        return examples;
    }

    static Stream<Arguments> importable() throws IOException {
        return allExamples().stream()
                .filter(e -> !NOT_IMPORTABLE.containsKey(name(e)))
                .map(e -> Arguments.of(name(e), e));
    }

    @Test
    void everyExampleIsImportedOrListedWithTheReasonItIsNot() throws IOException {
        Set<String> names = new TreeSet<>();
        allExamples().forEach(e -> names.add(name(e)));

        assertThat(names).containsAll(NOT_IMPORTABLE.keySet());
        assertThat(names.size() - NOT_IMPORTABLE.size()).isGreaterThanOrEqualTo(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("importable")
    void theExampleImportsAndRendersBackToTheSameFlinkDeployment(String name, JsonNode example)
            throws IOException {
        // given
        FlinkDeploymentSpec spec =
                SpecSerialization.fromJson(
                        JSON.writeValueAsString(OperatorExamples.toSpec(example)));
        // when
        RenderedResources rendered = Renderer.defaults().render(spec);
        GenericKubernetesResource cr = rendered.flinkDeployment(name);
        // then
        JsonNode ours = JSON.readTree(K8S.asJson(cr));
        JsonNode theirs = example.path("spec");
        JsonNode ourSpec = ours.path("spec");
        assertThat(rendered.size()).isOne();
        assertThat(ours.at("/metadata/name").asText()).isEqualTo(name);
        for (String field : List.of("image", "imagePullPolicy", "flinkVersion", "serviceAccount")) {
            if (theirs.has(field)) {
                assertThat(ourSpec.path(field).asText())
                        .as(field)
                        .isEqualTo(theirs.get(field).asText());
            }
        }
        assertThat(ourSpec.path("mode").asText()).isEqualTo(theirs.path("mode").asText("native"));
        assertThat(normalised(OperatorExamples.flatten(ourSpec.path("flinkConfiguration"))))
                .containsAllEntriesOf(
                        normalised(OperatorExamples.flatten(theirs.path("flinkConfiguration"))));
        if (theirs.has("logConfiguration")) {
            assertThat(ourSpec.get("logConfiguration")).isEqualTo(theirs.get("logConfiguration"));
        }
        for (String component : List.of("jobManager", "taskManager")) {
            assertSameProcess(component, ourSpec, theirs);
        }
        assertSameJob(ourSpec.path("job"), theirs.path("job"));
    }

    private static void assertSameProcess(String component, JsonNode ours, JsonNode theirs) {
        JsonNode our = ours.path(component);
        JsonNode their = theirs.path(component);
        if (their.has("replicas")) {
            assertThat(our.path("replicas").asInt()).isEqualTo(their.path("replicas").asInt());
        }
        if (their.has("resource") || their.has("resources")) {
            assertThat(MemorySize.parse(OperatorExamples.memory(our)).getBytes())
                    .as(component + " memory")
                    .isEqualTo(MemorySize.parse(OperatorExamples.memory(their)).getBytes());
            assertThat(new BigDecimal(OperatorExamples.cpu(our)))
                    .as(component + " cpu")
                    .isEqualByComparingTo(new BigDecimal(OperatorExamples.cpu(their)));
        }
        JsonNode template = our.path("podTemplate");
        assertContains(template, theirs.path("podTemplate"), "podTemplate");
        assertContains(template, their.path("podTemplate"), component + ".podTemplate");
    }

    private static void assertSameJob(JsonNode ours, JsonNode theirs) {
        assertThat(ours.isMissingNode()).as("job").isEqualTo(theirs.isMissingNode());
        Iterator<String> fields = theirs.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!OperatorExamples.DROPPED_JOB_FIELDS.contains(f)) {
                assertThat(ours.get(f)).as("job." + f).isEqualTo(theirs.get(f));
            }
        }
    }

    /**
     * Every field of {@code theirs} is in {@code ours} with the same value; lists of named items
     * are matched by name, other lists item by item.
     */
    private static void assertContains(JsonNode ours, JsonNode theirs, String path) {
        if (theirs.isMissingNode()) {
            return;
        }
        if (theirs.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = theirs.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String at = path + "." + f.getKey();
                assertThat(ours.has(f.getKey())).as(at).isTrue();
                assertContains(ours.get(f.getKey()), f.getValue(), at);
            }
        } else if (theirs.isArray()) {
            for (int i = 0; i < theirs.size(); i++) {
                JsonNode item = theirs.get(i);
                JsonNode match =
                        item.has("name") ? byName(ours, item.get("name").asText()) : ours.get(i);
                assertThat(match).as(path + "[" + i + "]").isNotNull();
                assertContains(match, item, path + "[" + i + "]");
            }
        } else {
            assertThat(ours.asText()).as(path).isEqualTo(theirs.asText());
        }
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        return null;
    }

    /** The entries under Flink's current key names (2.x), whichever names they were written in. */
    private static Map<String, String> normalised(Map<String, String> config) {
        Map<String, String> current = new HashMap<>();
        FlinkConfigFiles.LEGACY_KEYS.forEach((now, legacy) -> current.put(legacy, now));
        Map<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> out.put(current.getOrDefault(k, k), v));
        return out;
    }

    private static String name(JsonNode example) {
        return example.at("/metadata/name").asText();
    }
}
