package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart.Source;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code delete} keeps and removes ({@link DeleteOptions}), and what applying the spec again
 * starts from: "the deployment can be applied again from where it was".
 */
class DeleteIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void applyAfterADeleteWithSavepointStartsTheJobFromThatSavepoint() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = running(deployer);
        SavepointRecord manual = orders.triggerSavepoint();
        orders.delete(DeleteOptions.keepState().withSavepointFirst());
        SavepointRecord taken = orders.status().lastSavepoint();
        assertThat(taken.reason()).isEqualTo(SavepointRecord.Reason.DELETE);
        FlinkDeployer restarted = fixture.deployer();
        ApplyPlan plan = restarted.plan(Specs.orders());
        // when: a restarted service applies the same spec again
        restarted.apply(Specs.orders()).waitUntilRunning(WAIT);
        // then
        assertThat(plan.restoreSavepoint()).contains(taken.path());
        assertThat(plan.jobStart())
                .isEqualTo(new ApplyPlan.JobStart(Source.STATE_RECORD, taken.path(), taken));
        SimulatedFlinkRuntime flink = runtime();
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).contains(taken.path());
        assertThat(jobManagerArgs()).containsSequence("--fromSavepoint", taken.path());
        DeploymentStatus status = orders.status();
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.restoredFrom().path()).isEqualTo(taken.path());
        assertThat(status.restoredFrom().recorded()).isEqualTo(taken);
        assertThat(status.savepoints()).containsExactly(manual, taken);
    }

    @Test
    void aSavepointPathTheCallerSetsWinsOverTheSavepointTheDeleteTook() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        running(deployer).delete(DeleteOptions.keepState().withSavepointFirst());
        String chosen = "s3://flink/orders/savepoints/savepoint-chosen-000000000001";
        // when
        FlinkDeploymentHandle orders =
                deployer.apply(
                        FlinkK8s.from(Specs.orders())
                                .job(j -> j.initialSavepointPath(chosen))
                                .build());
        orders.waitUntilRunning(WAIT);
        // then
        SimulatedFlinkRuntime flink = runtime();
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).contains(chosen);
        assertThat(orders.lastApply().orElseThrow().plan().jobStart())
                .isEqualTo(new ApplyPlan.JobStart(Source.SPEC, chosen, null));
    }

    @Test
    void applyAfterADeleteWithoutSavepointStartsAsTheSpecSaysNotFromAnOlderSavepoint() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = running(deployer);
        SavepointRecord manual = orders.triggerSavepoint();
        orders.delete();
        // when
        ApplyPlan plan = deployer.plan(Specs.orders());
        deployer.apply(Specs.orders()).waitUntilRunning(WAIT);
        // then
        SimulatedFlinkRuntime flink = runtime();
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).isEmpty();
        assertThat(orders.status().restoredFrom()).isNull();
        assertThat(plan.restoreSavepoint()).isEmpty();
        assertThat(plan.advisories())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.path()).isEqualTo("job.initialSavepointPath");
                            assertThat(a.message())
                                    .contains(manual.path())
                                    .contains(manual.takenAt().toString())
                                    .contains("set job.initialSavepointPath to it");
                        });
    }

    @Test
    void theSavepointOfAnEarlierDeleteIsNotUsedAfterTheJobRanAgain() {
        // given: delete with a savepoint, apply again (from it), then delete without one
        FlinkDeployer deployer = fixture.deployer();
        running(deployer).delete(DeleteOptions.keepState().withSavepointFirst());
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        orders.delete();
        // when
        deployer.apply(Specs.orders()).waitUntilRunning(WAIT);
        // then
        SimulatedFlinkRuntime flink = runtime();
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).isEmpty();
    }

    @Test
    void aSuspendedDeploymentDeletedAndAppliedAgainResumesFromItsSuspensionSavepoint() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = running(deployer);
        orders.suspend();
        String suspension = orders.status().lastSavepoint().path();
        var suspended = orders.spec();
        orders.delete(DeleteOptions.keepState().withSavepointFirst());
        // when: the suspended spec again, then resume
        deployer.apply(suspended);
        orders.resume();
        orders.waitUntilRunning(WAIT);
        // then
        SimulatedFlinkRuntime flink = runtime();
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).contains(suspension);
    }

    @Test
    void aFailedSavepointBeforeDeleteDeletesNothing() {
        // given
        FlinkDeploymentHandle orders = running(fixture.deployer());
        runtime().failNextSavepoint();
        // when / then
        assertThatThrownBy(() -> orders.delete(DeleteOptions.keepState().withSavepointFirst()))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("Nothing of streaming/orders was deleted");
        assertThat(fixture.cluster.list(Deployment.class, NS)).hasSize(2);
        assertThat(runtime().jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void aDeleteWithSavepointWhileAnotherDeployerHoldsTheUpgradeLeaseDeletesNothing() {
        // given
        FlinkDeploymentHandle orders = running(fixture.deployer());
        StateRecords.leaseHeldBy(
                fixture.cluster,
                NS,
                "orders",
                "orders-service-replica-2",
                fixture.cluster.clock().instant(),
                15);
        FlinkDeployer onVirtualTime =
                fixture.deployer(fixture.options().clock(fixture.cluster.clock()).build());
        // when / then
        assertThatThrownBy(
                        () ->
                                onVirtualTime
                                        .handle(NS, "orders")
                                        .delete(DeleteOptions.keepState().withSavepointFirst()))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("Nothing of streaming/orders was deleted")
                .hasMessageContaining(
                        "Another deployer (orders-service-replica-2) holds the upgrade lease");
        assertThat(fixture.cluster.list(Deployment.class, NS)).hasSize(2);
        assertThat(runtime().jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orders.status().savepoints()).isEmpty();
    }

    @Test
    void deleteEverythingAlsoRemovesTheUpgradeLease() {
        // given: an upgrade held and released the lease
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = running(deployer);
        deployer.apply(Specs.ordersImage("registry.example.com/orders:2.0"));
        assertThat(StateRecords.lease(fixture.cluster, NS, "orders")).isPresent();
        // when
        orders.delete(DeleteOptions.everything());
        // then
        assertThat(StateRecords.lease(fixture.cluster, NS, "orders")).isEmpty();
    }

    @Test
    void deleteKeepsPersistentVolumeClaimsFlinkHaConfigMapsAndTheStateRecord() {
        // given
        FlinkDeploymentHandle orders = withExtraObjects().apply(Specs.orders());
        haConfigMap();
        // when
        orders.delete();
        // then
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state"))
                .isPresent();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, "orders-cluster-config-map"))
                .isPresent();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState())).isPresent();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, "orders-extra")).isEmpty();
        assertThat(fixture.cluster.list(Deployment.class, NS)).isEmpty();
    }

    @Test
    void deleteEverythingRemovesPersistentVolumeClaimsFlinkHaConfigMapsAndTheStateRecord() {
        // given
        FlinkDeploymentHandle orders = withExtraObjects().apply(Specs.orders());
        haConfigMap();
        // when
        orders.delete(DeleteOptions.everything());
        // then
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state")).isEmpty();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, "orders-cluster-config-map"))
                .isEmpty();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState())).isEmpty();
    }

    private FlinkDeploymentHandle running(FlinkDeployer deployer) {
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        return orders;
    }

    private FlinkDeployer withExtraObjects() {
        Renderer withExtras = Renderer.of(RenderPipeline.standalone().with(new ExtraObjectsStep()));
        return fixture.deployer(fixture.options().renderer(withExtras).build());
    }

    /** A ConfigMap as Flink's Kubernetes HA services write one: Flink's labels, not the SDK's. */
    private void haConfigMap() {
        fixture.cluster
                .client()
                .configMaps()
                .inNamespace(NS)
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("orders-cluster-config-map")
                                .withLabels(
                                        Map.of(
                                                "app",
                                                NAMES.clusterId(),
                                                "configmap-type",
                                                "high-availability",
                                                "type",
                                                "flink-native-kubernetes"))
                                .endMetadata()
                                .addToData("checkpointID-0000000000000000007", "pointer")
                                .build())
                .create();
    }

    private SimulatedFlinkRuntime runtime() {
        return fixture.runtime(NS, "orders");
    }

    private java.util.List<String> jobManagerArgs() {
        return fixture.cluster
                .find(Deployment.class, NS, NAMES.jobManagerDeployment())
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs();
    }
}
