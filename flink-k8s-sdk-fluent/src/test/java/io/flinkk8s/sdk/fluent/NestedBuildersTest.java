package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilityType;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effect of each nested builder's methods on its record. */
class NestedBuildersTest {

    @Test
    void jobBuilderSetsEveryJobField() {
        JobSpec job =
                FlinkK8s.application("orders")
                        .job(
                                j ->
                                        j.jarURI("local:///opt/flink/usrlib/orders.jar")
                                                .entryClass("com.acme.Orders")
                                                .args("--topic", "orders")
                                                .parallelism(12)
                                                .upgradeMode(UpgradeMode.LAST_STATE)
                                                .state(JobState.SUSPENDED)
                                                .initialSavepointPath("s3://bucket/sp/savepoint-1")
                                                .allowNonRestoredState(true))
                        .buildUnvalidated()
                        .job();

        assertThat(job)
                .isEqualTo(
                        new JobSpec(
                                "local:///opt/flink/usrlib/orders.jar",
                                "com.acme.Orders",
                                List.of("--topic", "orders"),
                                12,
                                UpgradeMode.LAST_STATE,
                                JobState.SUSPENDED,
                                "s3://bucket/sp/savepoint-1",
                                true));
    }

    @Test
    void argsReplaceAllArgumentsAndAddArgAppendsOne() {
        FlinkDeploymentBuilder builder =
                FlinkK8s.application("orders").job(j -> j.args("--a", "1").addArg("--b"));

        assertThat(builder.buildUnvalidated().job().args()).containsExactly("--a", "1", "--b");
        assertThat(builder.job(j -> j.args(List.of("--c"))).buildUnvalidated().job().args())
                .containsExactly("--c");
        assertThat(builder.job(j -> j.args((List<String>) null)).buildUnvalidated().job().args())
                .isEmpty();
    }

    @Test
    void checkpointingBuilderSetsIntervalAndDirectories() {
        CheckpointingSpec cp =
                FlinkK8s.application("orders")
                        .checkpoints(
                                c ->
                                        c.every(Duration.ofSeconds(30))
                                                .to("s3://bucket/cp")
                                                .savepointsTo("s3://bucket/sp"))
                        .buildUnvalidated()
                        .checkpointing();

        assertThat(cp)
                .isEqualTo(
                        new CheckpointingSpec(
                                Duration.ofSeconds(30), "s3://bucket/cp", "s3://bucket/sp"));
    }

    @Test
    void highAvailabilityKubernetesSetsTypeAndStorageDir() {
        HighAvailabilitySpec ha =
                FlinkK8s.application("orders")
                        .highAvailability(h -> h.kubernetes("s3://bucket/ha"))
                        .buildUnvalidated()
                        .highAvailability();

        assertThat(ha).isEqualTo(HighAvailabilitySpec.kubernetes("s3://bucket/ha"));
    }

    @Test
    void highAvailabilityNoneTurnsHaOffAndForgetsTheStorageDir() {
        HighAvailabilitySpec ha =
                FlinkK8s.from(Specs.statefulWithHighAvailability())
                        .highAvailability(h -> h.none())
                        .buildUnvalidated()
                        .highAvailability();

        assertThat(ha).isEqualTo(new HighAvailabilitySpec(HighAvailabilityType.NONE, null));
    }

    @Test
    void securityUnrestrictedOptsOutOfTheRestrictedStandardExplicitly() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"))
                        .security(s -> s.unrestricted())
                        .build();

        assertThat(spec.security().podSecurity()).isEqualTo(PodSecurity.NONE);
    }

    @Test
    void securityBuilderSetsTheStandardAndTheIds() {
        SecuritySpec security =
                FlinkK8s.from(Specs.withPodTemplates())
                        .security(
                                s -> s.restricted().runAsUser(1000).runAsGroup(2000).fsGroup(3000))
                        .buildUnvalidated()
                        .security();

        assertThat(security)
                .isEqualTo(new SecuritySpec(PodSecurity.RESTRICTED, 1000L, 2000L, 3000L));
    }

    @Test
    void jobManagerBuilderSetsReplicasAndPodTemplate() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .jobManager(jm -> jm.replicas(2).podTemplate(Specs.template("jm")))
                        .buildUnvalidated();

        assertThat(spec.jobManager().replicas()).isEqualTo(2);
        assertThat(spec.jobManager().podTemplate()).isEqualTo(Specs.template("jm"));
    }

    @Test
    void taskManagerBuilderSetsReplicasSlotsAndPodTemplate() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .taskManagers(
                                tm -> tm.replicas(3).slots(4).podTemplate(Specs.template("tm")))
                        .buildUnvalidated();

        assertThat(spec.taskManager().replicas()).isEqualTo(3);
        assertThat(spec.taskManager().taskSlots()).isEqualTo(4);
        assertThat(spec.taskManager().podTemplate()).isEqualTo(Specs.template("tm"));
    }
}
