package io.flinkk8s.sdk.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import org.junit.jupiter.api.Test;

/** What the request log records of each request. */
@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class RequestLogTest {

    private static ConfigMap configMap(String name, String generateName) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withGenerateName(generateName)
                .endMetadata()
                .addToData("k", "v")
                .build();
    }

    @Test
    void aCreateIsLoggedWithTheNameFromItsBody(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(configMap("orders-sdk-state", null)).create();

        assertThat(cluster.requests().all())
                .extracting(ApiRequest::verb, ApiRequest::name, ApiRequest::status)
                .containsExactly(tuple(ApiVerb.CREATE, "orders-sdk-state", 201));
    }

    @Test
    void aCreateWithGenerateNameIsLoggedWithTheNameTheServerGenerated(
            FlinkK8sCluster cluster, KubernetesClient client) {
        ConfigMap created = client.resource(configMap(null, "orders-")).create();

        assertThat(created.getMetadata().getName()).startsWith("orders-").hasSize(12);
        assertThat(cluster.requests().all())
                .extracting(ApiRequest::name)
                .containsExactly(created.getMetadata().getName());
    }

    @Test
    void aRefusedCreateIsLoggedWithTheNameItAskedFor(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(configMap("orders-sdk-state", null)).create();

        try {
            client.resource(configMap("orders-sdk-state", null)).create();
        } catch (KubernetesClientException expected) {
            // 409 AlreadyExists
        }

        assertThat(cluster.requests().all())
                .extracting(ApiRequest::name, ApiRequest::status)
                .containsExactly(tuple("orders-sdk-state", 201), tuple("orders-sdk-state", 409));
    }
}
