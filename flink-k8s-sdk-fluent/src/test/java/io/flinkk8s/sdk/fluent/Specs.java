package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.spec.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.ImagePullPolicy;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.MetricSignal;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.ProbePolicy;
import io.flinkk8s.sdk.core.spec.ProbeSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.ScalingRules;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.SelectPolicy;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Valid specs written with the core records' constructors (not with the DSL under test), as a
 * user's YAML would produce them: some fields set, most left to the defaults.
 */
final class Specs {

    private Specs() {}

    static FlinkDeploymentSpec minimalApplication() {
        return new FlinkDeploymentSpec(
                "orders",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static FlinkDeploymentSpec statefulWithHighAvailability() {
        return new FlinkDeploymentSpec(
                "payments",
                "streaming",
                FlinkVersion.V2_1,
                "registry.example.com/payments:3.0.1",
                ImagePullPolicy.ALWAYS,
                "payments-sa",
                DeploymentMode.APPLICATION,
                RenderTarget.STANDALONE,
                new JobManagerSpec(2, new Resources(Cpu.of(0.5), Memory.parse("2g"), null), null),
                new TaskManagerSpec(
                        3,
                        4,
                        new Resources(
                                Cpu.parse("1500m"), Memory.parse("8Gi"), Memory.parse("10Gi")),
                        null),
                new JobSpec(
                        "local:///opt/flink/usrlib/payments.jar",
                        "com.acme.Payments",
                        List.of("--topic", "payments"),
                        12,
                        UpgradeMode.LAST_STATE,
                        JobState.RUNNING,
                        "s3://bucket/sp/savepoint-1",
                        true),
                new CheckpointingSpec(Duration.ofSeconds(30), "s3://bucket/cp", "s3://bucket/sp"),
                HighAvailabilitySpec.kubernetes("s3://bucket/ha"),
                Map.of("execution.checkpointing.num-retained", "3", "pipeline.name", "payments"),
                Map.of("log4j-console.properties", "rootLogger.level = INFO\n"),
                null,
                null,
                null,
                new SecuritySpec(PodSecurity.RESTRICTED, 1000L, 1000L, 2000L),
                null,
                null,
                null,
                null);
    }

    static FlinkDeploymentSpec session() {
        return new FlinkDeploymentSpec(
                "shared-analytics",
                "analytics",
                FlinkVersion.V1_20,
                null,
                null,
                null,
                DeploymentMode.SESSION,
                RenderTarget.OPERATOR,
                null,
                new TaskManagerSpec(4, 2, null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static FlinkDeploymentSpec withPodTemplates() {
        return new FlinkDeploymentSpec(
                "clicks",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new JobManagerSpec(null, null, template("jm")),
                new TaskManagerSpec(null, null, null, template("tm")),
                JobSpec.ofJar("local:///opt/flink/usrlib/clicks.jar"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new SecuritySpec(PodSecurity.NONE, null, null, null),
                template("base"),
                null,
                null,
                null);
    }

    static FlinkDeploymentSpec withEnvLabelsAndAnnotations() {
        return new FlinkDeploymentSpec(
                "billing",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                JobSpec.ofJar("local:///opt/flink/usrlib/billing.jar"),
                null,
                null,
                null,
                null,
                List.of(
                        EnvVarSpec.literal("REGION", "eu-west-1"),
                        EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka", "password"),
                        EnvVarSpec.fromConfigMap("LOG_LEVEL", "billing-settings", "level")),
                Map.of("team", "payments", "tier", "gold"),
                Map.of("example.com/owner", "payments@example.com"),
                null,
                null,
                null,
                null,
                null);
    }

    /** An autoscaled application with adjusted probes and disruption budgets. */
    static FlinkDeploymentSpec withPolicies() {
        AutoscalingPolicy autoscaling =
                new AutoscalingPolicy(
                        null,
                        2,
                        10,
                        null,
                        null,
                        70,
                        null,
                        List.of(MetricSignal.external("lag", Map.of("group", "clicks"), "10k")),
                        new ScalingRules(Duration.ofMinutes(1), null, null),
                        new ScalingRules(
                                Duration.ofMinutes(15),
                                List.of(ScalingPolicy.pods(1, Duration.ofMinutes(10))),
                                SelectPolicy.MIN),
                        Duration.ofMinutes(3),
                        null);
        ProbePolicy probes =
                new ProbePolicy(
                        null,
                        ProbeSpec.httpGet("/overview", "rest"),
                        null,
                        null,
                        ProbeSpec.disabled(),
                        ProbeSpec.exec(List.of("/bin/true")));
        return FlinkDeploymentSpec.named("clicks")
                .withJob(JobSpec.ofJar("local:///opt/flink/usrlib/clicks.jar"))
                .withFlinkConfiguration(Map.of("restart-strategy.type", "exponential-delay"))
                .withAutoscaling(autoscaling)
                .withProbes(probes)
                .withDisruption(new DisruptionPolicy(null, "25%"));
    }

    static PodTemplateSpec template(String nodePool) {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addToNodeSelector("pool", nodePool)
                .addNewToleration()
                .withKey("dedicated")
                .withValue("flink")
                .withEffect("NoSchedule")
                .endToleration()
                .endSpec()
                .build();
    }
}
