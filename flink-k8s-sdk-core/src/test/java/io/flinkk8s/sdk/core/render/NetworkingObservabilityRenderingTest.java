package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole rendered output of a spec with every networking and observability policy on, for both
 * targets: against golden files ({@code src/test/resources/golden/<case>}, regenerated with {@code
 * -Dgolden.update=true} as {@link GoldenFilesTest}) and against the strict Kubernetes 1.33 schemas
 * (the {@code FlinkDeployment} against the operator's released CRD). The {@code PodMonitor} has no
 * schema in the reference data; {@code ObservabilityStepsTest} checks its fields.
 */
class NetworkingObservabilityRenderingTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CRD =
            "flink-operator-crds/flinkdeployments.flink.apache.org-v1.yml";

    /** The minimal application with an Ingress, a LoadBalancer, a NetworkPolicy and metrics. */
    static FlinkDeploymentSpec networkedAndObserved(RenderTarget target) {
        boolean operator = target == RenderTarget.OPERATOR;
        return RenderFixtures.minimalApplication()
                .edit()
                .target(target)
                .ingress(
                        new IngressSpec(
                                "{{name}}.{{namespace}}.flink.example.com",
                                "nginx",
                                null,
                                null,
                                List.of(
                                        new IngressTls(
                                                List.of("*.flink.example.com"), "flink-tls"))))
                .networking(
                        new NetworkingSpec(
                                new RestServiceSpec(
                                        ServiceType.LOAD_BALANCER,
                                        null,
                                        Map.of("cloud.example.com/internal", "true"),
                                        operator ? null : List.of("10.0.0.0/8")),
                                new NetworkPolicySpec(
                                        true,
                                        List.of("ingress-nginx", "flink-operator"),
                                        List.of(Map.of("app", "orders-api")),
                                        List.of("monitoring"))))
                .observability(
                        new ObservabilitySpec(
                                new PrometheusSpec(
                                        true, null, null, true, Map.of("release", "prom")),
                                new LoggingSpec(
                                        LogLevel.WARN,
                                        Map.of(
                                                "org.apache.flink.runtime.checkpoint",
                                                LogLevel.DEBUG))))
                .build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "networked-observed-application",
                        networkedAndObserved(RenderTarget.STANDALONE)),
                Arguments.of(
                        "operator-networked-observed-application",
                        networkedAndObserved(RenderTarget.OPERATOR)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renderedYamlMatchesTheGoldenFiles(String name, FlinkDeploymentSpec spec)
            throws IOException {
        Path dir = GOLDEN.resolve(name);
        Map<String, String> rendered = new TreeMap<>();
        for (HasMetadata o : Renderer.defaults().render(spec).all()) {
            rendered.put(YamlExporter.fileName(o), YamlExporter.toYaml(o));
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(dir);
            for (String stale : read(dir).keySet()) {
                Files.delete(dir.resolve(stale));
            }
            for (Map.Entry<String, String> f : rendered.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        }

        Map<String, String> golden = read(dir);

        assertThat(rendered.keySet())
                .as("files in %s (regenerate with -Dgolden.update=true)", dir)
                .containsExactlyElementsOf(golden.keySet());
        rendered.forEach(
                (file, yaml) ->
                        assertThat(yaml).as("%s/%s", name, file).isEqualTo(golden.get(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRenderedObjectValidatesAgainstItsSchema(String name, FlinkDeploymentSpec spec)
            throws IOException {
        Path dir = ReferenceData.require("k8s-schemas/v1.33");
        Map<String, String> index = new HashMap<>();
        for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile())) {
            index.put(
                    entry.get("apiVersion").asText() + "/" + entry.get("kind").asText(),
                    entry.get("file").asText());
        }
        List<HasMetadata> objects = Renderer.defaults().render(spec).all();

        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .contains("NetworkPolicy", "PodMonitor");
        for (HasMetadata o : objects) {
            JsonSchema schema;
            if (o.getKind().equals("PodMonitor")) {
                continue;
            } else if (o.getKind().equals("FlinkDeployment")) {
                schema = JsonSchemas.strictCrdSchema(ReferenceData.require(CRD), "v1beta1");
            } else {
                String key = o.getApiVersion() + "/" + o.getKind();
                assertThat(index).as("a schema for %s", key).containsKey(key);
                schema = JsonSchemas.factory().getSchema(dir.resolve(index.get(key)).toUri());
            }

            assertThat(JsonSchemas.validate(schema, o))
                    .as("%s %s", name, ResourceKey.of(o))
                    .isEmpty();
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    files.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return files;
    }
}
