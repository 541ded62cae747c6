package io.flinkk8s.sdk.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(
        namespace = "streaming",
        nodes = {"node-1", "node-2"},
        operatorCrds = false)
class FaultsTest {

    private static void deployment(KubernetesClient client, int replicas) {
        client.resource(
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("tm")
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(replicas)
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

    private static List<Pod> pods(KubernetesClient client) {
        return client.pods().withLabel("app", "tm").list().getItems();
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    @Test
    void aDeletedPodIsReplacedByItsReplicaSet(Faults faults, KubernetesClient client) {
        deployment(client, 2);
        String victim = pods(client).get(0).getMetadata().getName();

        faults.deletePod("streaming", victim);

        assertThat(pods(client))
                .hasSize(2)
                .noneSatisfy(p -> assertThat(p.getMetadata().getName()).isEqualTo(victim));
    }

    @Test
    void aFailedNodeLosesItsPodsAndTheyAreRescheduledElsewhere(
            Faults faults, KubernetesClient client) {
        deployment(client, 4);
        assertThat(pods(client))
                .extracting(p -> p.getSpec().getNodeName())
                .contains("node-1", "node-2");

        faults.failNode("node-1");

        assertThat(pods(client))
                .hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("node-2"));
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void theNextMatchingRequestFailsWithTheChosenStatus(Faults faults, KubernetesClient client) {
        faults.failNextRequest(ApiVerb.CREATE, "configmaps", 500);

        assertThatThrownBy(() -> client.resource(configMap("a")).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(500));
        client.resource(configMap("a")).create();
        assertThat(client.configMaps().withName("a").get()).isNotNull();
    }

    @Test
    void faultsApplyOnlyToTheChosenVerbAndResource(Faults faults, KubernetesClient client) {
        faults.failRequests(ApiVerb.PATCH, "deployments", 409);

        client.resource(configMap("a")).fieldManager("sdk").serverSideApply();
        deployment(client, 1);

        client.apps().deployments().withName("tm").scale(3);
        assertThatThrownBy(
                        () ->
                                client.apps()
                                        .deployments()
                                        .withName("tm")
                                        .edit(
                                                d ->
                                                        new DeploymentBuilder(d)
                                                                .editMetadata()
                                                                .addToLabels("x", "y")
                                                                .endMetadata()
                                                                .build()))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
        faults.clearApiFaults();
        client.apps()
                .deployments()
                .withName("tm")
                .edit(
                        d ->
                                new DeploymentBuilder(d)
                                        .editMetadata()
                                        .addToLabels("x", "y")
                                        .endMetadata()
                                        .build());
    }

    @Test
    void aServiceUnavailableFaultReachesTheCaller(Faults faults, KubernetesClient client) {
        faults.failNextRequests(ApiVerb.LIST, "pods", 503, 2);

        assertThatThrownBy(() -> client.pods().list())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(503));
    }

    @Test
    void aDelayedResponseTripsTheClientTimeout(FlinkK8sCluster cluster, Faults faults) {
        faults.delayRequests(ApiVerb.GET, "configmaps", Duration.ofSeconds(5));
        try (KubernetesClient impatient =
                new KubernetesClientBuilder()
                        .withConfig(
                                new ConfigBuilder(cluster.clientConfig())
                                        .withRequestTimeout(200)
                                        .build())
                        .build()) {

            assertThatThrownBy(() -> impatient.configMaps().withName("a").get())
                    .isInstanceOf(KubernetesClientException.class);
        }
    }

    @Test
    void informersRecoverFromDroppedWatches(Faults faults, KubernetesClient client)
            throws Exception {
        BlockingQueue<String> added = new LinkedBlockingQueue<>();
        try (SharedIndexInformer<ConfigMap> informer =
                client.configMaps()
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(ConfigMap obj) {
                                        added.add(obj.getMetadata().getName());
                                    }

                                    @Override
                                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                                        // not needed
                                    }

                                    @Override
                                    public void onDelete(
                                            ConfigMap obj, boolean deletedFinalStateUnknown) {
                                        // not needed
                                    }
                                })) {
            client.resource(configMap("before")).create();
            assertThat(added.poll(10, TimeUnit.SECONDS)).isEqualTo("before");

            faults.dropWatches();
            client.resource(configMap("after")).create();

            assertThat(added.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
            assertThat(informer.getStore().list()).hasSize(2);
        }
    }
}
