package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = NS, operatorCrds = false)
class StatefulSetControllerTest {

    private static List<String> podNames(KubernetesClient client) {
        return client.pods().withLabel("app", "tm").list().getItems().stream()
                .map(p -> p.getMetadata().getName())
                .sorted()
                .toList();
    }

    @Test
    void podsAreCreatedInOrderEachAfterThePreviousIsReady(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(Fixtures.statefulSet("tm", 3, 5)).create();

        List<String> first = podNames(client);
        cluster.advance(Duration.ofSeconds(5));
        List<String> second = podNames(client);
        cluster.awaitReady(NS, "tm");

        assertThat(first).containsExactly("tm-0");
        assertThat(second).containsExactly("tm-0", "tm-1");
        assertThat(podNames(client)).containsExactly("tm-0", "tm-1", "tm-2");
        Pod pod = client.pods().withName("tm-1").get();
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("statefulset.kubernetes.io/pod-name", "tm-1")
                .containsKey("controller-revision-hash");
        assertThat(client.apps().statefulSets().withName("tm").get().getStatus().getReadyReplicas())
                .isEqualTo(3);
    }

    @Test
    void scalingDownRemovesTheHighestOrdinalsFirst(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(Fixtures.statefulSet("tm", 3, 0)).create();
        cluster.awaitReady(NS, "tm");

        client.apps().statefulSets().withName("tm").scale(1);
        cluster.settle();

        assertThat(podNames(client)).containsExactly("tm-0");
    }
}
