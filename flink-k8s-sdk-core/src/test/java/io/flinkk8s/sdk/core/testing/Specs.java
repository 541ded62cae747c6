package io.flinkk8s.sdk.core.testing;

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
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Valid specs for core tests; {@code spec.edit()} changes any field of one. Every fixture passes
 * the validator; a test changes one thing and expects exactly the violation it causes.
 */
public final class Specs {

    private Specs() {}

    /** An application cluster with only a name and a job jar; everything else is defaulted. */
    public static FlinkDeploymentSpec minimalApplication() {
        return FlinkDeploymentSpec.named("orders")
                .withJob(JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar"));
    }

    /**
     * The headline: a stateful application with Kubernetes HA and two JobManagers, three
     * TaskManagers with two slots each, parallelism 6, the SAVEPOINT upgrade mode, and checkpoint,
     * savepoint and HA directories.
     */
    public static FlinkDeploymentSpec statefulHa() {
        return FlinkDeploymentSpec.named("orders")
                .edit()
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_1)
                .image("registry.example.com/orders:1.4.2")
                .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
                .serviceAccount("orders-runner")
                .mode(DeploymentMode.APPLICATION)
                .target(RenderTarget.STANDALONE)
                .jobManager(
                        new JobManagerSpec(
                                2, new Resources(Cpu.of(1), Memory.parse("1600m"), null), null))
                .taskManager(
                        new TaskManagerSpec(
                                3,
                                2,
                                new Resources(
                                        Cpu.parse("1500m"),
                                        Memory.parse("4g"),
                                        Memory.parse("10Gi")),
                                null))
                .job(
                        new JobSpec(
                                "local:///opt/flink/usrlib/orders.jar",
                                "com.example.orders.OrdersJob",
                                List.of("--topic", "orders"),
                                6,
                                UpgradeMode.SAVEPOINT,
                                JobState.RUNNING,
                                null,
                                false))
                .checkpointing(
                        new CheckpointingSpec(
                                Duration.ofSeconds(30),
                                "s3://flink-state/orders/checkpoints",
                                "s3://flink-state/orders/savepoints"))
                .highAvailability(HighAvailabilitySpec.kubernetes("s3://flink-state/orders/ha"))
                .flinkConfiguration(Map.of("execution.checkpointing.num-retained", "3"))
                .logConfiguration(Map.of("log4j-console.properties", "rootLogger.level = INFO\n"))
                .env(
                        List.of(
                                EnvVarSpec.literal("KAFKA_BOOTSTRAP", "kafka:9092"),
                                EnvVarSpec.fromSecret(
                                        "KAFKA_PASSWORD", "kafka-credentials", "password")))
                .labels(Map.of("team", "payments"))
                .annotations(Map.of("example.com/owner", "payments@example.com"))
                .security(SecuritySpec.unset())
                .build();
    }

    /** A session cluster: two TaskManagers with four slots each, no job. */
    public static FlinkDeploymentSpec session() {
        return FlinkDeploymentSpec.named("analytics")
                .edit()
                .mode(DeploymentMode.SESSION)
                .taskManager(new TaskManagerSpec(2, 4, null, null))
                .build();
    }
}
