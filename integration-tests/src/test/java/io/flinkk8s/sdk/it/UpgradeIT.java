package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upgrades by mode: savepoint, failures, rollback, and an interrupted upgrade finished later. */
class UpgradeIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlinkDeploymentSpec V2 =
            Specs.ordersImage("registry.example.com/orders:2.0");

    private final DeployFixture fixture = new DeployFixture();
    private FlinkDeployer deployer;
    private FlinkDeploymentHandle orders;
    private SimulatedFlinkRuntime v1;
    private JobID v1Job;

    @BeforeEach
    void runVersionOne() {
        deployer = fixture.deployer();
        orders = deployer.apply(Specs.orders());
        orders.waitUntilRunning(WAIT);
        v1 = runtime();
        v1Job = v1.jobs().get(0).id();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void savepointUpgradeRestartsTheNewVersionFromTheSavepointItRecorded() {
        // when
        ApplyResult result = deployer.apply(V2).lastApply().orElseThrow();
        // then
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        assertThat(v1.job(v1Job).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
        String savepoint = v1.savepoints().get(0).path();
        SimulatedFlinkRuntime v2 = runtime();
        assertThat(v2.restoredFrom(v2.jobs().get(0).id())).contains(savepoint);
        assertThat(v2.jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(image(NAMES.jobManagerDeployment()))
                .isEqualTo("registry.example.com/orders:2.0");
        assertThat(jobManagerArgs()).containsSequence("--fromSavepoint", savepoint);
        DeploymentStatus status = orders.status();
        assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(status.upgradeStep()).isNull();
        assertThat(status.lastSavepoint())
                .extracting(SavepointRecord::path, SavepointRecord::reason, SavepointRecord::jobId)
                .containsExactly(savepoint, SavepointRecord.Reason.UPGRADE, v1Job.toHexString());
    }

    @Test
    void theUpgradedSpecAppliedAgainWritesNothing() {
        // given
        deployer.apply(V2);
        fixture.cluster.requests().reset();
        // when
        ApplyResult again = fixture.deployer().apply(V2).lastApply().orElseThrow();
        // then
        assertThat(again.transition()).isEqualTo(Transition.NONE);
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void aFailedSavepointRedeploysNothingAndLeavesTheOldJobRunning() {
        // given
        v1.failNextSavepoint();
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> deployer.apply(V2))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("stop-with-savepoint of job " + v1Job + " failed")
                .hasMessageContaining("failNextSavepoint")
                .hasMessageContaining("Nothing was redeployed; the old job keeps running");
        assertThat(v1.job(v1Job).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(image(NAMES.jobManagerDeployment()))
                .isEqualTo("registry.example.com/orders:1.0");
        assertThat(fixture.cluster.requests().writes())
                .as("only the upgrade lease and the state record's claim, and their release")
                .extracting(ApiRequest::verb, ApiRequest::resource, ApiRequest::name)
                .containsExactly(
                        tuple(ApiVerb.CREATE, "leases", NAMES.upgradeLease()),
                        tuple(ApiVerb.UPDATE, "configmaps", NAMES.sdkState()),
                        tuple(ApiVerb.UPDATE, "configmaps", NAMES.sdkState()),
                        tuple(ApiVerb.UPDATE, "leases", NAMES.upgradeLease()));
        assertThat(orders.status().upgradeStep()).isNull();
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void aSavepointThatTimesOutRedeploysNothingAndKeepsTheUpgradeClaimed() {
        // given: no REST answer can arrive within a nanosecond
        FlinkDeployer impatient =
                fixture.deployer(fixture.options().savepointTimeout(Duration.ofNanos(1)).build());
        // when / then
        assertThatThrownBy(() -> impatient.apply(V2))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("redeployed nothing")
                .hasMessageContaining("did not complete within PT0.000000001S")
                .hasMessageContaining("stays recorded as SAVEPOINT_IN_PROGRESS");
        assertThat(image(NAMES.jobManagerDeployment()))
                .isEqualTo("registry.example.com/orders:1.0");
        assertThat(orders.status().upgradeStep()).isEqualTo(UpgradeStep.SAVEPOINT_IN_PROGRESS);
    }

    @Test
    void anUpgradeThatAnotherDeployerClaimedFirstChangesNothing() {
        // given: the state record changes between this deployer's read and its claim
        fixture.cluster.faults().failNextRequest(ApiVerb.UPDATE, "configmaps", 409);
        // when / then
        assertThatThrownBy(() -> deployer.apply(V2))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("another deployer changed its state record first");
        assertThat(v1.job(v1Job).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(image(NAMES.jobManagerDeployment()))
                .isEqualTo("registry.example.com/orders:1.0");
    }

    @Test
    void aNewVersionThatFailsIsRolledBackFromTheSameSavepoint() {
        // given
        fixture.cluster
                .flink(NS, "orders")
                .failApplicationJobsOfImage("registry.example.com/orders:broken");
        FlinkDeploymentSpec broken = Specs.ordersImage("registry.example.com/orders:broken");
        // when / then
        assertThatThrownBy(() -> deployer.apply(broken))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("did not become ready")
                .hasMessageContaining("rolled back to the previous spec")
                .hasMessageContaining("the previous version runs again");
        String savepoint = v1.savepoints().get(0).path();
        SimulatedFlinkRuntime rolledBack = runtime();
        assertThat(image(NAMES.jobManagerDeployment()))
                .isEqualTo("registry.example.com/orders:1.0");
        assertThat(rolledBack.jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(rolledBack.restoredFrom(rolledBack.jobs().get(0).id())).contains(savepoint);
        assertThat(orders.spec().image()).isEqualTo("registry.example.com/orders:1.0");
        assertThat(orders.status().upgradeStep()).isNull();
    }

    @Test
    void withoutRollbackAFailedNewVersionStaysAndSaysSo() {
        // given
        fixture.cluster
                .flink(NS, "orders")
                .failApplicationJobsOfImage("registry.example.com/orders:broken");
        FlinkDeployer noRollback =
                fixture.deployer(fixture.options().rollbackOnFailure(false).build());
        // when / then
        assertThatThrownBy(
                        () ->
                                noRollback.apply(
                                        Specs.ordersImage("registry.example.com/orders:broken")))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("It was not rolled back");
        assertThat(image(NAMES.jobManagerDeployment()))
                .isEqualTo("registry.example.com/orders:broken");
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.FAILED);
    }

    @Test
    void theDeployerThatWasInterruptedFinishesItsOwnUpgradeAtOnce() {
        // given
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "deployments", 422);
        assertThatThrownBy(() -> deployer.apply(V2)).isInstanceOf(UpgradeException.class);
        fixture.cluster.faults().clearApiFaults();
        // when
        ApplyResult result = deployer.apply(V2).lastApply().orElseThrow();
        // then
        assertThat(result.transition()).isEqualTo(Transition.RESUMED_UPGRADE);
        assertThat(runtime().restoredFrom(runtime().jobs().get(0).id()))
                .contains(v1.savepoints().get(0).path());
    }

    @Test
    void anUpgradeAbandonedBeforeItsSavepointWhileTheJobStillRunsStartsOver() throws Exception {
        // given: a deployer claimed the upgrade and died before Flink stopped the job
        StateRecords.claimedByADeadDeployer(
                fixture.cluster, V2, v1Job.toHexString(), Instant.now().minus(Duration.ofHours(2)));
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.UPGRADING);
        // when
        ApplyResult result = fixture.deployer().apply(V2).lastApply().orElseThrow();
        // then
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        String savepoint = v1.savepoints().get(0).path();
        assertThat(runtime().restoredFrom(runtime().jobs().get(0).id())).contains(savepoint);
        assertThat(orders.status().upgradeStep()).isNull();
    }

    @Test
    void anUpgradeAbandonedAfterAnUnrecordedSavepointAsksForThePathThenFinishesFromIt()
            throws Exception {
        // given: the dead deployer's stop-with-savepoint completed, its path was never recorded
        StateRecords.claimedByADeadDeployer(
                fixture.cluster, V2, v1Job.toHexString(), Instant.now().minus(Duration.ofHours(2)));
        String savepoint;
        try (FlinkJobClient flink = FlinkJobClient.connect(v1.restAddress(), WAIT)) {
            savepoint = flink.stopWithSavepoint(v1Job, "s3://flink/orders/savepoints", WAIT);
        }
        FlinkDeployer fresh = fixture.deployer();
        // when / then
        assertThatThrownBy(() -> fresh.apply(V2))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("the savepoint's path was not recorded")
                .hasMessageContaining("apply the spec with job.initialSavepointPath set to it");
        ApplyResult result =
                fresh.apply(FlinkK8s.from(V2).job(j -> j.initialSavepointPath(savepoint)).build())
                        .lastApply()
                        .orElseThrow();
        assertThat(result.transition()).isEqualTo(Transition.RESUMED_UPGRADE);
        assertThat(runtime().restoredFrom(runtime().jobs().get(0).id())).contains(savepoint);
    }

    @Test
    void statelessUpgradeRedeploysWithoutASavepoint() {
        // given
        FlinkDeploymentSpec stateless =
                FlinkK8s.from(Specs.orders())
                        .job(j -> j.upgradeMode(UpgradeMode.STATELESS))
                        .build();
        deployer.apply(stateless);
        // when
        ApplyResult result =
                deployer.apply(
                                FlinkK8s.from(stateless)
                                        .image("registry.example.com/orders:2.0")
                                        .build())
                        .lastApply()
                        .orElseThrow();
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(result.transition()).isEqualTo(Transition.REDEPLOY);
        assertThat(v1.savepoints()).isEmpty();
        assertThat(runtime().restoredFrom(runtime().jobs().get(0).id())).isEmpty();
    }

    @Test
    void thePlanSaysWhichSavepointTheJobStartsFrom() {
        // given: the running job started without state
        assertThat(deployer.plan(Specs.orders()).jobStart())
                .isEqualTo(new ApplyPlan.JobStart(ApplyPlan.JobStart.Source.NONE, null, null));
        // when
        ApplyPlan before = deployer.plan(V2);
        ApplyPlan applied = deployer.apply(V2).lastApply().orElseThrow().plan();
        ApplyPlan after = deployer.plan(V2);
        // then
        SavepointRecord taken = orders.status().lastSavepoint();
        assertThat(before.jobStart().source()).isEqualTo(ApplyPlan.JobStart.Source.NEW_SAVEPOINT);
        assertThat(before.restoreSavepoint()).isEmpty();
        assertThat(before.toString())
                .contains("job starts from a savepoint this apply takes first");
        assertThat(applied.restoreSavepoint()).contains(taken.path());
        assertThat(after.jobStart())
                .isEqualTo(
                        new ApplyPlan.JobStart(
                                ApplyPlan.JobStart.Source.STATE_RECORD, taken.path(), taken));
    }

    @Test
    void upgradeThroughTheHandleNeedsTheSameDeployment() {
        assertThatThrownBy(() -> orders.upgrade(FlinkK8s.from(V2).name("payments").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got a spec for streaming/payments");
    }

    private SimulatedFlinkRuntime runtime() {
        return fixture.runtime(NS, "orders");
    }

    private String image(String deployment) {
        return fixture.cluster
                .find(Deployment.class, NS, deployment)
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage();
    }

    private List<String> jobManagerArgs() {
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
