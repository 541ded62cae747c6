package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.PortForwardEndpointResolver;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port-forward resolver against fabric8's mock server: CRUD for the Service and pods, a
 * scripted WebSocket for the {@code portforward} subresource (the testkit's cluster has none). What
 * the forward delivers proves which pod and port it was opened to.
 */
class PortForwardEndpointResolverIT {

    private static final String NS = "streaming";
    private static final Map<String, String> SELECTOR =
            Map.of(
                    "app.kubernetes.io/instance",
                    "orders",
                    "app.kubernetes.io/component",
                    "jobmanager");

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server =
                new KubernetesMockServer(
                        new Context(Serialization.jsonMapper()),
                        new MockWebServer(),
                        responses,
                        new KubernetesMixedDispatcher(responses),
                        false);
        server.init();
        client = server.createClient();
        client.services()
                .inNamespace(NS)
                .resource(
                        new ServiceBuilder()
                                .withNewMetadata()
                                .withName("orders-rest")
                                .withNamespace(NS)
                                .endMetadata()
                                .withNewSpec()
                                .withSelector(SELECTOR)
                                .addNewPort()
                                .withName("rest")
                                .withPort(8081)
                                .withTargetPort(new IntOrString("rest"))
                                .endPort()
                                .endSpec()
                                .build())
                .create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void forwardsToTheNamedTargetPortOfAReadyPod() throws Exception {
        // given: a pod that is not ready sorts first; the ready one listens on 8081 named rest
        createPod("orders-jobmanager-aaaaa", false);
        createPod("orders-jobmanager-bbbbb", true);
        expectForward("orders-jobmanager-bbbbb", 8081, "flink-rest");
        try (PortForwardEndpointResolver resolver = PortForwardEndpointResolver.create(client)) {
            // when
            URI uri = resolver.resolve(NS, "orders-rest", 8081);
            // then
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(read(uri)).isEqualTo("flink-rest");
        }
    }

    @Test
    void reusesTheForwardWhileItsPodStaysReady() {
        // given
        createPod("orders-jobmanager-bbbbb", true);
        expectForward("orders-jobmanager-bbbbb", 8081, "flink-rest");
        try (PortForwardEndpointResolver resolver = PortForwardEndpointResolver.create(client)) {
            // when
            URI first = resolver.resolve(NS, "orders-rest", 8081);
            URI second = resolver.resolve(NS, "orders-rest", 8081);
            // then
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void failsWithAMessageWhenNoPodIsReady() {
        createPod("orders-jobmanager-aaaaa", false);
        try (PortForwardEndpointResolver resolver = PortForwardEndpointResolver.create(client)) {
            assertThatThrownBy(() -> resolver.resolve(NS, "orders-rest", 8081))
                    .isInstanceOf(FlinkK8sException.class)
                    .hasMessageContaining("no ready pod matches its selector");
        }
    }

    @Test
    void failsWithAMessageWhenTheServiceDoesNotExist() {
        try (PortForwardEndpointResolver resolver = PortForwardEndpointResolver.create(client)) {
            assertThatThrownBy(() -> resolver.resolve(NS, "missing-rest", 8081))
                    .isInstanceOf(FlinkK8sException.class)
                    .hasMessageContaining("Service streaming/missing-rest: it does not exist");
        }
    }

    private void createPod(String name, boolean ready) {
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .withLabels(SELECTOR)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("flink-main-container")
                        .addNewPort()
                        .withName("rest")
                        .withContainerPort(8081)
                        .endPort()
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .endStatus()
                        .build();
        client.pods().inNamespace(NS).resource(pod).create();
    }

    /** The port-forward protocol: a port header on the data and error channels, then data. */
    private void expectForward(String pod, int port, String payload) {
        server.expect()
                .get()
                .withPath(
                        "/api/v1/namespaces/" + NS + "/pods/" + pod + "/portforward?ports=" + port)
                .andUpgradeToWebSocket()
                .open()
                .waitFor(10)
                .andEmit(channel(0, "12"))
                .waitFor(10)
                .andEmit(channel(1, "12"))
                .waitFor(10)
                .andEmit(channel(0, payload))
                .done()
                .always();
    }

    private static String channel(int channel, String data) {
        return (char) channel + data;
    }

    private static String read(URI uri) throws Exception {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort());
                InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
