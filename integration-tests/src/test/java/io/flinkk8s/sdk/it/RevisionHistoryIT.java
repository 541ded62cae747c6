package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Ending;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The revision history in the cluster (issue 15, item 3): each applied spec with what its job
 * started from and how it ended, bounded, kept by delete, read by any deployer; and a rollback to a
 * revision from the savepoint recorded when it ended.
 */
class RevisionHistoryIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlinkDeploymentSpec V1 = Specs.orders();
    private static final FlinkDeploymentSpec V2 =
            Specs.ordersImage("registry.example.com/orders:2.0");
    private static final FlinkDeploymentSpec V3 =
            Specs.ordersImage("registry.example.com/orders:3.0");

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = deployer(fixture.options());

    @AfterEach
    void close() {
        fixture.close();
    }

    private FlinkDeployer deployer(DeployOptions.Builder options) {
        return fixture.deployer(options.clock(fixture.cluster.clock()).build());
    }

    /** Applies each spec in turn, waiting until its job runs; returns the last handle. */
    private FlinkDeploymentHandle applyInTurn(FlinkDeployer by, FlinkDeploymentSpec... specs) {
        FlinkDeploymentHandle handle = null;
        for (FlinkDeploymentSpec spec : specs) {
            handle = by.apply(spec);
            handle.waitUntilRunning(WAIT);
            fixture.cluster.advance(Duration.ofMinutes(1));
        }
        return handle;
    }

    private List<String> savepointPaths(FlinkDeploymentHandle orders) {
        return orders.status().savepoints().stream().map(SavepointRecord::path).toList();
    }

    @Test
    void threeAppliedVersionsAreThreeRevisionsNewestFirstWithTheStateEachStartedFrom() {
        // when
        FlinkDeploymentHandle orders = applyInTurn(deployer, V1, V2, V3);
        // then
        List<String> savepoints = savepointPaths(orders);
        List<Revision> history = orders.history();
        assertThat(history).extracting(Revision::number).containsExactly(3, 2, 1);
        assertThat(history)
                .extracting(Revision::image)
                .containsExactly(
                        "registry.example.com/orders:3.0",
                        "registry.example.com/orders:2.0",
                        "registry.example.com/orders:1.0");
        assertThat(history)
                .extracting(Revision::startedFrom)
                .containsExactly(
                        new Start(Start.Kind.SAVEPOINT, savepoints.get(1)),
                        new Start(Start.Kind.SAVEPOINT, savepoints.get(0)),
                        Start.of(Start.Kind.NONE));
        assertThat(history).extracting(Revision::fieldManager).containsOnly("flink-k8s-sdk");
        assertThat(history.get(0).spec()).isEqualTo(V3);
        assertThat(history.get(0).current()).isTrue();
        assertThat(history.get(2).ending())
                .extracting(Ending::kind, Ending::byRevision, Ending::savepoint)
                .containsExactly(Ending.Kind.SUPERSEDED, 2, savepoints.get(0));
        assertThat(history.get(1).endSavepoint()).contains(savepoints.get(1));
        assertThat(history.get(2).appliedAt()).isBefore(history.get(1).appliedAt());
        assertThatThrownBy(() -> history.add(history.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theHistoryKeepsTheConfiguredNumberOfRevisionsDroppingTheOldest() {
        // given
        FlinkDeployer keepsTwo = deployer(fixture.options().revisionHistoryLimit(2));
        // when
        FlinkDeploymentHandle orders = applyInTurn(keepsTwo, V1, V2, V3);
        // then
        assertThat(orders.history()).extracting(Revision::number).containsExactly(3, 2);
    }

    @Test
    void aReApplyOfTheUnchangedSpecAddsNoRevision() {
        // given
        applyInTurn(deployer, V1, V2);
        // when
        FlinkDeploymentHandle orders = deployer(fixture.options()).apply(V2);
        // then
        assertThat(orders.history()).extracting(Revision::number).containsExactly(2, 1);
    }

    @Test
    void aRollbackToRevisionOneStartsFromTheSavepointTheUpgradeFromOneToTwoTook() {
        // given
        FlinkDeploymentHandle orders = applyInTurn(deployer, V1, V2, V3);
        String oneToTwo = savepointPaths(orders).get(0);
        // when
        var result = orders.rollback(1);
        // then
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        SimulatedFlinkRuntime flink = fixture.runtime(NS, "orders");
        assertThat(flink.jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).contains(oneToTwo);
        assertThat(orders.spec()).isEqualTo(V1);
        String threeStopped = savepointPaths(orders).get(2);
        List<Revision> history = orders.history();
        assertThat(history).extracting(Revision::number).containsExactly(4, 3, 2, 1);
        assertThat(history.get(0).rollbackOf()).isEqualTo(1);
        assertThat(history.get(0).startedFrom())
                .isEqualTo(new Start(Start.Kind.SAVEPOINT, oneToTwo));
        assertThat(history.get(0).spec()).isEqualTo(V1);
        assertThat(history.get(1).ending())
                .extracting(Ending::kind, Ending::byRevision, Ending::savepoint)
                .containsExactly(Ending.Kind.ROLLED_BACK, 4, threeStopped);
    }

    @Test
    void aRollbackToAnUnknownRevisionFailsNamingTheRevisionsAndWritesNothing() {
        // given
        FlinkDeploymentHandle orders = applyInTurn(deployer, V1, V2);
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.rollback(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("back to revision 7: no such revision is kept")
                .hasMessageContaining("The state record keeps revisions 2, 1.");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void aRollbackToARevisionThatEndedWithoutASavepointFailsBeforeAnyWrite() {
        // given: a TaskManager count is no restart, so no savepoint ends revision 1
        FlinkDeploymentHandle orders = applyInTurn(deployer, V1);
        orders.scale(4);
        fixture.cluster.requests().reset();
        // when / then
        assertThat(orders.history())
                .extracting(Revision::startedFrom)
                .first()
                .isEqualTo(Start.of(Start.Kind.NOT_RESTARTED));
        assertThatThrownBy(() -> orders.rollback(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it ended SUPERSEDED without a recorded savepoint")
                .hasMessageContaining("Revisions with a savepoint to roll back to: none.");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void aRollbackToASavepointOlderThanMaxAgeIsRefusedAndTheJobKeepsRunning() {
        // given
        FlinkDeploymentSpec v1 =
                FlinkK8s.from(V1).restore(r -> r.maxAge(Duration.ofHours(1))).build();
        FlinkDeploymentSpec v2 = FlinkK8s.from(v1).image("registry.example.com/orders:2.0").build();
        FlinkDeploymentHandle orders = applyInTurn(deployer, v1, v2);
        fixture.cluster.advance(Duration.ofHours(2));
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.rollback(1))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("the restore policy refuses the rollback to revision 1")
                .hasMessageContaining("over restore.maxAge 1 h");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(orders.spec()).isEqualTo(v2);
    }

    @Test
    void aNewVersionThatFailsIsARolledBackRevisionFollowedByTheRollback() {
        // given
        applyInTurn(deployer, V1);
        fixture.cluster
                .flink(NS, "orders")
                .failApplicationJobsOfImage("registry.example.com/orders:broken");
        // when
        assertThatThrownBy(
                        () ->
                                deployer.apply(
                                        Specs.ordersImage("registry.example.com/orders:broken")))
                .isInstanceOf(UpgradeException.class);
        // then
        List<Revision> history = deployer.handle(NS, "orders").history();
        assertThat(history).extracting(Revision::number).containsExactly(3, 2, 1);
        assertThat(history.get(0).rollbackOf()).isEqualTo(1);
        assertThat(history.get(0).spec()).isEqualTo(V1);
        assertThat(history.get(1).image()).isEqualTo("registry.example.com/orders:broken");
        assertThat(history.get(1).ending().kind()).isEqualTo(Ending.Kind.ROLLED_BACK);
        assertThat(history.get(1).ending().cause()).isNotBlank();
    }

    @Test
    void aNewDeployerReadsTheSameHistoryFromTheCluster() {
        // given
        List<Revision> written = applyInTurn(deployer, V1, V2).history();
        // when
        List<Revision> read = deployer(fixture.options()).handle(NS, "orders").history();
        // then
        assertThat(read).isEqualTo(written).hasSize(2);
    }

    @Test
    void deleteKeepsTheHistoryAndEndsTheCurrentRevisionUnlessAskedToDeleteEverything() {
        // given
        FlinkDeploymentHandle orders = applyInTurn(deployer, V1, V2);
        // when
        orders.delete();
        // then
        List<Revision> kept = orders.history();
        assertThat(kept).extracting(Revision::number).containsExactly(2, 1);
        assertThat(kept.get(0).ending().kind()).isEqualTo(Ending.Kind.DELETED);
        // and a new apply of the same spec is a new revision
        assertThat(deployer.apply(V2).history())
                .extracting(Revision::number)
                .containsExactly(3, 2, 1);
        deployer.handle(NS, "orders").delete(DeleteOptions.everything());
        assertThat(deployer.handle(NS, "orders").history()).isEmpty();
    }

    private static FlinkDeploymentSpec onOperator(FlinkDeploymentSpec spec) {
        return spec.withTarget(RenderTarget.OPERATOR);
    }

    private SimulatedJob operatorJob() {
        return fixture.cluster.flink(NS, "orders").latestJob().orElseThrow();
    }

    @Test
    void theOperatorTargetRecordsTheSavepointEachOperatorUpgradeStartedFrom() {
        // given
        deployer.apply(onOperator(V1)).waitUntilRunning(WAIT);
        fixture.cluster.advance(Duration.ofMinutes(1));
        FlinkDeploymentHandle orders = deployer.apply(onOperator(V2));
        orders.waitUntilRunning(WAIT);
        String oneToTwo =
                fixture.cluster.flink(NS, "orders").restoredFrom(operatorJob().id()).get();
        fixture.cluster.advance(Duration.ofMinutes(1));
        // when
        deployer.apply(onOperator(V3)).waitUntilRunning(WAIT);
        // then
        List<Revision> history = orders.history();
        assertThat(history).extracting(Revision::number).containsExactly(3, 2, 1);
        assertThat(history)
                .extracting(Revision::startedFrom)
                .containsExactly(
                        Start.of(Start.Kind.BY_OPERATOR),
                        new Start(Start.Kind.SAVEPOINT, oneToTwo),
                        Start.of(Start.Kind.NONE));
        assertThat(history.get(2).endSavepoint()).contains(oneToTwo);
        assertThat(history.get(0).spec()).isEqualTo(onOperator(V3));
    }

    @Test
    void anOperatorTargetRollbackRedeploysTheRevisionFromTheSavepointItEndedWith() {
        // given
        deployer.apply(onOperator(V1)).waitUntilRunning(WAIT);
        fixture.cluster.advance(Duration.ofMinutes(1));
        FlinkDeploymentHandle orders = deployer.apply(onOperator(V2));
        orders.waitUntilRunning(WAIT);
        String oneToTwo =
                fixture.cluster.flink(NS, "orders").restoredFrom(operatorJob().id()).get();
        fixture.cluster.advance(Duration.ofMinutes(1));
        deployer.apply(onOperator(V3)).waitUntilRunning(WAIT);
        SimulatedJob three = operatorJob();
        // when
        var result = orders.rollback(1);
        fixture.cluster.settle();
        orders.waitUntilRunning(WAIT);
        // then: the operator started revision 1's spec from the savepoint 1 -> 2 took
        SimulatedJob rolledBack = operatorJob();
        assertThat(rolledBack.id()).isNotEqualTo(three.id());
        assertThat(rolledBack.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.cluster.flink(NS, "orders").restoredFrom(rolledBack.id()))
                .contains(oneToTwo);
        assertThat(result.changedCluster()).isTrue();
        GenericKubernetesResource cr =
                fixture.cluster
                        .client()
                        .genericKubernetesResources("flink.apache.org/v1beta1", "FlinkDeployment")
                        .inNamespace(NS)
                        .withName("orders")
                        .get();
        assertThat(cr.<String>get("spec", "image")).isEqualTo("registry.example.com/orders:1.0");
        assertThat(cr.<String>get("spec", "job", "initialSavepointPath")).isEqualTo(oneToTwo);
        assertThat(cr.<Number>get("spec", "job", "savepointRedeployNonce").longValue())
                .isEqualTo(4L);
        // and the running job of revision 3 was stopped only after a savepoint of it was taken
        List<SavepointRecord> savepoints = orders.status().savepoints();
        SavepointRecord ofThree = savepoints.get(savepoints.size() - 1);
        assertThat(ofThree.reason()).isEqualTo(SavepointRecord.Reason.UPGRADE);
        assertThat(ofThree.jobId()).isEqualTo(three.id().toHexString());
        // and the history shows the rollback, with revision 1's spec as applied
        List<Revision> history = orders.history();
        assertThat(history).extracting(Revision::number).containsExactly(4, 3, 2, 1);
        assertThat(history.get(0).rollbackOf()).isEqualTo(1);
        assertThat(history.get(0).spec()).isEqualTo(onOperator(V1));
        assertThat(history.get(0).startedFrom())
                .isEqualTo(new Start(Start.Kind.SAVEPOINT, oneToTwo));
        assertThat(history.get(1).ending())
                .extracting(Ending::kind, Ending::byRevision, Ending::savepoint)
                .containsExactly(Ending.Kind.ROLLED_BACK, 4, ofThree.path());
        assertThat(orders.spec()).isEqualTo(onOperator(V1));
    }

    @Test
    void anOperatorTargetRollbackToAnUnknownRevisionFailsAndWritesNothing() {
        // given
        deployer.apply(onOperator(V1)).waitUntilRunning(WAIT);
        fixture.cluster.advance(Duration.ofMinutes(1));
        FlinkDeploymentHandle orders = deployer.apply(onOperator(V2));
        orders.waitUntilRunning(WAIT);
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.rollback(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("back to revision 7: no such revision is kept")
                .hasMessageContaining("The state record keeps revisions 2, 1.");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void anOperatorTargetRollbackToASavepointOlderThanMaxAgeIsRefusedBeforeAnyWrite() {
        // given
        FlinkDeploymentSpec v1 =
                onOperator(FlinkK8s.from(V1).restore(r -> r.maxAge(Duration.ofHours(1))).build());
        FlinkDeploymentSpec v2 =
                onOperator(FlinkK8s.from(v1).image("registry.example.com/orders:2.0").build());
        deployer.apply(v1).waitUntilRunning(WAIT);
        fixture.cluster.advance(Duration.ofMinutes(1));
        FlinkDeploymentHandle orders = deployer.apply(v2);
        orders.waitUntilRunning(WAIT);
        SimulatedJob two = operatorJob();
        fixture.cluster.advance(Duration.ofHours(2));
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> orders.rollback(1))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("the restore policy refuses the rollback to revision 1")
                .hasMessageContaining("over restore.maxAge 1 h");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(orders.spec()).isEqualTo(v2);
        assertThat(operatorJob().id()).isEqualTo(two.id());
    }

    @Test
    void aRetriedOperatorRollbackDoesNotRedeployTwiceAndTheNextApplyLeavesTheJobRunning() {
        // given: a rollback written to the FlinkDeployment whose state record write was lost
        deployer.apply(onOperator(V1)).waitUntilRunning(WAIT);
        fixture.cluster.advance(Duration.ofMinutes(1));
        FlinkDeploymentHandle orders = deployer.apply(onOperator(V2));
        orders.waitUntilRunning(WAIT);
        var states =
                fixture.cluster.client().configMaps().inNamespace(NS).withName("orders-sdk-state");
        var before = states.get().getData();
        orders.rollback(1);
        fixture.cluster.settle();
        orders.waitUntilRunning(WAIT);
        SimulatedJob rolledBack = operatorJob();
        int savepointsTaken = fixture.cluster.flink(NS, "orders").savepoints().size();
        states.edit(
                cm -> {
                    cm.setData(before);
                    return cm;
                });
        // when
        orders.rollback(1);
        fixture.cluster.settle();
        // then: the same nonce, so no second redeploy and no second savepoint
        assertThat(operatorJob().id()).isEqualTo(rolledBack.id());
        assertThat(fixture.cluster.flink(NS, "orders").savepoints()).hasSize(savepointsTaken);
        assertThat(orders.history()).extracting(Revision::number).containsExactly(3, 2, 1);
        // and applying revision 1's spec again drops the nonce, which the operator ignores
        deployer.apply(onOperator(V1));
        fixture.cluster.settle();
        assertThat(operatorJob().id()).isEqualTo(rolledBack.id());
        assertThat(operatorJob().status()).isEqualTo(JobStatus.RUNNING);
    }
}
