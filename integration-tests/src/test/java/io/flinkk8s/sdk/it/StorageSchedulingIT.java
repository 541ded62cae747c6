package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage and scheduling policies on the in-memory cluster: the pods of both targets carry the
 * volumes and the placement, and the state claim survives prune and delete unless asked. The
 * testkit does not bind claims (no storage class controller): a claim stays without status, which
 * its pods do not wait for there.
 */
class StorageSchedulingIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The class the policies' claim names: a claim of a class the cluster lacks stays Pending. */
    @BeforeEach
    void storageClass() {
        fixture.cluster.addStorageClass("nfs-client");
    }

    private static FlinkDeploymentSpec withPolicies(RenderTarget target) {
        return FlinkK8s.from(Specs.orders())
                .target(target)
                .storage(
                        s ->
                                s.objectStore("orders-s3")
                                        .pluginVersion("2.1.0")
                                        .volume("10Gi", "nfs-client")
                                        .emptyDir("5Gi")
                                        .localRecovery(true))
                .scheduling(
                        s ->
                                s.nodeSelector("pool", "flink")
                                        .toleration(
                                                TolerationSpec.exists("dedicated", "NoSchedule"))
                                        .spreadTaskManagersAcrossNodes())
                .build();
    }

    private static FlinkDeploymentSpec withVolume() {
        return FlinkK8s.from(Specs.orders()).storage(s -> s.volume("10Gi")).build();
    }

    private List<Pod> pods() {
        return fixture.cluster.list(Pod.class, NS);
    }

    private static void assertPlacedWithVolumes(PodSpec pod) {
        assertThat(pod.getVolumes())
                .extracting(Volume::getName)
                .contains("flink-state", "flink-local");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .contains("/flink-data", "/flink-local");
        assertThat(pod.getNodeSelector()).containsEntry("pool", "flink");
        assertThat(pod.getTolerations()).extracting(Toleration::getKey).contains("dedicated");
    }

    @Test
    void standalonePodsMountTheClaimAndCarryThePlacement() {
        FlinkDeploymentHandle orders =
                fixture.deployer().apply(withPolicies(RenderTarget.STANDALONE));
        orders.waitUntilRunning(WAIT);

        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state"))
                .hasValueSatisfying(
                        c ->
                                assertThat(c.getSpec().getAccessModes())
                                        .containsExactly("ReadWriteMany"));
        assertThat(pods()).hasSize(4); // a JobManager and three TaskManagers
        pods().forEach(p -> assertPlacedWithVolumes(p.getSpec()));
        assertThat(pods())
                .filteredOn(p -> p.getMetadata().getName().startsWith("orders-taskmanager"))
                .allSatisfy(
                        p ->
                                assertThat(p.getSpec().getTopologySpreadConstraints())
                                        .singleElement()
                                        .satisfies(
                                                c ->
                                                        assertThat(c.getTopologyKey())
                                                                .isEqualTo(
                                                                        "kubernetes.io/hostname")));
    }

    @Test
    void operatorPodsMountTheClaimAndCarryThePlacement() {
        FlinkDeploymentHandle orders =
                fixture.deployer().apply(withPolicies(RenderTarget.OPERATOR));
        orders.waitUntilRunning(WAIT);

        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state"))
                .isPresent();
        Deployment jobManager = fixture.cluster.find(Deployment.class, NS, "orders").orElseThrow();
        assertPlacedWithVolumes(jobManager.getSpec().getTemplate().getSpec());
        assertThat(pods()).isNotEmpty();
        pods().forEach(p -> assertPlacedWithVolumes(p.getSpec()));
    }

    @Test
    void theStateClaimSurvivesPruneAndDeleteUnlessAsked() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(withVolume());
        orders.waitUntilRunning(WAIT);
        // when: the spec no longer asks for the volume, then the deployment is deleted
        fixture.deployer().apply(Specs.orders()).waitUntilRunning(WAIT);
        boolean keptByPrune =
                fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state").isPresent();
        orders.delete();
        // then
        assertThat(keptByPrune).as("kept by prune").isTrue();
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state"))
                .as("kept by delete")
                .isPresent();
        assertThat(fixture.cluster.list(Deployment.class, NS)).isEmpty();
    }

    @Test
    void theStateClaimGoesWhenPruneOrDeleteIsToldSo() {
        // given
        fixture.deployer().apply(withVolume()).waitUntilRunning(WAIT);
        // when: prune may delete claims
        fixture.deployer(fixture.options().prunePersistentVolumeClaims(true).build())
                .apply(Specs.orders())
                .waitUntilRunning(WAIT);
        // then
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state")).isEmpty();

        // given
        FlinkDeploymentHandle again = fixture.deployer().apply(withVolume());
        again.waitUntilRunning(WAIT);
        // when
        again.delete(DeleteOptions.everything());
        // then
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state")).isEmpty();
    }
}
