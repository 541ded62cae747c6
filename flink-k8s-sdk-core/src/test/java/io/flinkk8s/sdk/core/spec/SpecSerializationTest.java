package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

class SpecSerializationTest {

    static FlinkDeploymentSpec fullSpec() {
        return FlinkDeploymentSpec.named("orders")
                .edit()
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_1)
                .image("registry.example.com/orders:1.4.2")
                .imagePullPolicy(ImagePullPolicy.ALWAYS)
                .serviceAccount("orders-sa")
                .mode(DeploymentMode.APPLICATION)
                .target(RenderTarget.STANDALONE)
                .jobManager(
                        new JobManagerSpec(
                                2, new Resources(Cpu.of(0.5), Memory.parse("2g"), null), null))
                .taskManager(
                        new TaskManagerSpec(
                                3,
                                4,
                                new Resources(
                                        Cpu.parse("1500m"),
                                        Memory.parse("8Gi"),
                                        Memory.parse("10Gi")),
                                new PodTemplateSpecBuilder()
                                        .withNewSpec()
                                        .addNewToleration()
                                        .withKey("dedicated")
                                        .withValue("flink")
                                        .withEffect("NoSchedule")
                                        .endToleration()
                                        .endSpec()
                                        .build()))
                .job(
                        new JobSpec(
                                "local:///opt/flink/usrlib/orders.jar",
                                "com.acme.Orders",
                                List.of("--topic", "orders"),
                                12,
                                UpgradeMode.SAVEPOINT,
                                JobState.RUNNING,
                                "s3://bucket/sp/savepoint-1",
                                true))
                .checkpointing(
                        new CheckpointingSpec(
                                Duration.ofSeconds(30), "s3://bucket/cp", "s3://bucket/sp"))
                .highAvailability(HighAvailabilitySpec.kubernetes("s3://bucket/ha"))
                .flinkConfiguration(
                        Map.of(
                                "execution.checkpointing.num-retained",
                                "3",
                                "pipeline.name",
                                "orders"))
                .logConfiguration(Map.of("log4j-console.properties", "rootLogger.level = INFO\n"))
                .env(
                        List.of(
                                EnvVarSpec.literal("REGION", "eu-west-1"),
                                EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka", "password")))
                .labels(Map.of("team", "payments"))
                .annotations(Map.of("example.com/owner", "payments@example.com"))
                .security(new SecuritySpec(PodSecurity.RESTRICTED, 9999L, 9999L, 9999L))
                .build();
    }

    @Test
    void yamlRoundTripIsLossless() {
        FlinkDeploymentSpec spec = fullSpec();

        String yaml = SpecSerialization.toYaml(spec);

        assertThat(SpecSerialization.fromYaml(yaml)).isEqualTo(spec);
    }

    @Test
    void jsonRoundTripIsLossless() {
        FlinkDeploymentSpec spec = fullSpec();

        assertThat(SpecSerialization.fromJson(SpecSerialization.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void theOperatorSectionAndIngressReadFromYamlAndRoundTrip() {
        String yaml =
                """
                name: orders
                target: operator
                operator:
                  version: "1.16.0"
                  mode: standalone
                ingress:
                  template: "{{name}}.flink.example.com"
                  className: nginx
                  tls: [{hosts: [flink.example.com], secretName: flink-tls}]
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.operator())
                .isEqualTo(new OperatorSpec(OperatorVersion.V1_16, OperatorMode.STANDALONE));
        assertThat(spec.ingress().className()).isEqualTo("nginx");
        assertThat(spec.ingress().tls())
                .containsExactly(new IngressTls(List.of("flink.example.com"), "flink-tls"));
        assertThat(SpecSerialization.toYaml(spec)).contains("version: \"1.16\"");
        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
        assertThat(SpecSerialization.toYaml(FlinkDeploymentSpec.named("x")))
                .doesNotContain("operator", "ingress");
    }

    @Test
    void theRestorePolicyReadsFromYamlAndRoundTripsAndIsLeftOutWhenUnset() {
        String yaml =
                """
                name: orders
                restore:
                  from: latest-checkpoint-or-savepoint
                  maxAge: 24 h
                  whenTooOld: start-without-state
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.restore())
                .isEqualTo(
                        new RestorePolicy(
                                RestoreFrom.LATEST_CHECKPOINT_OR_SAVEPOINT,
                                Duration.ofHours(24),
                                StaleStateAction.START_WITHOUT_STATE));
        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
        assertThat(SpecSerialization.toYaml(FlinkDeploymentSpec.named("x")))
                .doesNotContain("restore");
        assertThatThrownBy(() -> SpecSerialization.fromYaml("name: x\nrestore: {from: latest}\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("restore.from: ")
                .hasMessageContaining("latest-savepoint");
    }

    @Test
    void anUnknownOperatorVersionNamesTheFieldAndTheVersionsThereAre() {
        assertThatThrownBy(
                        () -> SpecSerialization.fromYaml("name: x\noperator: {version: '1.9'}\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("operator.version: ")
                .hasMessageContaining("1.15")
                .hasMessageContaining("1.16");
    }

    @Test
    void minimalSpecRoundTripsAndWritesOnlyWhatIsSet() {
        FlinkDeploymentSpec spec = FlinkDeploymentSpec.named("tiny");

        String yaml = SpecSerialization.toYaml(spec);

        assertThat(yaml).isEqualTo("name: tiny\n");
        assertThat(SpecSerialization.fromYaml(yaml)).isEqualTo(spec);
    }

    @Test
    void writesOperatorFieldNamesAndWireValues() {
        String yaml = SpecSerialization.toYaml(fullSpec());

        assertThat(yaml)
                .contains("flinkVersion: v2_1")
                .contains("jarURI: local:///opt/flink/usrlib/orders.jar")
                .contains("upgradeMode: savepoint")
                .contains("imagePullPolicy: Always")
                .contains("serviceAccount: orders-sa")
                .contains("cpu: 0.5")
                .contains("interval: 30 s")
                .contains("type: kubernetes");
    }

    @Test
    void readsAnOperatorStyleSpec() {
        String yaml =
                """
                name: basic-example
                flinkVersion: v1_20
                image: flink:1.20
                serviceAccount: flink
                jobManager:
                  resource:
                    memory: "2048m"
                    cpu: 1
                taskManager:
                  resource:
                    memory: "2048m"
                    cpu: 1
                job:
                  jarURI: local:///opt/flink/examples/streaming/StateMachineExample.jar
                  parallelism: 2
                  upgradeMode: last-state
                  state: suspended
                flinkConfiguration:
                  taskmanager.numberOfTaskSlots: 2
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.flinkVersion()).isEqualTo(FlinkVersion.V1_20);
        assertThat(spec.jobManager().resource().cpu()).isEqualTo(Cpu.parse("1"));
        assertThat(spec.jobManager().resource().memory().bytes()).isEqualTo(2048L * 1024 * 1024);
        assertThat(spec.job().upgradeMode()).isEqualTo(UpgradeMode.LAST_STATE);
        assertThat(spec.job().state()).isEqualTo(JobState.SUSPENDED);
        assertThat(spec.flinkConfiguration()).containsEntry("taskmanager.numberOfTaskSlots", "2");
    }

    @Test
    void unknownFieldIsAnErrorNamingItsPath() {
        assertThatThrownBy(
                        () -> SpecSerialization.fromYaml("name: x\ntaskManager:\n  replicsa: 2\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("taskManager.replicsa: unknown field")
                .hasMessageContaining("replicas")
                .extracting(e -> ((SpecFormatException) e).path())
                .isEqualTo("taskManager.replicsa");
    }

    @Test
    void unknownEnumValueNamesFieldAndAllowedValues() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\njob:\n  upgradeMode: hot-swap\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("job.upgradeMode: ")
                .hasMessageContaining("[stateless, savepoint, last-state]")
                .hasMessageContaining("hot-swap");
    }

    @Test
    void wrongTypeNamesTheField() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\ntaskManager:\n  replicas: three\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("taskManager.replicas: ");
    }

    @Test
    void listWhereTextBelongsSaysWhichTypeWasExpected() {
        assertThatThrownBy(() -> SpecSerialization.fromYaml("name: [a, b]\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessage("name: must be a string, was a list");
    }

    @Test
    void badDurationNamesTheField() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\ncheckpointing:\n  interval: soon\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("checkpointing.interval: ")
                .hasMessageContaining("30s");
    }

    @Test
    void malformedYamlIsReportedWithLine() {
        assertThatThrownBy(() -> SpecSerialization.fromYaml("name: 'unterminated\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageContaining("not well-formed");
    }

    @Test
    void acceptsFlinkAndIsoDurations() {
        FlinkDeploymentSpec a =
                SpecSerialization.fromYaml("name: x\ncheckpointing:\n  interval: 1 min\n");
        FlinkDeploymentSpec b =
                SpecSerialization.fromYaml("name: x\ncheckpointing:\n  interval: PT60S\n");

        assertThat(a.checkpointing().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void memoryFromFlinkMemorySizeIsExactAndReadsBack() {
        Memory twoGig = Memory.of(MemorySize.parse("2g"));
        Memory odd = Memory.of(MemorySize.parse("1600m"));

        assertThat(twoGig.bytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(odd.bytes()).isEqualTo(1600L * 1024 * 1024);
        assertThat(odd.toQuantity().toString()).isEqualTo("1600Mi");
    }

    @Test
    void podTemplateIsDeepCopiedOnTheWayInAndOut() {
        var template =
                new PodTemplateSpecBuilder()
                        .withNewMetadata()
                        .addToLabels("a", "b")
                        .endMetadata()
                        .build();
        FlinkDeploymentSpec spec =
                FlinkDeploymentSpec.named("x")
                        .withTaskManager(new TaskManagerSpec(1, 1, null, template));

        template.getMetadata().getLabels().put("a", "mutated");
        spec.taskManager().podTemplate().getMetadata().getLabels().put("a", "mutated too");

        assertThat(spec.taskManager().podTemplate().getMetadata().getLabels())
                .containsEntry("a", "b");
    }
}
