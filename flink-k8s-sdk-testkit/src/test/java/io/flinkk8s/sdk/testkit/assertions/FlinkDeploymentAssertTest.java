package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.Specs;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;

@FlinkK8sTest(namespace = "streaming")
class FlinkDeploymentAssertTest {

    private static String stopWithSavepoint(FlinkK8sCluster cluster) throws Exception {
        try (var flink = Specs.flinkClient(cluster.flink("streaming", "orders").restAddress())) {
            JobID job = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            return flink.stopWithSavepoint(job, false, null, SavepointFormatType.CANONICAL)
                    .get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void upgradeThroughASavepointReadsAsTheDomainSays(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning("streaming", "orders");
        String savepoint = stopWithSavepoint(cluster);
        // when
        Specs.apply(
                client,
                Specs.ordersSmall()
                        .withImage("registry.example.com/orders:2")
                        .withJob(Specs.ordersSmall().job().withInitialSavepointPath(savepoint)));
        cluster.awaitRunning("streaming", "orders");
        // then
        assertThat(cluster)
                .flinkDeployment("streaming", "orders")
                .hasReadyJobManager()
                .hasReadyTaskManagers(1)
                .job()
                .isRunning()
                .hasState(JobStatus.RUNNING)
                .wasRestoredFrom(savepoint)
                .wasRestoredFromLatestSavepoint()
                .lastSavepoint()
                .startsWith("s3://acme-flink/orders/savepoints/savepoint-");
        assertThat(cluster)
                .flinkDeployment("streaming", "orders")
                .lastSavepoint()
                .isEqualTo(savepoint);
    }

    @Test
    void aJobStartedWithoutStateFailsWasRestoredFromLatestSavepointShowingBoth(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning("streaming", "orders");
        // when
        String savepoint;
        try (var flink = Specs.flinkClient(cluster.flink("streaming", "orders").restAddress())) {
            JobID job = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            savepoint =
                    flink.triggerSavepoint(job, null, SavepointFormatType.CANONICAL)
                            .get(10, TimeUnit.SECONDS);
        }
        // then
        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .flinkDeployment("streaming", "orders")
                                        .job()
                                        .wasRestoredFromLatestSavepoint())
                .hasMessageContaining("Expecting Flink job ")
                .hasMessageContaining(
                        "to have been restored from the latest savepoint:\n  "
                                + savepoint
                                + "\nbut it started without state");
    }

    @Test
    void readyTaskManagersFailureShowsTheDeployment(
            FlinkK8sCluster cluster, KubernetesClient client) {
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning("streaming", "orders");

        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .flinkDeployment("streaming", "orders")
                                        .hasReadyTaskManagers(3))
                .hasMessageContaining("[Flink deployment streaming/orders]")
                .hasMessageContaining(
                        "Expecting Flink deployment streaming/orders:\n  Flink of "
                                + "streaming/orders at http://127.0.0.1:")
                .hasMessageContaining("to have ready TaskManagers:\n  3\nbut it has 1");
    }

    @Test
    void aJobManagerThatIsNotUpFailsHasReadyJobManager(
            FlinkK8sCluster cluster, KubernetesClient client) {
        cluster.faults().failNode("node-1");
        Specs.apply(client, Specs.ordersSmall());

        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .flinkDeployment("streaming", "orders")
                                        .hasReadyJobManager())
                .hasMessageContaining(
                        "to have:\n  a ready JobManager with Flink running behind"
                                + " it\nbut no JobManager pod is ready");
        assertThatThrownBy(() -> assertThat(cluster).flinkDeployment("streaming", "orders").job())
                .hasMessageContaining("to have:\n  a job\nbut it has none");
    }

    @Test
    void aFailedJobFailsIsRunningWithItsCause(FlinkK8sCluster cluster, KubernetesClient client) {
        cluster.flink("streaming", "orders").failNextSubmission();
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitReady("streaming", "orders-jobmanager");

        assertThatThrownBy(
                        () ->
                                assertThat(cluster)
                                        .flinkDeployment("streaming", "orders")
                                        .job()
                                        .isRunning())
                .hasMessageContaining(
                        "to have status:\n  RUNNING\nbut its status is FAILED ("
                                + "Simulated submission failure");
    }

    @Test
    void resourceAssertionsCheckLabelsAndOwners(FlinkK8sCluster cluster, KubernetesClient client) {
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning("streaming", "orders");
        Pod pod =
                cluster.list(Pod.class, "streaming").stream()
                        .filter(p -> p.getMetadata().getName().startsWith("orders-jobmanager-"))
                        .findFirst()
                        .orElseThrow();

        assertThat(cluster)
                .resource(ConfigMap.class, "streaming", "orders-flink-config")
                .hasLabel("team", "payments")
                .hasNoOwner();
        assertThat(pod)
                .hasLabel("app.kubernetes.io/component", "jobmanager")
                .hasOwner("ReplicaSet", pod.getMetadata().getOwnerReferences().get(0).getName());
        assertThatThrownBy(() -> assertThat(pod).hasOwner("Deployment", "orders-jobmanager"))
                .hasMessageContaining(
                        "Expecting Pod streaming/"
                                + pod.getMetadata().getName()
                                + ":\n  apiVersion: \"v1\"")
                .hasMessageContaining(
                        "to have owner:\n  Deployment orders-jobmanager\nbut its "
                                + "owners are [ReplicaSet orders-jobmanager-");
    }
}
