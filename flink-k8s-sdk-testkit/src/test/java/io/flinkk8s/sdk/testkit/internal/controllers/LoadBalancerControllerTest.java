package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = NS, operatorCrds = false)
class LoadBalancerControllerTest {

    private static Service service(String name, String type, Integer nodePort) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withType(type)
                .addToSelector("app", name)
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withNodePort(nodePort)
                .endPort()
                .endSpec()
                .build();
    }

    private static Service get(KubernetesClient client, String name) {
        return client.services().withName(name).get();
    }

    @Test
    void aLoadBalancerServiceGetsAnAddressAndANodePortAndLosesTheAddressAsClusterIp(
            KubernetesClient client) {
        client.resource(service("web", "LoadBalancer", null)).create();

        Service balanced = get(client, "web");

        assertThat(balanced.getStatus().getLoadBalancer().getIngress())
                .singleElement()
                .satisfies(i -> assertThat(i.getIp()).startsWith("198.51.100."));
        assertThat(balanced.getSpec().getPorts().get(0).getNodePort()).isBetween(30000, 32767);

        Service plain = get(client, "web");
        plain.getSpec().setType("ClusterIP");
        plain.getSpec().getPorts().get(0).setNodePort(null);
        client.resource(plain).update();

        assertThat(get(client, "web").getStatus().getLoadBalancer().getIngress()).isNullOrEmpty();
    }

    @Test
    void aNodePortIsKeptAsChosenAndAcrossAnUpdateThatLeavesItOut(KubernetesClient client) {
        client.resource(service("chosen", "NodePort", 31081)).create();
        client.resource(service("picked", "NodePort", null)).create();
        int picked = get(client, "picked").getSpec().getPorts().get(0).getNodePort();

        Service update = service("picked", "NodePort", null);
        update.getMetadata().setResourceVersion(null);
        client.resource(update).update();

        assertThat(get(client, "chosen").getSpec().getPorts().get(0).getNodePort())
                .isEqualTo(31081);
        assertThat(get(client, "picked").getSpec().getPorts().get(0).getNodePort())
                .isEqualTo(picked);
    }
}
