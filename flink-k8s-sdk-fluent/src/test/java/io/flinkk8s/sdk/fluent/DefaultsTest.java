package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilityType;
import io.flinkk8s.sdk.core.spec.ImagePullPolicy;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** build() shows every default in the spec it returns; buildUnvalidated() only what was set. */
class DefaultsTest {

    private static final String JAR = "local:///opt/flink/usrlib/orders.jar";

    @Test
    void buildShowsEveryDefaultOfAMinimalApplication() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders").job(job -> job.jarURI(JAR)).build();

        assertThat(spec.namespace()).isEqualTo("default");
        assertThat(spec.flinkVersion()).isEqualTo(FlinkVersion.latest());
        assertThat(spec.image()).isEqualTo(FlinkVersion.latest().defaultImage());
        assertThat(spec.imagePullPolicy()).isEqualTo(ImagePullPolicy.IF_NOT_PRESENT);
        assertThat(spec.serviceAccount()).isNull();
        assertThat(spec.mode()).isEqualTo(DeploymentMode.APPLICATION);
        assertThat(spec.target()).isEqualTo(RenderTarget.STANDALONE);
        assertThat(spec.jobManager())
                .isEqualTo(
                        new JobManagerSpec(
                                1, new Resources(Cpu.of(1), Memory.parse("1600m"), null), null));
        assertThat(spec.taskManager())
                .isEqualTo(
                        new TaskManagerSpec(
                                1, 1, new Resources(Cpu.of(1), Memory.parse("1728m"), null), null));
        assertThat(spec.job())
                .isEqualTo(
                        new JobSpec(
                                JAR,
                                null,
                                List.of(),
                                null,
                                UpgradeMode.STATELESS,
                                JobState.RUNNING,
                                null,
                                false));
        assertThat(spec.highAvailability().type()).isEqualTo(HighAvailabilityType.NONE);
        assertThat(spec.security())
                .isEqualTo(new SecuritySpec(PodSecurity.RESTRICTED, 9999L, 9999L, 9999L));
    }

    @Test
    void buildReturnsExactlyTheEffectiveSpecOfWhatWasSet() {
        FlinkDeploymentBuilder builder = FlinkK8s.application("orders").job(job -> job.jarURI(JAR));

        assertThat(builder.build()).isEqualTo(SpecDefaults.apply(builder.buildUnvalidated()));
    }

    @Test
    void theDefaultImageFollowsTheChosenFlinkVersion() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .flinkVersion(FlinkVersion.V2_1)
                        .job(job -> job.jarURI(JAR))
                        .build();

        assertThat(spec.image()).isEqualTo("flink:2.1-java17");
    }

    @Test
    void aSessionClusterGetsNoJobAndSessionMode() {
        FlinkDeploymentSpec spec = FlinkK8s.session("shared").build();

        assertThat(spec.job()).isNull();
        assertThat(spec.mode()).isEqualTo(DeploymentMode.SESSION);
    }

    @Test
    void buildUnvalidatedAppliesNoDefaults() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders").job(job -> job.jarURI(JAR)).buildUnvalidated();

        assertThat(spec.namespace()).isNull();
        assertThat(spec.flinkVersion()).isNull();
        assertThat(spec.image()).isNull();
        assertThat(spec.imagePullPolicy()).isNull();
        assertThat(spec.target()).isNull();
        assertThat(spec.jobManager()).isEqualTo(JobManagerSpec.unset());
        assertThat(spec.taskManager()).isEqualTo(TaskManagerSpec.unset());
        assertThat(spec.job()).isEqualTo(JobSpec.ofJar(JAR));
        assertThat(spec.highAvailability().type()).isNull();
        assertThat(spec.security()).isEqualTo(SecuritySpec.unset());
    }

    @Test
    void setValuesAreNeverReplacedByDefaults() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .image("registry.example.com/orders:1")
                        .taskManagers(tm -> tm.replicas(3).memory("8g"))
                        .job(job -> job.jarURI(JAR).upgradeMode(UpgradeMode.LAST_STATE))
                        .checkpoints(cp -> cp.to("s3://bucket/cp"))
                        .highAvailability(ha -> ha.kubernetes("s3://bucket/ha"))
                        .security(s -> s.runAsUser(1000))
                        .build();

        assertThat(spec.image()).isEqualTo("registry.example.com/orders:1");
        assertThat(spec.taskManager().replicas()).isEqualTo(3);
        assertThat(spec.taskManager().resource().memory()).isEqualTo(Memory.parse("8g"));
        assertThat(spec.job().upgradeMode()).isEqualTo(UpgradeMode.LAST_STATE);
        assertThat(spec.security().runAsUser()).isEqualTo(1000L);
        assertThat(spec.security().runAsGroup()).isEqualTo(9999L);
    }
}
