package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.JobImpact.Kind;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.fluent.RestoreBuilder;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spec's restore policy (issue 15, item 2): what a restart may start from and how old that
 * state may be, honoured by resume and upgrades and shown in the plan; a refused restart writes
 * nothing and leaves the job as it was.
 */
class RestorePolicyIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String V2 = "registry.example.com/orders:2.0";

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer =
            fixture.deployer(fixture.options().clock(fixture.cluster.clock()).build());

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec orders(Consumer<RestoreBuilder> restore) {
        return FlinkK8s.from(Specs.orders()).restore(restore).build();
    }

    /** Runs {@code spec}, suspends it, and lets {@code age} pass: its savepoint is that old. */
    private SavepointRecord suspendedFor(FlinkDeploymentSpec spec, Duration age) {
        FlinkDeploymentHandle orders = deployer.apply(spec);
        orders.waitUntilRunning(WAIT);
        orders.suspend();
        fixture.cluster.advance(age);
        return orders.status().lastSavepoint();
    }

    @Test
    void aResumeFromAStateOlderThanMaxAgeIsRefusedBeforeAnythingIsWritten() {
        // given
        FlinkDeploymentSpec spec = orders(r -> r.maxAge(Duration.ofHours(1)));
        SavepointRecord taken = suspendedFor(spec, Duration.ofHours(2));
        // when
        JobImpact planned = deployer.plan(spec).jobImpact();
        fixture.cluster.requests().reset();
        // then
        assertThat(planned.kind()).isEqualTo(Kind.RESUME);
        assertThat(planned.refusal())
                .startsWith(
                        "the restore policy refuses the resume: savepoint "
                                + taken.path()
                                + " is 2 h 0 min old, over restore.maxAge 1 h");
        assertThat(planned.toString()).contains("REFUSED: the restore policy refuses the resume");
        assertThatThrownBy(() -> deployer.apply(spec))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("Nothing was applied to streaming/orders")
                .hasMessageContaining("raise restore.maxAge")
                .hasMessageEndingWith("The job stays suspended.");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(deployer.handle(NS, "orders").status().lifecycle())
                .isEqualTo(Lifecycle.SUSPENDED);
    }

    @Test
    void onTheOperatorTargetAResumeFromASavepointOlderThanMaxAgeIsRefusedBeforeAnythingIsWritten() {
        // given: suspended through the operator, which recorded its savepoint, two hours ago
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders().withTarget(RenderTarget.OPERATOR))
                        .restore(r -> r.maxAge(Duration.ofHours(1)))
                        .build();
        FlinkDeploymentHandle orders = deployer.apply(spec);
        orders.waitUntilRunning(WAIT);
        orders.suspend();
        fixture.cluster.advance(Duration.ofHours(2));
        // when
        JobImpact planned = deployer.plan(spec).jobImpact();
        fixture.cluster.requests().reset();
        // then
        assertThat(planned.kind()).isEqualTo(Kind.RESUME);
        assertThat(planned.refusal())
                .startsWith("the restore policy refuses the resume: savepoint ")
                .contains("over restore.maxAge 1 h");
        assertThatThrownBy(() -> deployer.apply(spec))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("Nothing was applied to streaming/orders")
                .hasMessageEndingWith("The job stays suspended.");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(deployer.handle(NS, "orders").status().lifecycle())
                .isEqualTo(Lifecycle.SUSPENDED);
    }

    @Test
    void anAllowedFallbackResumesWithoutStateSaysSoInThePlanAndKeepsTheSavepoint() {
        // given
        FlinkDeploymentSpec spec =
                orders(r -> r.maxAge(Duration.ofHours(1)).startWithoutStateWhenTooOld());
        SavepointRecord taken = suspendedFor(spec, Duration.ofHours(2));
        // when
        JobImpact planned = deployer.plan(spec).jobImpact();
        FlinkDeploymentHandle orders = deployer.apply(spec);
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(planned.kind()).isEqualTo(Kind.RESUME);
        assertThat(planned.refused()).isFalse();
        assertThat(planned.restore().type()).isEqualTo(RestoreSource.Type.NONE);
        assertThat(planned.toString())
                .contains(
                        "job starts without state (restore policy: savepoint "
                                + taken.path()
                                + " is 2 h 0 min old, over restore.maxAge 1 h and"
                                + " restore.whenTooOld is start-without-state");
        assertThat(orders.lastApply().orElseThrow().transition()).isEqualTo(Transition.RESUME);
        SimulatedFlinkRuntime flink = fixture.runtime(NS, "orders");
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).isEmpty();
        assertThat(jobManagerArgs()).doesNotContain("--fromSavepoint");
        assertThat(orders.status().lastSavepoint()).isEqualTo(taken);
        assertThat(deployer.plan(spec).jobImpact().kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void aStateWithinMaxAgeResumesFromItsSavepoint() {
        // given
        FlinkDeploymentSpec spec = orders(r -> r.maxAge(Duration.ofHours(1)));
        SavepointRecord taken = suspendedFor(spec, Duration.ofMinutes(30));
        // when
        JobImpact planned = deployer.plan(spec).jobImpact();
        FlinkDeploymentHandle orders = deployer.apply(spec);
        orders.waitUntilRunning(WAIT);
        // then
        assertThat(planned.restore().path()).isEqualTo(taken.path());
        assertThat(planned.restore().age()).isEqualTo(Duration.ofMinutes(30));
        SimulatedFlinkRuntime flink = fixture.runtime(NS, "orders");
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).contains(taken.path());
    }

    @Test
    void anUpgradeOfAFailedJobWhoseLatestSavepointIsTooOldIsRefusedAndWritesNothing() {
        // given
        FlinkDeploymentSpec spec = orders(r -> r.maxAge(Duration.ofHours(1)));
        FlinkDeploymentHandle orders = deployer.apply(spec);
        orders.waitUntilRunning(WAIT);
        SavepointRecord manual = orders.triggerSavepoint();
        fixture.cluster.advance(Duration.ofHours(3));
        SimulatedFlinkRuntime flink = fixture.runtime(NS, "orders");
        JobID job = flink.jobs().get(0).id();
        flink.failJob(job, "boom");
        FlinkDeploymentSpec v2 = FlinkK8s.from(spec).image(V2).build();
        // when
        JobImpact planned = deployer.plan(v2).jobImpact();
        fixture.cluster.requests().reset();
        // then
        assertThat(planned.kind()).isEqualTo(Kind.SAVEPOINT_REDEPLOY);
        assertThat(planned.refusal())
                .contains(
                        "savepoint "
                                + manual.path()
                                + " is 3 h 0 min old, over restore.maxAge 1 h");
        assertThatThrownBy(() -> deployer.apply(v2))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("the restore policy refuses the upgrade");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(image()).isEqualTo("registry.example.com/orders:1.0");
    }

    @Test
    void restoreFromNoneTakesTheSavepointButStartsTheNewJobWithoutState() {
        // given
        FlinkDeploymentSpec spec = orders(r -> r.from(RestoreFrom.NONE));
        deployer.apply(spec).waitUntilRunning(WAIT);
        FlinkDeploymentSpec v2 = FlinkK8s.from(spec).image(V2).build();
        // when
        JobImpact planned = deployer.plan(v2).jobImpact();
        ApplyResult result = deployer.apply(v2).lastApply().orElseThrow();
        // then
        assertThat(planned.restore()).isEqualTo(RestoreSource.none("restore.from is none"));
        assertThat(result.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        SimulatedFlinkRuntime flink = fixture.runtime(NS, "orders");
        assertThat(flink.jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(flink.restoredFrom(flink.jobs().get(0).id())).isEmpty();
        assertThat(deployer.handle(NS, "orders").status().lastSavepoint().reason())
                .isEqualTo(SavepointRecord.Reason.UPGRADE);
        assertThat(deployer.plan(v2).jobImpact().kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void aLastStateRedeployWhoseLatestCheckpointIsTooOldIsRefusedAndTheJobKeepsRunning() {
        // given
        FlinkDeploymentSpec lastState =
                FlinkK8s.from(Specs.orders())
                        .job(j -> j.upgradeMode(UpgradeMode.LAST_STATE))
                        .restore(r -> r.maxAge(Duration.ofMinutes(10)))
                        .build();
        deployer.apply(lastState).waitUntilRunning(WAIT);
        SimulatedFlinkRuntime flink = fixture.runtime(NS, "orders");
        JobID job = flink.jobs().get(0).id();
        flink.completeCheckpoint(job);
        fixture.cluster.advance(Duration.ofMinutes(30));
        FlinkDeploymentSpec v2 = FlinkK8s.from(lastState).image(V2).build();
        // when
        JobImpact planned = deployer.plan(v2).jobImpact();
        fixture.cluster.requests().reset();
        // then
        assertThat(planned.kind()).isEqualTo(Kind.LAST_STATE_REDEPLOY);
        assertThat(planned.refusal())
                .startsWith(
                        "the restore policy refuses the redeploy: checkpoint s3://flink/orders/checkpoints/")
                .contains("is 30 min 0 s old, over restore.maxAge 10 min");
        assertThatThrownBy(() -> deployer.apply(v2))
                .isInstanceOf(UpgradeException.class)
                .hasMessageEndingWith("The running job was left as it is.");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(fixture.runtime(NS, "orders").job(job).orElseThrow().status())
                .isEqualTo(JobStatus.RUNNING);
        assertThat(image()).isEqualTo("registry.example.com/orders:1.0");
    }

    private String image() {
        return fixture.cluster
                .find(Deployment.class, NS, ResourceNames.of("orders").jobManagerDeployment())
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
                .find(Deployment.class, NS, ResourceNames.of("orders").jobManagerDeployment())
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs();
    }
}
