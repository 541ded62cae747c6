package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.JobImpact.Kind;
import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plan says what an apply does to the job before anything is written (issue 15, item 1): its
 * kind, the spec fields that cause it, and the state a restart starts from, with its path and age.
 * The standalone target; the operator target is {@code OperatorPlanImpactIT}.
 */
class PlanImpactIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer =
            fixture.deployer(fixture.options().clock(fixture.cluster.clock()).build());

    @AfterEach
    void close() {
        fixture.close();
    }

    private FlinkDeploymentHandle running(FlinkDeploymentSpec spec) {
        FlinkDeploymentHandle handle = deployer.apply(spec);
        handle.waitUntilRunning(WAIT);
        return handle;
    }

    @Test
    void theFirstApplyPlansANewJobWithoutState() {
        // when
        JobImpact impact = deployer.plan(Specs.orders()).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.NEW_JOB);
        assertThat(impact.restore().type()).isEqualTo(RestoreSource.Type.NONE);
        assertThat(impact.toString())
                .isEqualTo("job: NEW_JOB\n  job starts without state (a new job)");
    }

    @Test
    void theFirstApplyOfASpecWithAnInitialSavepointPlansANewJobFromIt() {
        // given
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders())
                        .job(j -> j.initialSavepointPath("s3://flink/orders/savepoints/sp-1"))
                        .build();
        // when
        JobImpact impact = deployer.plan(spec).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.NEW_JOB);
        assertThat(impact.restore())
                .isEqualTo(
                        new RestoreSource(
                                RestoreSource.Type.SAVEPOINT,
                                "s3://flink/orders/savepoints/sp-1",
                                null,
                                null,
                                "job.initialSavepointPath"));
    }

    @Test
    void anImageChangeInSavepointModePlansASavepointRedeployIntoTheSavepointDirectory() {
        // given
        running(Specs.orders());
        // when
        ApplyPlan plan = deployer.plan(Specs.ordersImage("registry.example.com/orders:2.0"));
        // then
        JobImpact impact = plan.jobImpact();
        assertThat(impact.kind()).isEqualTo(Kind.SAVEPOINT_REDEPLOY);
        assertThat(impact.reasons()).containsExactly("image");
        assertThat(impact.restore().type()).isEqualTo(RestoreSource.Type.NEW_SAVEPOINT);
        assertThat(impact.restore().path()).isEqualTo("s3://flink/orders/savepoints");
        assertThat(impact.restore().age()).isEqualTo(Duration.ZERO);
        assertThat(impact.refused()).isFalse();
        assertThat(plan.toString())
                .contains(
                        "  job: SAVEPOINT_REDEPLOY (image)\n"
                                + "    job starts from a savepoint this apply takes first"
                                + " (stop-with-savepoint into s3://flink/orders/savepoints)");
    }

    @Test
    void aTaskManagerOnlyChangePlansScaleAndTheApplyRestartsNothing() {
        // given
        running(Specs.orders());
        FlinkDeploymentSpec four = Specs.orders().withTaskManagerReplicas(4);
        // when
        JobImpact impact = deployer.plan(four).jobImpact();
        Transition applied = deployer.apply(four).lastApply().orElseThrow().transition();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.SCALE);
        assertThat(impact.reasons()).containsExactly("taskManager.replicas");
        assertThat(impact.restore()).isNull();
        assertThat(applied).isEqualTo(Transition.NONE);
    }

    @Test
    void aChangeThatReachesNoPodPlansNone() {
        // given
        running(Specs.orders());
        FlinkDeploymentSpec budgeted =
                FlinkK8s.from(Specs.orders())
                        .disruption(d -> d.taskManagerMaxUnavailable(1))
                        .build();
        // when
        JobImpact impact = deployer.plan(budgeted).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.NONE);
        assertThat(impact.reasons())
                .containsExactly(
                        "disruption.jobManagerMaxUnavailable",
                        "disruption.taskManagerMaxUnavailable");
        assertThat(impact.restore()).isNull();
    }

    @Test
    void aLabelChangeStaysOffThePodTemplatesSoThePlanSaysTheJobIsNotTouched() {
        // given: the spec's labels go onto every object's metadata, not the pods (LabelChangeIT
        // applies it)
        running(Specs.orders());
        FlinkDeploymentSpec labelled =
                FlinkK8s.from(Specs.orders()).addLabel("team", "payments").build();
        // when
        JobImpact impact = deployer.plan(labelled).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.NONE);
        assertThat(impact.reasons()).containsExactly("labels.team");
        assertThat(impact.restore()).isNull();
    }

    @Test
    void aRepeatedSpecPlansNone() {
        // given
        running(Specs.orders());
        // when
        ApplyPlan plan = deployer.plan(Specs.orders());
        // then
        assertThat(plan.jobImpact())
                .isEqualTo(new JobImpact(Kind.NONE, List.of(), null, null, null));
        assertThat(plan.toString()).contains("\n  job: NONE");
    }

    @Test
    void aStatelessUpgradePlansARestartWithoutState() {
        // given
        FlinkDeploymentSpec stateless =
                FlinkK8s.from(Specs.orders())
                        .job(j -> j.upgradeMode(UpgradeMode.STATELESS))
                        .build();
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
        assertThat(impact.restore()).isEqualTo(RestoreSource.none("upgrade mode stateless"));
    }

    @Test
    void aLastStateUpgradePlansTheLatestCheckpointWithItsPathAndAge() {
        // given
        FlinkDeploymentSpec lastState =
                FlinkK8s.from(Specs.orders())
                        .job(j -> j.upgradeMode(UpgradeMode.LAST_STATE))
                        .build();
        running(lastState);
        FlinkJobManager flink = fixture.cluster.flink(NS, "orders");
        JobID job = flink.latestJob().orElseThrow().id();
        long id = flink.completeCheckpoint(job);
        fixture.cluster.advance(Duration.ofMinutes(3));
        // when
        JobImpact impact =
                deployer.plan(
                                FlinkK8s.from(lastState)
                                        .image("registry.example.com/orders:2.0")
                                        .build())
                        .jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.LAST_STATE_REDEPLOY);
        assertThat(impact.restore().type()).isEqualTo(RestoreSource.Type.CHECKPOINT);
        assertThat(impact.restore().path())
                .isEqualTo("s3://flink/orders/checkpoints/" + job + "/chk-" + id);
        assertThat(impact.restore().age()).isEqualTo(Duration.ofMinutes(3));
        assertThat(impact.toString())
                .contains(", 3 min 0 s old (Flink checkpoint statistics of job ");
    }

    @Test
    void aSuspendedJobPlansAResumeFromTheSavepointItStoppedAtWithItsAge() {
        // given
        FlinkDeploymentHandle orders = running(Specs.orders());
        orders.suspend();
        SavepointRecord taken = orders.status().lastSavepoint();
        fixture.cluster.advance(Duration.ofHours(5));
        // when
        JobImpact impact = deployer.plan(Specs.orders()).jobImpact();
        // then
        assertThat(impact.kind()).isEqualTo(Kind.RESUME);
        assertThat(impact.restore())
                .isEqualTo(
                        new RestoreSource(
                                RestoreSource.Type.SAVEPOINT,
                                taken.path(),
                                taken.takenAt(),
                                Duration.ofHours(5),
                                "state record; taken by SUSPEND"));
    }
}
