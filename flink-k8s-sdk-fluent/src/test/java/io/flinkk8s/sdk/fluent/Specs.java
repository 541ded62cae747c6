package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.ImagePullPolicy;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
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
        return FlinkDeploymentSpec.named("orders")
                .edit()
                .job(JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar"))
                .build();
    }

    static FlinkDeploymentSpec statefulWithHighAvailability() {
        return FlinkDeploymentSpec.named("payments")
                .edit()
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_1)
                .image("registry.example.com/payments:3.0.1")
                .imagePullPolicy(ImagePullPolicy.ALWAYS)
                .serviceAccount("payments-sa")
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
                                null))
                .job(
                        new JobSpec(
                                "local:///opt/flink/usrlib/payments.jar",
                                "com.acme.Payments",
                                List.of("--topic", "payments"),
                                12,
                                UpgradeMode.LAST_STATE,
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
                                "payments"))
                .logConfiguration(Map.of("log4j-console.properties", "rootLogger.level = INFO\n"))
                .security(new SecuritySpec(PodSecurity.RESTRICTED, 1000L, 1000L, 2000L))
                .build();
    }

    static FlinkDeploymentSpec session() {
        return FlinkDeploymentSpec.named("shared-analytics")
                .edit()
                .namespace("analytics")
                .flinkVersion(FlinkVersion.V1_20)
                .mode(DeploymentMode.SESSION)
                .target(RenderTarget.OPERATOR)
                .taskManager(new TaskManagerSpec(4, 2, null, null))
                .build();
    }

    static FlinkDeploymentSpec withPodTemplates() {
        return FlinkDeploymentSpec.named("clicks")
                .edit()
                .jobManager(new JobManagerSpec(null, null, template("jm")))
                .taskManager(new TaskManagerSpec(null, null, null, template("tm")))
                .job(JobSpec.ofJar("local:///opt/flink/usrlib/clicks.jar"))
                .security(new SecuritySpec(PodSecurity.NONE, null, null, null))
                .podTemplate(template("base"))
                .build();
    }

    static FlinkDeploymentSpec withEnvLabelsAndAnnotations() {
        return FlinkDeploymentSpec.named("billing")
                .edit()
                .job(JobSpec.ofJar("local:///opt/flink/usrlib/billing.jar"))
                .env(
                        List.of(
                                EnvVarSpec.literal("REGION", "eu-west-1"),
                                EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka", "password"),
                                EnvVarSpec.fromConfigMap("LOG_LEVEL", "billing-settings", "level")))
                .labels(Map.of("team", "payments", "tier", "gold"))
                .annotations(Map.of("example.com/owner", "payments@example.com"))
                .build();
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
                .withDisruption(new DisruptionPolicy(null, "25%"))
                .withRestore(
                        new RestorePolicy(
                                RestoreFrom.LATEST_SAVEPOINT,
                                Duration.ofHours(6),
                                StaleStateAction.START_WITHOUT_STATE));
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
