package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.ImagePullPolicy;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The effect of each top-level builder method on the record, seen through buildUnvalidated(). */
class FlinkDeploymentBuilderTest {

    private static FlinkDeploymentBuilder orders() {
        return FlinkK8s.application("orders");
    }

    @Test
    void scalarSettersSetTheirFields() {
        FlinkDeploymentSpec spec =
                orders().name("orders-v2")
                        .namespace("streaming")
                        .flinkVersion(FlinkVersion.V1_20)
                        .image("registry.example.com/orders:1.4.2")
                        .imagePullPolicy(ImagePullPolicy.ALWAYS)
                        .serviceAccount("orders-sa")
                        .target(RenderTarget.OPERATOR)
                        .buildUnvalidated();

        assertThat(spec.name()).isEqualTo("orders-v2");
        assertThat(spec.namespace()).isEqualTo("streaming");
        assertThat(spec.flinkVersion()).isEqualTo(FlinkVersion.V1_20);
        assertThat(spec.image()).isEqualTo("registry.example.com/orders:1.4.2");
        assertThat(spec.imagePullPolicy()).isEqualTo(ImagePullPolicy.ALWAYS);
        assertThat(spec.serviceAccount()).isEqualTo("orders-sa");
        assertThat(spec.target()).isEqualTo(RenderTarget.OPERATOR);
    }

    @Test
    void theOperatorVersionModeAndIngressAreSetAndCarriedOverByFrom() {
        FlinkDeploymentSpec spec =
                orders().target(RenderTarget.OPERATOR)
                        .operatorVersion(OperatorVersion.V1_16)
                        .operatorMode(OperatorMode.STANDALONE)
                        .ingress(IngressSpec.of("{{name}}.flink.example.com"))
                        .buildUnvalidated();

        assertThat(spec.operator())
                .isEqualTo(new OperatorSpec(OperatorVersion.V1_16, OperatorMode.STANDALONE));
        assertThat(spec.ingress()).isEqualTo(IngressSpec.of("{{name}}.flink.example.com"));
        assertThat(FlinkK8s.from(spec).buildUnvalidated()).isEqualTo(spec);
        assertThat(FlinkK8s.from(spec).operatorVersion(null).buildUnvalidated().operator())
                .isEqualTo(new OperatorSpec(null, OperatorMode.STANDALONE));
    }

    @Test
    void nullUnsetsAScalarSoThatItsDefaultAppliesAgain() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.statefulWithHighAvailability())
                        .namespace(null)
                        .image(null)
                        .imagePullPolicy(null)
                        .serviceAccount(null)
                        .build();

        assertThat(spec.namespace()).isEqualTo("default");
        assertThat(spec.image()).isEqualTo("flink:2.1-java17");
        assertThat(spec.imagePullPolicy()).isEqualTo(ImagePullPolicy.IF_NOT_PRESENT);
        assertThat(spec.serviceAccount()).isNull();
    }

    @Test
    void rawConfigKeysAreAddedOneByOneAndNullRemovesOne() {
        FlinkDeploymentSpec spec =
                orders().config("pipeline.name", "orders")
                        .config("state.backend.type", "rocksdb")
                        .config("table.exec.source.idle-timeout", "1 min")
                        .config("state.backend.type", null)
                        .buildUnvalidated();

        assertThat(spec.flinkConfiguration())
                .isEqualTo(
                        Map.of(
                                "pipeline.name", "orders",
                                "table.exec.source.idle-timeout", "1 min"));
    }

    @Test
    void flinkConfigurationReplacesEveryEntry() {
        FlinkDeploymentSpec spec =
                orders().config("pipeline.name", "orders")
                        .flinkConfiguration(Map.of("parallelism.default", "4"))
                        .buildUnvalidated();

        assertThat(spec.flinkConfiguration()).isEqualTo(Map.of("parallelism.default", "4"));
        assertThat(
                        orders().config("a", "b")
                                .flinkConfiguration(null)
                                .buildUnvalidated()
                                .flinkConfiguration())
                .isEmpty();
    }

    @Test
    void logConfigurationFilesAreAddedByNameOrReplacedWhole() {
        FlinkDeploymentBuilder builder =
                orders().logConfiguration("log4j-console.properties", "rootLogger.level = INFO\n")
                        .logConfiguration("logback-console.xml", "<configuration/>");

        assertThat(builder.buildUnvalidated().logConfiguration())
                .containsOnlyKeys("log4j-console.properties", "logback-console.xml")
                .containsEntry("log4j-console.properties", "rootLogger.level = INFO\n");
        assertThat(
                        builder.logConfiguration(Map.of("log4j.properties", "x"))
                                .buildUnvalidated()
                                .logConfiguration())
                .isEqualTo(Map.of("log4j.properties", "x"));
    }

    @Test
    void envVariablesAreAddedInOrderFromLiteralsSecretsAndConfigMaps() {
        FlinkDeploymentSpec spec =
                orders().addEnv("REGION", "eu-west-1")
                        .addEnvFromSecret("KAFKA_PASSWORD", "kafka", "password")
                        .addEnvFromConfigMap("LOG_LEVEL", "orders-settings", "level")
                        .addEnv(EnvVarSpec.literal("TZ", "UTC"))
                        .buildUnvalidated();

        assertThat(spec.env())
                .containsExactly(
                        EnvVarSpec.literal("REGION", "eu-west-1"),
                        EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka", "password"),
                        EnvVarSpec.fromConfigMap("LOG_LEVEL", "orders-settings", "level"),
                        EnvVarSpec.literal("TZ", "UTC"));
    }

    @Test
    void envReplacesEveryVariable() {
        FlinkDeploymentSpec spec =
                orders().addEnv("REGION", "eu-west-1")
                        .env(List.of(EnvVarSpec.literal("TZ", "UTC")))
                        .buildUnvalidated();

        assertThat(spec.env()).containsExactly(EnvVarSpec.literal("TZ", "UTC"));
    }

    @Test
    void labelsAndAnnotationsAreAddedOneByOneOrReplacedWhole() {
        FlinkDeploymentSpec spec =
                orders().addLabel("team", "payments")
                        .addLabel("tier", "gold")
                        .addLabel("tier", null)
                        .addAnnotation("example.com/owner", "payments@example.com")
                        .buildUnvalidated();
        FlinkDeploymentSpec replaced =
                FlinkK8s.from(spec)
                        .labels(Map.of("cost-center", "42"))
                        .annotations(Map.of("example.com/pager", "none"))
                        .buildUnvalidated();

        assertThat(spec.labels()).isEqualTo(Map.of("team", "payments"));
        assertThat(spec.annotations())
                .isEqualTo(Map.of("example.com/owner", "payments@example.com"));
        assertThat(replaced.labels()).isEqualTo(Map.of("cost-center", "42"));
        assertThat(replaced.annotations()).isEqualTo(Map.of("example.com/pager", "none"));
    }

    @Test
    void podTemplateIsCopiedSoLaterChangesToTheCallersObjectDoNotLeakIn() {
        // given
        PodTemplateSpec template = Specs.template("base");
        FlinkDeploymentBuilder builder = orders().podTemplate(template);

        // when
        template.getSpec().getNodeSelector().put("pool", "changed");

        // then
        assertThat(builder.buildUnvalidated().podTemplate()).isEqualTo(Specs.template("base"));
        assertThat(builder.podTemplate(null).buildUnvalidated().podTemplate()).isNull();
    }

    @Test
    void recordOverloadsSetEachPartAsGiven() {
        JobManagerSpec jm = new JobManagerSpec(1, new Resources(Cpu.of(1), null, null), null);
        TaskManagerSpec tm = new TaskManagerSpec(2, 3, null, Specs.template("tm"));
        JobSpec job = JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar").withParallelism(6);
        CheckpointingSpec cp = new CheckpointingSpec(Duration.ofMinutes(1), "s3://b/cp", null);
        HighAvailabilitySpec ha = HighAvailabilitySpec.kubernetes("s3://b/ha");
        SecuritySpec security = new SecuritySpec(PodSecurity.NONE, 1L, 2L, 3L);

        FlinkDeploymentSpec spec =
                orders().jobManager(jm)
                        .taskManagers(tm)
                        .job(job)
                        .checkpoints(cp)
                        .highAvailability(ha)
                        .security(security)
                        .buildUnvalidated();

        assertThat(spec.jobManager()).isEqualTo(jm);
        assertThat(spec.taskManager()).isEqualTo(tm);
        assertThat(spec.job()).isEqualTo(job);
        assertThat(spec.checkpointing()).isEqualTo(cp);
        assertThat(spec.highAvailability()).isEqualTo(ha);
        assertThat(spec.security()).isEqualTo(security);
    }

    @Test
    void aNullRecordUnsetsThePartAndANullJobRemovesTheJob() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.statefulWithHighAvailability())
                        .jobManager((JobManagerSpec) null)
                        .taskManagers((TaskManagerSpec) null)
                        .job((JobSpec) null)
                        .checkpoints((CheckpointingSpec) null)
                        .highAvailability((HighAvailabilitySpec) null)
                        .security((SecuritySpec) null)
                        .buildUnvalidated();

        assertThat(spec.jobManager()).isEqualTo(JobManagerSpec.unset());
        assertThat(spec.taskManager()).isEqualTo(TaskManagerSpec.unset());
        assertThat(spec.job()).isNull();
        assertThat(spec.checkpointing()).isEqualTo(CheckpointingSpec.none());
        assertThat(spec.highAvailability()).isEqualTo(HighAvailabilitySpec.none());
        assertThat(spec.security()).isEqualTo(SecuritySpec.unset());
    }

    @Test
    void aSessionBuilderGetsAJobOnlyWhenOneIsConfigured() {
        assertThat(FlinkK8s.session("s").buildUnvalidated().job()).isNull();
        assertThat(FlinkK8s.session("s").job(job -> job.parallelism(2)).buildUnvalidated().job())
                .isEqualTo(JobSpec.ofJar(null).withParallelism(2));
    }

    @Test
    void theBuilderDoesNotRejectGarbageSoThatTheValidatorCanReportIt() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("Not A DNS Name!")
                        .taskManagers(tm -> tm.replicas(0).slots(-1).memory("lots").cpu("many"))
                        .job(job -> job.parallelism(-3))
                        .buildUnvalidated();

        assertThat(spec.name()).isEqualTo("Not A DNS Name!");
        assertThat(spec.taskManager())
                .isEqualTo(
                        new TaskManagerSpec(
                                0,
                                -1,
                                new Resources(Cpu.parse("many"), Memory.parse("lots"), null),
                                null));
        assertThat(spec.job().parallelism()).isEqualTo(-3);
    }
}
