package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A second lambda merges; a record replaces; builders are templates; consumers compose. */
class MergeAndTemplateTest {

    private static final String JAR = "local:///opt/flink/usrlib/orders.jar";

    @Test
    void aSecondTaskManagersLambdaMergesIntoTheFirst() {
        TaskManagerSpec tm =
                FlinkK8s.application("orders")
                        .taskManagers(t -> t.replicas(3).memory("8g"))
                        .taskManagers(t -> t.slots(4).cpu(2))
                        .buildUnvalidated()
                        .taskManager();

        assertThat(tm)
                .isEqualTo(
                        new TaskManagerSpec(
                                3, 4, new Resources(Cpu.of(2), Memory.parse("8g"), null), null));
    }

    @Test
    void aSecondLambdaChangesOnlyWhatItSetsInEveryNestedPart() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .jobManager(jm -> jm.cpu(1))
                        .jobManager(jm -> jm.memory("2g"))
                        .job(job -> job.jarURI(JAR))
                        .job(job -> job.upgradeMode(UpgradeMode.SAVEPOINT))
                        .checkpoints(cp -> cp.every(Duration.ofSeconds(30)))
                        .checkpoints(cp -> cp.to("s3://bucket/cp"))
                        .highAvailability(ha -> ha.kubernetes("s3://bucket/ha"))
                        .highAvailability(ha -> {})
                        .security(s -> s.runAsUser(1000))
                        .security(s -> s.unrestricted())
                        .buildUnvalidated();

        assertThat(spec.jobManager().resource())
                .isEqualTo(new Resources(Cpu.of(1), Memory.parse("2g"), null));
        assertThat(spec.job()).isEqualTo(JobSpec.ofJar(JAR).withUpgradeMode(UpgradeMode.SAVEPOINT));
        assertThat(spec.checkpointing())
                .isEqualTo(new CheckpointingSpec(Duration.ofSeconds(30), "s3://bucket/cp", null));
        assertThat(spec.highAvailability())
                .isEqualTo(HighAvailabilitySpec.kubernetes("s3://bucket/ha"));
        assertThat(spec.security())
                .isEqualTo(new SecuritySpec(PodSecurity.NONE, 1000L, null, null));
    }

    @Test
    void aLambdaAfterARecordMergesIntoThatRecord() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .job(JobSpec.ofJar(JAR))
                        .job(job -> job.parallelism(6))
                        .buildUnvalidated();

        assertThat(spec.job()).isEqualTo(JobSpec.ofJar(JAR).withParallelism(6));
    }

    @Test
    void aRecordReplacesWhatEarlierLambdasSet() {
        JobManagerSpec replacement = JobManagerSpec.unset().withReplicas(2);

        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .jobManager(jm -> jm.cpu(4).memory("4g"))
                        .jobManager(replacement)
                        .buildUnvalidated();

        assertThat(spec.jobManager()).isEqualTo(replacement);
    }

    @Test
    void aReusableTaskManagerConsumerComposesWithAPerDeploymentOne() {
        // given: a platform's standard sizing, kept as a value
        Consumer<TaskManagerBuilder> tenantSizing = tm -> tm.slots(2).cpu(1).memory("4g");

        // when
        TaskManagerSpec viaTwoCalls =
                FlinkK8s.application("a")
                        .taskManagers(tenantSizing)
                        .taskManagers(tm -> tm.replicas(5))
                        .buildUnvalidated()
                        .taskManager();
        TaskManagerSpec viaAndThen =
                FlinkK8s.application("b")
                        .taskManagers(tenantSizing.andThen(tm -> tm.replicas(5).memory("6g")))
                        .buildUnvalidated()
                        .taskManager();

        // then
        assertThat(viaTwoCalls)
                .isEqualTo(
                        new TaskManagerSpec(
                                5, 2, new Resources(Cpu.of(1), Memory.parse("4g"), null), null));
        assertThat(viaAndThen)
                .isEqualTo(
                        new TaskManagerSpec(
                                5, 2, new Resources(Cpu.of(1), Memory.parse("6g"), null), null));
    }

    @Test
    void eachBuildReturnsANewSpecThatLaterBuilderChangesDoNotReach() {
        // given
        FlinkDeploymentBuilder template =
                FlinkK8s.application("orders-eu")
                        .job(job -> job.jarURI(JAR).addArg("--region=eu"))
                        .taskManagers(tm -> tm.replicas(2))
                        .addLabel("team", "payments")
                        .config("pipeline.name", "orders")
                        .addEnv("REGION", "eu");
        FlinkDeploymentSpec eu = template.build();

        // when
        FlinkDeploymentSpec us =
                template.name("orders-us")
                        .job(job -> job.args("--region=us"))
                        .taskManagers(tm -> tm.replicas(4))
                        .addLabel("team", "growth")
                        .config("pipeline.name", "orders-us")
                        .addEnv("TZ", "UTC")
                        .build();

        // then
        assertThat(eu.name()).isEqualTo("orders-eu");
        assertThat(eu.job().args()).containsExactly("--region=eu");
        assertThat(eu.taskManager().replicas()).isEqualTo(2);
        assertThat(eu.labels()).containsEntry("team", "payments");
        assertThat(eu.flinkConfiguration()).containsEntry("pipeline.name", "orders");
        assertThat(eu.env()).hasSize(1);
        assertThat(us.name()).isEqualTo("orders-us");
        assertThat(us.job().args()).containsExactly("--region=us");
        assertThat(us.taskManager().replicas()).isEqualTo(4);
        assertThat(us.env()).hasSize(2);
    }

    @Test
    void buildingTwiceGivesEqualButSeparateSpecs() {
        FlinkDeploymentBuilder builder = FlinkK8s.from(Specs.statefulWithHighAvailability());

        FlinkDeploymentSpec first = builder.build();
        FlinkDeploymentSpec second = builder.build();

        assertThat(first).isEqualTo(second).isNotSameAs(second);
    }
}
