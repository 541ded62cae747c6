package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.fleet.ClusterOutcome;
import io.flinkk8s.sdk.core.deploy.fleet.ClusterOverrides;
import io.flinkk8s.sdk.core.deploy.fleet.Fleet;
import io.flinkk8s.sdk.core.deploy.fleet.FleetResult;
import io.flinkk8s.sdk.core.deploy.fleet.FleetStatus;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same spec on several in-memory clusters, each with its overrides, through one {@link Fleet}.
 */
class FleetIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<InMemoryFlinkK8sCluster> clusters = new ArrayList<>();
    private final List<FlinkDeployer> deployers = new ArrayList<>();

    @AfterEach
    void close() {
        deployers.forEach(FlinkDeployer::close);
        clusters.forEach(InMemoryFlinkK8sCluster::close);
    }

    private InMemoryFlinkK8sCluster cluster(String namespace) {
        InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder().namespace(namespace).start();
        clusters.add(cluster);
        return cluster;
    }

    private FlinkDeployer deployer(InMemoryFlinkK8sCluster cluster) {
        FlinkDeployer deployer = cluster.deployer();
        deployers.add(deployer);
        return deployer;
    }

    @Test
    void runsTheSameSpecOnEveryClusterWithThatClustersOverrides() {
        InMemoryFlinkK8sCluster eu = cluster("streaming");
        InMemoryFlinkK8sCluster us = cluster("streaming-us");
        Fleet fleet =
                Fleet.builder()
                        .cluster(
                                "eu-west",
                                deployer(eu),
                                ClusterOverrides.none()
                                        .withImageRegistry("eu.registry.example.com"))
                        .cluster(
                                "us-east",
                                deployer(us),
                                ClusterOverrides.none()
                                        .withNamespace("streaming-us")
                                        .withTaskManagerReplicas(5)
                                        .withCheckpointDir("s3://acme-us/orders/checkpoints")
                                        .withSavepointDir("s3://acme-us/orders/savepoints")
                                        .withHaStorageDir("s3://acme-us/orders/ha"))
                        .build();

        FleetResult result = fleet.apply(Specs.orders());

        assertThat(result.allSucceeded()).as(result.toString()).isTrue();
        result.clusters().forEach(c -> c.handle().waitUntilRunning(WAIT));
        Deployment euJm = jobManager(eu, "streaming");
        assertThat(euJm.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("eu.registry.example.com/orders:1.0");
        Deployment usJm = jobManager(us, "streaming-us");
        assertThat(usJm.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/orders:1.0");
        assertThat(
                        us.client()
                                .apps()
                                .deployments()
                                .inNamespace("streaming-us")
                                .withName("orders-taskmanager")
                                .get()
                                .getSpec()
                                .getReplicas())
                .isEqualTo(5);
        String usConfig = flinkConfig(us, "streaming-us");
        assertThat(usConfig)
                .contains("s3://acme-us/orders/checkpoints")
                .contains("s3://acme-us/orders/savepoints")
                .contains("s3://acme-us/orders/ha")
                .doesNotContain("s3://flink/orders");
        assertThat(flinkConfig(eu, "streaming")).contains("s3://flink/orders/checkpoints");
        FleetStatus status = fleet.status(Specs.orders());
        assertThat(status.clusters())
                .extracting(e -> e.cluster() + " " + e.status().lifecycle())
                .containsExactly("eu-west RUNNING", "us-east RUNNING");
    }

    @Test
    void anInvalidClusterSpecFailsBeforeAnyClusterIsTouched() {
        InMemoryFlinkK8sCluster eu = cluster("streaming");
        InMemoryFlinkK8sCluster us = cluster("streaming");
        Fleet fleet =
                Fleet.builder()
                        .cluster("eu-west", deployer(eu))
                        .cluster(
                                "us-east",
                                deployer(us),
                                ClusterOverrides.none()
                                        .withTaskManagerReplicas(0)
                                        .withNamespace("Not_A_Namespace"))
                        .build();

        assertThatThrownBy(() -> fleet.apply(Specs.orders()))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(Violation::path)
                                        .containsExactlyInAnyOrder(
                                                "clusters[us-east].taskManager.replicas",
                                                "clusters[us-east].namespace"));
        for (InMemoryFlinkK8sCluster c : List.of(eu, us)) {
            assertThat(c.client().apps().deployments().inNamespace("streaming").list().getItems())
                    .isEmpty();
            assertThat(c.client().configMaps().inNamespace("streaming").list().getItems())
                    .noneMatch(cm -> cm.getMetadata().getName().startsWith("orders"));
        }
    }

    @Test
    void aClusterThatDoesNotAnswerFailsAloneAndSaysSoWhileTheOthersRun() {
        InMemoryFlinkK8sCluster eu = cluster("streaming");
        InMemoryFlinkK8sCluster gone = cluster("streaming");
        InMemoryFlinkK8sCluster us = cluster("streaming");
        Fleet fleet =
                Fleet.builder()
                        .cluster("eu-west", deployer(eu))
                        .cluster("ap-south", deployer(gone))
                        .cluster("us-east", deployer(us))
                        .build();
        gone.close();

        FleetResult result = fleet.apply(Specs.orders());

        assertThat(result.allSucceeded()).isFalse();
        assertThat(result.failed()).extracting(ClusterOutcome::cluster).containsExactly("ap-south");
        assertThat(result.on("ap-south").failure().getMessage()).isNotBlank();
        assertThat(result.toString())
                .contains("applied on 2 of 3 clusters")
                .contains("ap-south: FAILED");
        result.on("eu-west").handle().waitUntilRunning(WAIT);
        result.on("us-east").handle().waitUntilRunning(WAIT);
        FleetStatus status = fleet.status(Specs.orders());
        assertThat(status.on("eu-west").status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.on("us-east").status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.on("ap-south").read()).isEmpty();
        assertThat(status.on("ap-south").error()).isNotBlank();
    }

    @Test
    void theRegistryOverrideKeepsTheRepositoryTagAndDigest() {
        FlinkDeploymentSpec spec = Specs.orders();
        ClusterOverrides mirror =
                ClusterOverrides.none().withImageRegistry("mirror.example.com:5000");

        assertThat(mirror.applyTo(spec, "registry.example.com/team/orders:1.0").image())
                .isEqualTo("mirror.example.com:5000/team/orders:1.0");
        assertThat(mirror.applyTo(spec, "flink:2.1-java17").image())
                .isEqualTo("mirror.example.com:5000/flink:2.1-java17");
        assertThat(mirror.applyTo(spec, "localhost/orders@sha256:abc").image())
                .isEqualTo("mirror.example.com:5000/orders@sha256:abc");
        assertThat(mirror.applyTo(spec, "acme/orders:1").image())
                .isEqualTo("mirror.example.com:5000/acme/orders:1");
        assertThat(ClusterOverrides.none().applyTo(spec, "ignored")).isEqualTo(spec);
    }

    private static Deployment jobManager(InMemoryFlinkK8sCluster c, String ns) {
        return c.client().apps().deployments().inNamespace(ns).withName("orders-jobmanager").get();
    }

    private static String flinkConfig(InMemoryFlinkK8sCluster c, String ns) {
        ConfigMap cm =
                c.client().configMaps().inNamespace(ns).withName("orders-flink-config").get();
        return String.join("\n", cm.getData().values());
    }
}
