package io.flinkk8s.sdk.testkit.internal.admission;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.util.Map;

/** An in-memory cluster with namespace {@code team} and helpers to build and create pods. */
final class AdmissionFixture implements AutoCloseable {

    static final String NS = "team";

    final InMemoryFlinkK8sCluster cluster = InMemoryFlinkK8sCluster.builder().namespace(NS).start();

    /** A pod with one container {@code app}; requests and limits as {@code resource=quantity}. */
    static Pod pod(String name, Map<String, String> requests, Map<String, String> limits) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addToContainers(
                        new ContainerBuilder()
                                .withName("app")
                                .withImage("app:1")
                                .withNewResources()
                                .withRequests(quantities(requests))
                                .withLimits(quantities(limits))
                                .endResources()
                                .build())
                .endSpec()
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> result = new java.util.TreeMap<>();
        values.forEach((k, v) -> result.put(k, new Quantity(v)));
        return result.isEmpty() ? null : result;
    }

    /** Creates {@code object} through the client; answers it as stored. */
    <T extends io.fabric8.kubernetes.api.model.HasMetadata> T create(T object) {
        return cluster.client().resource(object).create();
    }

    /** The API server's refusal of creating {@code object}: its code and message. */
    String refusal(io.fabric8.kubernetes.api.model.HasMetadata object) {
        try {
            create(object);
        } catch (KubernetesClientException e) {
            return e.getCode() + " " + e.getStatus().getMessage();
        }
        throw new AssertionError(
                "the API server admitted " + Serialization.asYaml(object) + "\n" + cluster.dump());
    }

    @Override
    public void close() {
        cluster.close();
    }
}
