package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class FlinkK8sAssertionsTest {

    private static Deployment taskManager(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("orders-taskmanager")
                .addToLabels("app", "orders")
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
                .withName("flink-main-container")
                .withImage("flink:2.1")
                .withArgs("taskmanager", "-D", "a=b")
                .addNewEnv()
                .withName("POD_IP")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("MODE")
                .withValue("batch")
                .endEnv()
                .withNewResources()
                .addToRequests("memory", new Quantity("2048Mi"))
                .addToLimits("cpu", new Quantity("1"))
                .endResources()
                .withReadinessProbe(
                        new ProbeBuilder()
                                .withNewTcpSocket()
                                .withNewPort(6122)
                                .endTcpSocket()
                                .withInitialDelaySeconds(10)
                                .build())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    @Test
    void deploymentAssertionsPassOnTheLiveState(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(taskManager(2)).create();
        cluster.awaitReady("streaming", "orders-taskmanager");

        assertThat(cluster)
                .deployment("streaming", "orders-taskmanager")
                .hasReplicas(2)
                .hasReadyReplicas(2)
                .hasAvailableReplicas(2)
                .hasLabel("app", "orders")
                .container("flink-main-container")
                .hasImage("flink:2.1")
                .hasArgs("taskmanager", "-D", "a=b")
                .containsArgs("-D", "a=b")
                .hasEnv("MODE", "batch")
                .hasResourceRequest("memory", "2Gi")
                .hasResourceLimit("cpu", "1000m")
                .hasReadinessProbe();
    }

    @Test
    void readyReplicasFailureSaysWhatWasExpectedAndFound(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(taskManager(2)).create();
        cluster.advance(Duration.ofSeconds(5));

        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .deployment("streaming", "orders-taskmanager")
                                        .hasReadyReplicas(2))
                .hasMessageContaining("[Deployment streaming/orders-taskmanager]")
                .hasMessageContaining(
                        "Expecting Deployment streaming/orders-taskmanager:\n"
                                + "  Deployment streaming/orders-taskmanager (spec.replicas 2, status: "
                                + "replicas 2, ready 0")
                .hasMessageContaining("to have ready replicas:\n  2\nbut it has 0");
    }

    @Test
    void aMissingDeploymentIsReportedWithTheOnesThatExist(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(taskManager(1)).create();

        assertThatThrownBy(() -> assertThat(cluster).deployment("streaming", "orders"))
                .hasMessageContaining(
                        "to contain:\n  Deployment streaming/orders\n"
                                + "but it has only the Deployments [streaming/orders-taskmanager]");
    }

    @Test
    void containerFailuresShowTheContainer(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(taskManager(1)).create();
        var container =
                assertThat(cluster)
                        .deployment("streaming", "orders-taskmanager")
                        .container("flink-main-container");

        assertThatThrownBy(() -> container.hasEnv("POD_IP", "1.2.3.4"))
                .hasMessageContaining(
                        "[Deployment streaming/orders-taskmanager / container "
                                + "flink-main-container]")
                .hasMessageContaining("Expecting container flink-main-container:\n  args:")
                .hasMessageContaining(
                        "to have env POD_IP:\n  \"1.2.3.4\"\nbut its value is taken " + "from");
        assertThatThrownBy(() -> container.hasResourceRequest("memory", "1Gi"))
                .hasMessageContaining("to have memory request:\n  \"1Gi\"\nbut it has 2048Mi");
        assertThatThrownBy(() -> container.hasLivenessProbe())
                .hasMessageContaining("but it has none");
        assertThatThrownBy(() -> container.hasArgs("jobmanager"))
                .hasMessageContaining("but its args are [taskmanager, -D, a=b]");
        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .deployment("streaming", "orders-taskmanager")
                                        .container("sidecar"))
                .hasMessageContaining(
                        "to contain:\n  container sidecar\nbut its containers are "
                                + "[flink-main-container]");
    }

    @Test
    void requestLogAssertionsCountWritesAndFindRequests(
            FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("c")
                                .endMetadata()
                                .build())
                .fieldManager("sdk")
                .serverSideApply();

        assertThat(cluster).requests().hasWrites(1).hasRequest(ApiVerb.PATCH, "configmaps");
        cluster.requests().reset();
        client.configMaps().withName("c").get();
        assertThat(cluster).requests().hasNoWrites();
    }

    @Test
    void requestLogFailureListsTheWrites(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("c")
                                .endMetadata()
                                .build())
                .create();

        assertThatThrownBy(() -> assertThat(cluster).requests().hasNoWrites())
                .hasMessageContaining("Expecting the request log:")
                .hasMessageContaining("to have writes:\n  0\nbut it has 1:")
                .hasMessageContaining("CREATE /api/v1/namespaces/streaming/configmaps -> 201");
        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .requests()
                                        .hasRequest(ApiVerb.DELETE, "configmaps"))
                .hasMessageContaining(
                        "to contain:\n  DELETE configmaps\n" + "but no request matches");
    }

    @Test
    void everyAssertionRejectsANullActual() {
        assertThatThrownBy(() -> assertThat((FlinkK8sCluster) null).requests())
                .hasMessageContaining("Expecting actual not to be null");
        assertThatThrownBy(() -> assertThat((Deployment) null).hasReplicas(1))
                .hasMessageContaining("Expecting actual not to be null");
    }
}
