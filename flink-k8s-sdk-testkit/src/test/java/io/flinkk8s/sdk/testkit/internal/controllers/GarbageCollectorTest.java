package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GarbageCollectorTest {

    /** Controllers run only on settle(), so the test sees the state between the steps. */
    @RegisterExtension
    static final FlinkK8sClusterExtension K8S =
            FlinkK8sClusterExtension.builder()
                    .namespace(NS)
                    .operatorCrds(false)
                    .customize(b -> b.autoSettle(false))
                    .build();

    private static void deploymentWithPods(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(Fixtures.deployment("orders", 2)).create();
        cluster.settle();
        assertThat(client.pods().list().getItems()).hasSize(2);
    }

    @Test
    void backgroundDeletionRemovesTheOwnerAtOnceAndItsDependentsAfter(
            FlinkK8sCluster cluster, KubernetesClient client) {
        deploymentWithPods(cluster, client);

        client.apps()
                .deployments()
                .withName("orders")
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();
        boolean ownerGone = client.apps().deployments().withName("orders").get() == null;
        int replicaSetsBefore = client.apps().replicaSets().list().getItems().size();
        cluster.settle();

        assertThat(ownerGone).isTrue();
        assertThat(replicaSetsBefore).isEqualTo(1);
        assertThat(client.apps().replicaSets().list().getItems()).isEmpty();
        assertThat(client.pods().list().getItems()).isEmpty();
    }

    @Test
    void foregroundDeletionRemovesTheDependentsBeforeTheOwner(
            FlinkK8sCluster cluster, KubernetesClient client) {
        deploymentWithPods(cluster, client);

        client.apps()
                .deployments()
                .withName("orders")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();
        var owner = client.apps().deployments().withName("orders").get();
        cluster.settle();

        assertThat(owner.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(owner.getMetadata().getFinalizers()).contains("foregroundDeletion");
        assertThat(client.apps().deployments().withName("orders").get()).isNull();
        assertThat(client.apps().replicaSets().list().getItems()).isEmpty();
        assertThat(client.pods().list().getItems()).isEmpty();
    }

    @Test
    void orphanDeletionKeepsTheDependentsWithoutTheOwnerReference(
            FlinkK8sCluster cluster, KubernetesClient client) {
        deploymentWithPods(cluster, client);

        client.apps()
                .deployments()
                .withName("orders")
                .withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete();
        cluster.settle();

        assertThat(client.apps().deployments().withName("orders").get()).isNull();
        assertThat(client.apps().replicaSets().list().getItems())
                .singleElement()
                .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).isEmpty());
        assertThat(client.pods().list().getItems()).hasSize(2);
    }

    @Test
    void orphaningADependentThatGoesAwayInTheSamePassSettles(
            FlinkK8sCluster cluster, KubernetesClient client) {
        ConfigMap owner =
                client.resource(
                                new ConfigMapBuilder()
                                        .withNewMetadata()
                                        .withName("owner")
                                        .endMetadata()
                                        .build())
                        .create();
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("dependent")
                                .addNewOwnerReference()
                                .withApiVersion("v1")
                                .withKind("ConfigMap")
                                .withName("owner")
                                .withUid(owner.getMetadata().getUid())
                                .endOwnerReference()
                                .endMetadata()
                                .build())
                .create();
        // the dependent waits for (no) dependents of its own; the owner orphans it
        client.configMaps()
                .withName("dependent")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();
        client.configMaps()
                .withName("owner")
                .withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete();

        cluster.settle();

        assertThat(client.configMaps().list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .doesNotContain("owner", "dependent");
    }
}
