package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.faults.Faults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = NS, operatorCrds = false)
class EndpointsControllerTest {

    /** Two pods with a readiness probe and a container port named {@code rest}. */
    private static Deployment web() {
        return new DeploymentBuilder(Fixtures.withReadinessDelay(Fixtures.deployment("web", 2), 0))
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .addNewPort()
                .withName("rest")
                .withContainerPort(8081)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Service service() {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NS)
                .addToLabels("team", "web")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "web")
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString("rest"))
                .endPort()
                .endSpec()
                .build();
    }

    private static Endpoints endpoints(KubernetesClient client) {
        return client.endpoints().withName("web").get();
    }

    private static List<String> names(List<EndpointAddress> addresses) {
        return addresses.stream().map(a -> a.getTargetRef().getName()).sorted().toList();
    }

    @Test
    void listsTheReadyPodsOfAServiceWithItsNamedTargetPortResolved(KubernetesClient client) {
        client.resource(web()).create();
        client.resource(service()).create();

        Endpoints endpoints = endpoints(client);

        assertThat(endpoints.getMetadata().getLabels()).containsEntry("team", "web");
        assertThat(endpoints.getSubsets()).hasSize(1);
        EndpointSubset subset = endpoints.getSubsets().get(0);
        assertThat(subset.getAddresses()).hasSize(2);
        assertThat(subset.getNotReadyAddresses()).isEmpty();
        assertThat(subset.getPorts())
                .extracting(EndpointPort::getName, EndpointPort::getPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http", 8081));
        assertThat(subset.getAddresses())
                .allSatisfy(a -> assertThat(a.getIp()).startsWith("10.244."));
    }

    @Test
    void aPodWhoseReadinessFailsMovesToTheNotReadyAddresses(
            FlinkK8sCluster cluster, KubernetesClient client, Faults faults) {
        // given
        client.resource(web()).create();
        client.resource(service()).create();
        List<Pod> pods = client.pods().withLabel("app", "web").list().getItems();
        String failing = pods.get(0).getMetadata().getName();
        String healthy = pods.get(1).getMetadata().getName();
        // when: three failed probes, 5 s apart
        faults.failReadinessProbe(NS, failing);
        cluster.advance(Duration.ofSeconds(15));
        // then
        EndpointSubset subset = endpoints(client).getSubsets().get(0);
        assertThat(names(subset.getAddresses())).containsExactly(healthy);
        assertThat(names(subset.getNotReadyAddresses())).containsExactly(failing);
        // and back
        faults.passReadinessProbe(NS, failing);
        assertThat(names(endpoints(client).getSubsets().get(0).getAddresses()))
                .containsExactlyInAnyOrder(failing, healthy);
    }

    @Test
    void aServiceWithoutMatchingPodsHasNoSubsetsAndItsEndpointsGoWithIt(KubernetesClient client) {
        client.resource(service()).create();

        assertThat(endpoints(client).getSubsets()).isEmpty();

        client.resource(service()).delete();

        assertThat(endpoints(client)).isNull();
    }
}
