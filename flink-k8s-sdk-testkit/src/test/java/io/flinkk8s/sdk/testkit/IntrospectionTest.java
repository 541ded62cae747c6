package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class IntrospectionTest {

    private static void deployment(KubernetesClient client) {
        client.resource(
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("tm")
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(2)
                                .withNewSelector()
                                .addToMatchLabels("app", "tm")
                                .endSelector()
                                .withNewTemplate()
                                .withNewMetadata()
                                .addToLabels("app", "tm")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("main")
                                .withImage("flink")
                                .endContainer()
                                .endSpec()
                                .endTemplate()
                                .endSpec()
                                .build())
                .create();
    }

    @Test
    void theRequestLogRecordsVerbPathPatchTypeAndVirtualTime(
            FlinkK8sCluster cluster, KubernetesClient client) {
        cluster.advance(Duration.ofMinutes(3));
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("c")
                                .endMetadata()
                                .build())
                .fieldManager("sdk")
                .serverSideApply();
        client.configMaps()
                .withName("c")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"v\"}}");

        assertThat(cluster.requests().writes())
                .extracting(
                        ApiRequest::verb, ApiRequest::path, ApiRequest::contentType, ApiRequest::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ApiVerb.PATCH,
                                "/api/v1/namespaces/streaming/configmaps/c?fieldManager=sdk",
                                "application/apply-patch+yaml",
                                cluster.now()),
                        org.assertj.core.groups.Tuple.tuple(
                                ApiVerb.PATCH,
                                "/api/v1/namespaces/streaming/configmaps/c",
                                "application/merge-patch+json",
                                cluster.now()));
        assertThat(cluster.requests().writes().get(0).isApply()).isTrue();
        assertThat(cluster.requests().writes().get(0).fieldManager()).isEqualTo("sdk");
    }

    @Test
    void theControllersOwnRequestsAreNotLogged(FlinkK8sCluster cluster, KubernetesClient client) {
        deployment(client);

        assertThat(cluster.requests().all())
                .singleElement()
                .satisfies(r -> assertThat(r.verb()).isEqualTo(ApiVerb.CREATE));
    }

    @Test
    void resetForgetsEarlierRequests(FlinkK8sCluster cluster, KubernetesClient client) {
        deployment(client);

        cluster.requests().reset();
        client.apps().deployments().withName("tm").get();

        assertThat(cluster.requests().all())
                .singleElement()
                .satisfies(r -> assertThat(r.verb()).isEqualTo(ApiVerb.GET));
        assertThat(cluster.requests().writes()).isEmpty();
    }

    @Test
    void controllersRecordEvents(FlinkK8sCluster cluster, KubernetesClient client) {
        deployment(client);

        assertThat(cluster.events())
                .extracting(Event::getReason)
                .contains("ScalingReplicaSet", "SuccessfulCreate", "Scheduled");
        assertThat(client.v1().events().list().getItems()).isNotEmpty();
    }

    @Test
    void theDumpShowsObjectsWithTheirStateEventsAndRequests(
            FlinkK8sCluster cluster, KubernetesClient client) {
        deployment(client);

        String dump = cluster.dump();

        assertThat(dump)
                .contains("Deployment streaming/tm replicas 2/2 ready")
                .contains("Pod streaming/tm-")
                .contains("Running Ready on node-1")
                .contains("ScalingReplicaSet")
                .contains("CREATE /apis/apps/v1/namespaces/streaming/deployments -> 201");
    }

    @Test
    void aServicePortMapsToTheBackendBoundToIt(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(
                        new ServiceBuilder()
                                .withNewMetadata()
                                .withName("orders-rest")
                                .endMetadata()
                                .withNewSpec()
                                .addNewPort()
                                .withPort(8081)
                                .endPort()
                                .endSpec()
                                .build())
                .create();

        cluster.bindServicePort(
                "streaming", "orders-rest", 8081, () -> URI.create("http://127.0.0.1:40123"));

        assertThat(cluster.serviceEndpoint("streaming", "orders-rest", 8081))
                .isEqualTo(URI.create("http://127.0.0.1:40123"));
    }

    @Test
    void aServicePortWithoutBackendIsReportedClearly(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(
                        new ServiceBuilder()
                                .withNewMetadata()
                                .withName("orders-rest")
                                .endMetadata()
                                .withNewSpec()
                                .addNewPort()
                                .withPort(8081)
                                .endPort()
                                .endSpec()
                                .build())
                .create();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> cluster.serviceEndpoint("streaming", "orders-rest", 8081))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing serves Service streaming/orders-rest port 8081");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> cluster.serviceEndpoint("streaming", "orders-rest", 9999))
                .hasMessageContaining("has no port 9999");
    }

    @Test
    void aServiceBackendProviderServesPortsNobodyBound() {
        try (InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder()
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .serviceBackends(
                                (service, port) ->
                                        java.util.Optional.of(
                                                () ->
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + (30000
                                                                                + port.getPort()))))
                        .start()) {
            cluster.client()
                    .resource(
                            new ServiceBuilder()
                                    .withNewMetadata()
                                    .withName("rest")
                                    .endMetadata()
                                    .withNewSpec()
                                    .addNewPort()
                                    .withPort(8081)
                                    .endPort()
                                    .endSpec()
                                    .build())
                    .create();

            assertThat(cluster.serviceEndpoint("default", "rest", 8081))
                    .isEqualTo(URI.create("http://127.0.0.1:38081"));
        }
    }
}
