package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.JobImpact.Kind;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job's impact in the plan on the operator target: the Flink Kubernetes Operator's own diff
 * classes (IGNORE, SCALE, UPGRADE, SAVEPOINT_REDEPLOY) of the FlinkDeployment change, with the
 * upgrade mode, are what the plan says.
 */
class OperatorPlanImpactIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer =
            fixture.deployer(fixture.options().clock(fixture.cluster.clock()).build());

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec orders() {
        return Specs.orders().withTarget(RenderTarget.OPERATOR);
    }

    private FlinkDeploymentHandle running(FlinkDeploymentSpec spec) {
        FlinkDeploymentHandle handle = deployer.apply(spec);
        handle.waitUntilRunning(WAIT);
        return handle;
    }

    @Test
    void anImageChangeInSavepointModePlansASavepointRedeployIntoTheSavepointDirectory() {
        // given
        running(orders());
        // when
        JobImpact impact =
                deployer.plan(
                                FlinkK8s.from(orders())
                                        .image("registry.example.com/orders:2.0")
                                        .build())
                        .jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.SAVEPOINT_REDEPLOY);
        assertThat(impact.reasons()).containsExactly("image");
        assertThat(impact.restore())
                .isEqualTo(
                        new RestoreSource(
                                RestoreSource.Type.NEW_SAVEPOINT,
                                "s3://flink/orders/savepoints",
                                null,
                                Duration.ZERO,
                                "the Flink Kubernetes Operator stops the job with it"));
    }

    @Test
    void aLabelChangeStaysOnTheFlinkDeploymentsMetadataSoTheOperatorIgnoresIt() {
        // The spec's labels go onto the FlinkDeployment's metadata, not into its pod templates; a
        // metadata change is no spec change for the operator (IGNORE).
        // given
        running(orders());
        // when
        JobImpact impact =
                deployer.plan(FlinkK8s.from(orders()).addLabel("team", "payments").build())
                        .jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.NONE);
        assertThat(impact.reasons()).containsExactly("labels.team");
    }

    @Test
    void aTaskManagerCountChangeInNativeModeChangesNothingTheOperatorReads() {
        // In native mode the FlinkDeployment carries the job's parallelism, not a TaskManager
        // count: Flink asks for the TaskManagers it needs, so the resource does not change.
        // given
        running(orders());
        // when
        JobImpact impact = deployer.plan(orders().withTaskManagerReplicas(4)).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.NONE);
        assertThat(impact.reasons()).containsExactly("taskManager.replicas");
    }

    @Test
    void aTaskManagerRangeChangeUnderTheOperatorsHpaPlansScale() {
        // given
        FlinkDeploymentSpec autoscaled = OperatorHpaIT.autoscaled();
        running(autoscaled);
        // when
        JobImpact impact =
                deployer.plan(
                                FlinkK8s.from(autoscaled)
                                        .autoscaling(a -> a.taskManagers(2, 10))
                                        .build())
                        .jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.SCALE);
        assertThat(impact.reasons()).containsExactly("autoscaling.maxTaskManagers");
        assertThat(impact.restore()).isNull();
    }

    @Test
    void aParallelismChangeInNativeModeIsAnUpgradeForTheOperator() {
        // given
        running(orders());
        // when
        JobImpact impact =
                deployer.plan(FlinkK8s.from(orders()).job(j -> j.parallelism(4)).build())
                        .jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.SAVEPOINT_REDEPLOY);
        assertThat(impact.reasons()).containsExactly("job.parallelism");
    }

    @Test
    void aStatelessUpgradePlansARestartWithoutState() {
        // given
        FlinkDeploymentSpec stateless =
                FlinkK8s.from(orders()).job(j -> j.upgradeMode(UpgradeMode.STATELESS)).build();
        running(stateless);
        // when
        JobImpact impact =
                deployer.plan(
                                FlinkK8s.from(stateless)
                                        .image("registry.example.com/orders:2.0")
                                        .build())
                        .jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.RESTART_STATELESS);
    }

    @Test
    void aSuspensionAndAResumePlanTheirKinds() {
        // given
        FlinkDeploymentHandle orders = running(orders());
        // when
        JobImpact suspend =
                deployer.plan(FlinkK8s.from(orders()).job(j -> j.state(JobState.SUSPENDED)).build())
                        .jobImpact();
        orders.suspend();
        JobImpact resume = deployer.plan(orders()).jobImpact();
        // then
        assertThat(suspend.kind()).isEqualTo(Kind.SUSPEND);
        assertThat(resume.kind()).isEqualTo(Kind.RESUME);
    }

    @Test
    void aSwitchOfTargetPlansARecreateThatSaysWhatIsLostAndThatTheApplyRefusesIt() {
        // given
        running(Specs.orders());
        // when
        JobImpact impact = deployer.plan(orders()).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.RECREATE);
        assertThat(impact.reasons()).contains("target");
        assertThat(impact.lost()).contains("running job ends");
        assertThat(impact.refusal()).contains("Suspend the job first");
    }

    @Test
    void aSwitchBetweenTheOperatorsNativeAndStandaloneModesPlansARecreateTheApplyRefuses() {
        // given
        running(orders());
        // when
        JobImpact impact = deployer.plan(OperatorHpaIT.autoscaled()).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.RECREATE);
        assertThat(impact.reasons()).contains("operator.mode");
        assertThat(impact.refusal())
                .contains("which the Flink Kubernetes Operator refuses on an existing resource");
    }
}
