package io.flinkk8s.sdk.core.render.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.operator.importing.ImportNote;
import io.flinkk8s.sdk.core.operator.importing.ImportResult;
import io.flinkk8s.sdk.core.operator.importing.OperatorImport;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.SessionJobValidator;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's own example manifests ({@code shared/reference/flink-operator-examples}) are
 * imported through the public {@link OperatorImport} and rendered back: every field of the example
 * comes out with the same meaning (extras are fine), the result validates against the operator's
 * 1.16 CRD the examples are written for, and the same spec renders for the standalone target. Their
 * {@code FlinkSessionJob}s import (strictly: nothing is lost) into session-job specs and render
 * back field by field, valid for the 1.15.0 and 1.16 CRDs. Allowed differences, by design:
 *
 * <ul>
 *   <li>memory is compared in bytes ({@code 2048m} is rendered {@code 2Gi}), CPU as cores;
 *   <li>checkpoint and savepoint dirs are compared under Flink's current key names (a Flink 2.x CR
 *       gets {@code execution.checkpointing.dir} for the example's {@code state.checkpoints.dir});
 *   <li>the HA type is compared by meaning (Flink's factory class name is {@code kubernetes});
 *   <li>what the import notes as not represented ({@link #NOT_REPRESENTED}) is left out.
 * </ul>
 */
class OperatorExamplesTest {

    /** Every field an example has that a spec cannot represent, by file; nothing else may be. */
    static final Map<String, Set<String>> NOT_REPRESENTED =
            Map.of(
                    "basic-checkpoint-ha.yaml", Set.of("spec.job.savepointTriggerNonce"),
                    "basic-reactive.yaml", Set.of("spec.job.savepointTriggerNonce"));

    /**
     * The TLS examples write their keystore passwords into {@code flinkConfiguration}, which a spec
     * refuses (a secret would be copied into the ConfigMap and the state record): they import, and
     * validating them names each secret key; they are not rendered back.
     */
    static final Set<String> HOLD_SECRETS =
            Set.of(
                    "flink-tls-example_basic-secure.yaml",
                    "flink-tls-example_basic-secure-deployment-only.yaml",
                    "flink-tls-example_basic-secure-session-job-only.yaml");

    private static final String CRD =
            "flink-operator-crds/main-1.16-SNAPSHOT/flinkdeployments.flink.apache.org-v1.yml";
    private static final List<String> SESSION_JOB_CRDS =
            List.of(
                    "flink-operator-crds/flinksessionjobs.flink.apache.org-v1.yml",
                    "flink-operator-crds/main-1.16-SNAPSHOT/flinksessionjobs.flink.apache.org-v1.yml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    static List<Path> files() throws IOException {
        Path dir = ReferenceData.require("flink-operator-examples");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static Stream<Arguments> deployments() throws IOException {
        List<Arguments> args = new ArrayList<>();
        for (Path file : withoutSecrets()) {
            for (JsonNode example : OperatorExamples.documents(file)) {
                args.add(Arguments.of(file.getFileName() + " " + name(example), file, example));
            }
        }
        return args.stream();
    }

    static Stream<Arguments> sessionJobs() throws IOException {
        List<Arguments> args = new ArrayList<>();
        for (Path file : withoutSecrets()) {
            for (JsonNode example : OperatorExamples.documents(file, "FlinkSessionJob")) {
                args.add(Arguments.of(file.getFileName() + " " + name(example), file, example));
            }
        }
        return args.stream();
    }

    static List<Path> withoutSecrets() throws IOException {
        return files().stream()
                .filter(f -> !HOLD_SECRETS.contains(f.getFileName().toString()))
                .toList();
    }

    @Test
    void theTlsExamplesAreRefusedNamingEveryPasswordInTheirConfiguration() throws IOException {
        List<String> refused = new ArrayList<>();
        for (Path file : files()) {
            if (!HOLD_SECRETS.contains(file.getFileName().toString())) {
                continue;
            }
            ImportResult result = OperatorImport.lenient().read(file);
            for (FlinkDeploymentSpec spec : result.specs()) {
                SpecValidator.validate(spec).violations().stream()
                        .map(v -> spec.name() + " " + v.path())
                        .forEach(refused::add);
            }
            for (FlinkSessionJobSpec job : result.sessionJobs()) {
                SessionJobValidator.validate(job).violations().stream()
                        .map(v -> job.name() + " " + v.path())
                        .forEach(refused::add);
            }
        }

        List<String> passwords =
                List.of("key-password", "keystore-password", "truststore-password");
        List<String> expected = new ArrayList<>();
        for (String name :
                List.of("basic-secure-deployment-only", "basic-secure-session-job-only")) {
            for (String scope : List.of("internal", "rest")) {
                passwords.forEach(
                        p ->
                                expected.add(
                                        name
                                                + " flinkConfiguration['security.ssl."
                                                + scope
                                                + "."
                                                + p
                                                + "']"));
            }
        }
        passwords.forEach(
                p -> expected.add("basic-secure flinkConfiguration['security.ssl." + p + "']"));
        assertThat(refused).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyExampleImportsAndOnlyWhatTheSpecCannotHoldIsNotedAsNotRepresented()
            throws IOException {
        Map<String, Set<String>> lost = new TreeMap<>();
        int specs = 0;
        int sessionJobs = 0;
        for (Path file : files()) {
            ImportResult result = OperatorImport.lenient().read(file);
            specs += result.specs().size();
            sessionJobs += result.sessionJobs().size();
            for (ImportNote note : result.notRepresented()) {
                lost.computeIfAbsent(file.getFileName().toString(), f -> new TreeSet<>())
                        .add(note.path().isEmpty() ? "document " + note.document() : note.path());
            }
        }

        assertThat(lost).isEqualTo(NOT_REPRESENTED);
        assertThat(specs).isGreaterThanOrEqualTo(17);
        assertThat(sessionJobs).isGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionJobs")
    void theSessionJobImportsAndRendersBackToTheSameFlinkSessionJob(
            String label, Path file, JsonNode example) {
        // given
        FlinkSessionJobSpec spec =
                OperatorImport.strict().read(file).sessionJobs().stream()
                        .filter(s -> s.name().equals(name(example)))
                        .findFirst()
                        .orElseThrow();
        // when
        RenderedResources rendered = Renderer.defaults().render(spec);
        FlinkSessionJob cr = rendered.get(FlinkSessionJob.class, name(example));
        // then
        JsonNode ours = JSON.valueToTree(K8S.convertValue(cr, Map.class));
        JsonNode theirs = example.path("spec");
        assertThat(rendered.size()).isOne();
        for (String crd : SESSION_JOB_CRDS) {
            JsonSchema schema = JsonSchemas.strictCrdSchema(ReferenceData.require(crd), "v1beta1");
            assertThat(JsonSchemas.validate(schema, cr)).as(crd).isEmpty();
        }
        assertContains(ours.path("metadata"), example.path("metadata"), "metadata");
        assertThat(ours.at("/spec/deploymentName")).isEqualTo(theirs.path("deploymentName"));
        assertThat(OperatorExamples.flatten(ours.at("/spec/flinkConfiguration")))
                .isEqualTo(OperatorExamples.flatten(theirs.path("flinkConfiguration")));
        assertSameJob(ours.at("/spec/job"), theirs.path("job"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theExampleImportsAndRendersBackToTheSameFlinkDeployment(
            String label, Path file, JsonNode example) {
        // given
        FlinkDeploymentSpec spec = imported(file, name(example));
        // when
        RenderedResources rendered = Renderer.defaults().render(spec);
        GenericKubernetesResource cr = rendered.flinkDeployment(name(example));
        // then
        JsonNode ours = JSON.valueToTree(K8S.convertValue(cr, Map.class));
        JsonNode theirs = example.path("spec");
        JsonNode ourSpec = ours.path("spec");
        assertThat(rendered.size()).isOne();
        assertThat(JsonSchemas.validate(crd(), cr)).isEmpty();
        assertContains(ours.path("metadata"), example.path("metadata"), "metadata");
        for (String field : List.of("image", "imagePullPolicy", "flinkVersion", "serviceAccount")) {
            if (theirs.has(field)) {
                assertThat(ourSpec.path(field).asText())
                        .as(field)
                        .isEqualTo(theirs.get(field).asText());
            }
        }
        assertThat(ourSpec.path("mode").asText()).isEqualTo(theirs.path("mode").asText("native"));
        assertThat(configuration(ourSpec)).containsAllEntriesOf(configuration(theirs));
        for (String section : List.of("logConfiguration", "ingress")) {
            assertThat(ourSpec.get(section)).as(section).isEqualTo(theirs.get(section));
        }
        for (String component : List.of("jobManager", "taskManager")) {
            assertSameProcess(component, ourSpec, theirs);
        }
        assertSameJob(ourSpec.path("job"), theirs.path("job"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theImportedExampleAlsoRendersForTheStandaloneTarget(
            String label, Path file, JsonNode example) {
        FlinkDeploymentSpec spec =
                imported(file, name(example)).withTarget(RenderTarget.STANDALONE);

        RenderedResources rendered = Renderer.defaults().render(spec);

        String name = name(example);
        assertThat(rendered.deployment(name + "-jobmanager")).isNotNull();
        assertThat(rendered.configMap(name + "-flink-config")).isNotNull();
        if (example.path("spec").has("ingress")) {
            assertThat(rendered.all()).anyMatch(o -> o.getKind().equals("Ingress"));
        }
    }

    private static FlinkDeploymentSpec imported(Path file, String name) {
        return OperatorImport.lenient().read(file).specs().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private JsonSchema schema;

    private JsonSchema crd() {
        if (schema == null) {
            schema = JsonSchemas.strictCrdSchema(ReferenceData.require(CRD), "v1beta1");
        }
        return schema;
    }

    private static void assertSameProcess(String component, JsonNode ours, JsonNode theirs) {
        JsonNode our = ours.path(component);
        JsonNode their = theirs.path(component);
        if (their.has("replicas")) {
            assertThat(our.path("replicas").asInt()).isEqualTo(their.path("replicas").asInt());
        }
        if (their.has("resource") || their.has("resources")) {
            assertThat(Memory.parse(OperatorExamples.memory(our)).bytes())
                    .as(component + " memory")
                    .isEqualTo(Memory.parse(OperatorExamples.memory(their)).bytes());
            assertThat(Cpu.parse(OperatorExamples.cpu(our)).cores())
                    .as(component + " cpu")
                    .isEqualByComparingTo(Cpu.parse(OperatorExamples.cpu(their)).cores());
        }
        // The SDK renders the top-level template merged into each process's template.
        JsonNode template = our.path("podTemplate");
        assertContains(template, theirs.path("podTemplate"), "podTemplate");
        assertContains(template, their.path("podTemplate"), component + ".podTemplate");
    }

    private static void assertSameJob(JsonNode ours, JsonNode theirs) {
        assertThat(ours.isMissingNode()).as("job").isEqualTo(theirs.isMissingNode());
        Iterator<String> fields = theirs.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!f.equals("savepointTriggerNonce")) {
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

    /**
     * The flat Flink configuration under Flink's current key names (2.x), whichever names it was
     * written in, with the HA type by meaning.
     */
    private static Map<String, String> configuration(JsonNode spec) {
        Map<String, String> current = new HashMap<>();
        FlinkConfigFiles.LEGACY_KEYS.forEach((now, legacy) -> current.put(legacy, now));
        Map<String, String> out = new TreeMap<>();
        OperatorExamples.flatten(spec.path("flinkConfiguration"))
                .forEach((k, v) -> out.put(current.getOrDefault(k, k), v));
        out.computeIfPresent(
                "high-availability.type",
                (k, v) -> v.endsWith("KubernetesHaServicesFactory") ? "kubernetes" : v);
        return out;
    }

    private static String name(JsonNode example) {
        return example.at("/metadata/name").asText();
    }
}
