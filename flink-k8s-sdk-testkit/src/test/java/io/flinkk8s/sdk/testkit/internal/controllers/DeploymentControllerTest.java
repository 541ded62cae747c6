package io.flinkk8s.sdk.testkit.internal.controllers;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = NS, operatorCrds = false)
class DeploymentControllerTest {

    private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";

    private static List<Pod> pods(KubernetesClient client, String app) {
        return client.pods().withLabel("app", app).list().getItems();
    }

    @Test
    void podsAreNamedLabelledAndOwnedAsAReplicaSetWouldCreateThem(KubernetesClient client) {
        client.resource(deployment("orders", 2)).create();

        ReplicaSet rs = client.apps().replicaSets().list().getItems().get(0);
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(rs.getMetadata().getName()).isEqualTo("orders-" + hash);
        assertThat(rs.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("orders"));
        assertThat(pods(client, "orders"))
                .hasSize(2)
                .allSatisfy(
                        p -> {
                            assertThat(p.getMetadata().getName())
                                    .matches("orders-" + hash + "-" + SAFE + "{5}");
                            assertThat(p.getMetadata().getLabels())
                                    .containsEntry("pod-template-hash", hash);
                            assertThat(p.getMetadata().getOwnerReferences())
                                    .singleElement()
                                    .satisfies(
                                            o -> {
                                                assertThat(o.getKind()).isEqualTo("ReplicaSet");
                                                assertThat(o.getUid())
                                                        .isEqualTo(rs.getMetadata().getUid());
                                                assertThat(o.getController()).isTrue();
                                            });
                        });
    }

    @Test
    void statusReportsReplicaCountsObservedGenerationAndConditions(KubernetesClient client) {
        client.resource(deployment("orders", 2)).create();

        Deployment d = client.apps().deployments().withName("orders").get();

        assertThat(d.getStatus().getReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getObservedGeneration())
                .isEqualTo(d.getMetadata().getGeneration());
        assertThat(d.getStatus().getConditions())
                .extracting(
                        DeploymentCondition::getType,
                        DeploymentCondition::getStatus,
                        DeploymentCondition::getReason)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "Available", "True", "MinimumReplicasAvailable"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Progressing", "True", "NewReplicaSetAvailable"));
    }

    @Test
    void scalingAddsAndRemovesPods(KubernetesClient client) {
        client.resource(deployment("orders", 2)).create();

        client.apps().deployments().withName("orders").scale(5);
        int afterUp = pods(client, "orders").size();
        client.apps().deployments().withName("orders").scale(1);

        assertThat(afterUp).isEqualTo(5);
        assertThat(pods(client, "orders")).hasSize(1);
        assertThat(client.apps().deployments().withName("orders").get().getStatus().getReplicas())
                .isEqualTo(1);
    }

    @Test
    void aTemplateChangeRollsThePodsToANewReplicaSet(KubernetesClient client) {
        client.resource(deployment("orders", 3)).create();
        String oldHash =
                pods(client, "orders").get(0).getMetadata().getLabels().get("pod-template-hash");

        client.resource(Fixtures.withImage(deployment("orders", 3), "flink:2.2")).update();

        assertThat(pods(client, "orders"))
                .hasSize(3)
                .allSatisfy(
                        p -> {
                            assertThat(p.getMetadata().getLabels().get("pod-template-hash"))
                                    .isNotEqualTo(oldHash);
                            assertThat(p.getSpec().getContainers().get(0).getImage())
                                    .isEqualTo("flink:2.2");
                        });
        assertThat(client.apps().replicaSets().list().getItems())
                .extracting(rs -> rs.getSpec().getReplicas())
                .containsExactlyInAnyOrder(0, 3);
    }

    @Test
    void aValueMovedFromTheTemplateIntoTheMetadataStillRollsThePods(KubernetesClient client) {
        client.resource(Fixtures.withTemplateAnnotations(deployment("orders", 2))).create();
        String oldHash =
                pods(client, "orders").get(0).getMetadata().getLabels().get("pod-template-hash");

        client.apps()
                .deployments()
                .withName("orders")
                .edit(Fixtures::movingTemplateAnnotationToMetadata);

        assertThat(pods(client, "orders"))
                .hasSize(2)
                .allSatisfy(
                        p -> {
                            assertThat(p.getMetadata().getLabels().get("pod-template-hash"))
                                    .isNotEqualTo(oldHash);
                            assertThat(p.getMetadata().getAnnotations())
                                    .containsKey("keep")
                                    .doesNotContainKey("team");
                        });
    }

    @Test
    void aRollingUpdateKeepsOldPodsUntilNewOnesAreReady(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given: maxSurge 1, maxUnavailable 0, pods ready 10 s after they start
        Deployment initial =
                new DeploymentBuilder(Fixtures.withReadinessDelay(deployment("orders", 3), 10))
                        .editSpec()
                        .withNewStrategy()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                        .withNewMaxSurge(1)
                        .withNewMaxUnavailable(0)
                        .endRollingUpdate()
                        .endStrategy()
                        .endSpec()
                        .build();
        client.resource(initial).create();
        cluster.awaitReady(NS, "orders");
        // when
        client.resource(Fixtures.withImage(initial, "flink:2.2")).update();
        // then: one surge pod, all three old pods kept while it is not ready
        assertThat(pods(client, "orders")).hasSize(4);
        assertThat(pods(client, "orders"))
                .filteredOn(p -> p.getSpec().getContainers().get(0).getImage().equals("flink:2.1"))
                .hasSize(3);
        cluster.advance(Duration.ofSeconds(10));
        assertThat(pods(client, "orders"))
                .filteredOn(p -> p.getSpec().getContainers().get(0).getImage().equals("flink:2.1"))
                .hasSize(2);
        cluster.awaitReady(NS, "orders");
        assertThat(pods(client, "orders"))
                .hasSize(3)
                .allSatisfy(
                        p ->
                                assertThat(p.getSpec().getContainers().get(0).getImage())
                                        .isEqualTo("flink:2.2"));
    }

    @Test
    void recreateStrategyRemovesOldPodsBeforeStartingNewOnes(KubernetesClient client) {
        Deployment recreate =
                new DeploymentBuilder(deployment("orders", 2))
                        .editSpec()
                        .withNewStrategy()
                        .withType("Recreate")
                        .endStrategy()
                        .endSpec()
                        .build();
        client.resource(recreate).create();

        client.resource(Fixtures.withImage(recreate, "flink:2.2")).update();

        assertThat(pods(client, "orders"))
                .hasSize(2)
                .allSatisfy(
                        p ->
                                assertThat(p.getSpec().getContainers().get(0).getImage())
                                        .isEqualTo("flink:2.2"));
    }
}
