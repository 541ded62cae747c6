package io.flinkk8s.sdk.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FlinkDeployer#apply} through a real fabric8 client and HTTP client, on the core module's
 * own classpath, against a stand-in API server that stores nothing: it lists nothing, answers a
 * read with 404 and echoes every write. That classpath leaves out the fabric8 model jars of API
 * groups the SDK never renders or reads (see the core's pom.xml; {@code CoreClasspathFootprintTest}
 * checks they stay out), so this test fails if building the client, its HTTP transport or the apply
 * of any rendered kind ever needs one of them.
 */
class DeployerOverHttpTest {

    /** The discovery answer for the operator's API group, as a cluster with its CRDs gives it. */
    private static final String FLINK_OPERATOR_RESOURCES =
            "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
                    + "\"groupVersion\":\"flink.apache.org/v1beta1\",\"resources\":["
                    + "{\"name\":\"flinkdeployments\",\"singularName\":\"flinkdeployment\","
                    + "\"namespaced\":true,\"kind\":\"FlinkDeployment\","
                    + "\"verbs\":[\"get\",\"list\",\"patch\",\"watch\"]},"
                    + "{\"name\":\"flinkdeployments/scale\",\"singularName\":\"\","
                    + "\"namespaced\":true,\"group\":\"autoscaling\",\"version\":\"v1\","
                    + "\"kind\":\"Scale\",\"verbs\":[\"get\",\"patch\",\"update\"]}]}";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        Config config =
                new ConfigBuilder(Config.empty())
                        .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                        .withNamespace("streaming")
                        .withRequestRetryBackoffLimit(0)
                        .build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.stop(0);
    }

    static Stream<Arguments> samples() {
        Map<String, FlinkDeploymentSpec> all = new TreeMap<>(RenderFixtures.samples());
        all.putAll(RenderFixtures.operatorSamples());
        return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theFirstApplyServerSideAppliesEveryRenderedObject(String name, FlinkDeploymentSpec spec) {
        try (FlinkDeployer deployer = FlinkDeployer.create(client, DeployOptions.defaults())) {
            ApplyResult result = deployer.apply(spec).lastApply().orElseThrow();

            assertThat(result.changedCluster()).isTrue();
        }
        List<HasMetadata> rendered = Renderer.defaults().render(spec).all();
        assertThat(rendered)
                .allSatisfy(
                        o ->
                                assertThat(requests)
                                        .as("the requests for %s of %s", o.getKind(), name)
                                        .anyMatch(
                                                r ->
                                                        r.startsWith("PATCH ")
                                                                && r.contains(path(o))));
    }

    /** The end of the object's path: {@code /deployments/orders-jobmanager?}. */
    private static String path(HasMetadata o) {
        String plural =
                o instanceof GenericKubernetesResource
                        ? o.getKind().toLowerCase(Locale.ROOT) + "s"
                        : HasMetadata.getPlural(o.getClass());
        return "/" + plural + "/" + o.getMetadata().getName() + "?";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        requests.add(method + " " + exchange.getRequestURI());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/apis/flink.apache.org/v1beta1")) {
            respond(exchange, 200, FLINK_OPERATOR_RESOURCES);
        } else if (method.equals("GET") && path.endsWith("/scale")) {
            respond(exchange, 200, "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\"}");
        } else if (method.equals("GET") && isCollection(path)) {
            respond(exchange, 200, "{\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}");
        } else if (method.equals("GET") || method.equals("DELETE")) {
            respond(
                    exchange,
                    404,
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"reason\":\"NotFound\",\"code\":404}");
        } else {
            respond(
                    exchange,
                    method.equals("POST") ? 201 : 200,
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * A path naming a resource type (a LIST), not an object: {@code /api/v1/namespaces/ns/pods} or
     * {@code /apis/apps/v1/namespaces/ns/deployments}, or a cluster-scoped {@code
     * /apis/group/v1/kinds}.
     */
    private static boolean isCollection(String path) {
        String[] segments = path.substring(1).split("/");
        int prefix = segments[0].equals("api") ? 2 : 3;
        int rest = segments.length - prefix;
        return segments.length > prefix + 1 && segments[prefix].equals("namespaces")
                ? rest == 3
                : rest == 1;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
