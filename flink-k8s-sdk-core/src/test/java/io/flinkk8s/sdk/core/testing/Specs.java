package io.flinkk8s.sdk.core.testing;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
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
import io.flinkk8s.sdk.core.spec.ProbePolicy;
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
 * Valid specs for core tests, and {@link #edit} to change any field of one. Every fixture passes
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
        return new FlinkDeploymentSpec(
                "orders",
                "streaming",
                FlinkVersion.V2_1,
                "registry.example.com/orders:1.4.2",
                ImagePullPolicy.IF_NOT_PRESENT,
                "orders-runner",
                DeploymentMode.APPLICATION,
                RenderTarget.STANDALONE,
                new JobManagerSpec(2, new Resources(Cpu.of(1), Memory.parse("1600m"), null), null),
                new TaskManagerSpec(
                        3,
                        2,
                        new Resources(Cpu.parse("1500m"), Memory.parse("4g"), Memory.parse("10Gi")),
                        null),
                new JobSpec(
                        "local:///opt/flink/usrlib/orders.jar",
                        "com.example.orders.OrdersJob",
                        List.of("--topic", "orders"),
                        6,
                        UpgradeMode.SAVEPOINT,
                        JobState.RUNNING,
                        null,
                        false),
                new CheckpointingSpec(
                        Duration.ofSeconds(30),
                        "s3://flink-state/orders/checkpoints",
                        "s3://flink-state/orders/savepoints"),
                HighAvailabilitySpec.kubernetes("s3://flink-state/orders/ha"),
                Map.of("execution.checkpointing.num-retained", "3"),
                Map.of("log4j-console.properties", "rootLogger.level = INFO\n"),
                List.of(
                        EnvVarSpec.literal("KAFKA_BOOTSTRAP", "kafka:9092"),
                        EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka-credentials", "password")),
                Map.of("team", "payments"),
                Map.of("example.com/owner", "payments@example.com"),
                SecuritySpec.unset(),
                null,
                null,
                null,
                null);
    }

    /** A session cluster: two TaskManagers with four slots each, no job. */
    public static FlinkDeploymentSpec session() {
        return edit(FlinkDeploymentSpec.named("analytics"))
                .mode(DeploymentMode.SESSION)
                .taskManager(new TaskManagerSpec(2, 4, null, null))
                .build();
    }

    /** A copy of {@code spec} to change field by field. */
    public static Editor edit(FlinkDeploymentSpec spec) {
        return new Editor(spec);
    }

    /** Changes any component of a spec; {@link #build()} makes the new spec. Test use only. */
    public static final class Editor {
        private String name;
        private String namespace;
        private FlinkVersion flinkVersion;
        private String image;
        private ImagePullPolicy imagePullPolicy;
        private String serviceAccount;
        private DeploymentMode mode;
        private RenderTarget target;
        private JobManagerSpec jobManager;
        private TaskManagerSpec taskManager;
        private JobSpec job;
        private CheckpointingSpec checkpointing;
        private HighAvailabilitySpec highAvailability;
        private Map<String, String> flinkConfiguration;
        private Map<String, String> logConfiguration;
        private List<EnvVarSpec> env;
        private Map<String, String> labels;
        private Map<String, String> annotations;
        private SecuritySpec security;
        private PodTemplateSpec podTemplate;
        private AutoscalingPolicy autoscaling;
        private ProbePolicy probes;
        private DisruptionPolicy disruption;

        private Editor(FlinkDeploymentSpec s) {
            name = s.name();
            namespace = s.namespace();
            flinkVersion = s.flinkVersion();
            image = s.image();
            imagePullPolicy = s.imagePullPolicy();
            serviceAccount = s.serviceAccount();
            mode = s.mode();
            target = s.target();
            jobManager = s.jobManager();
            taskManager = s.taskManager();
            job = s.job();
            checkpointing = s.checkpointing();
            highAvailability = s.highAvailability();
            flinkConfiguration = s.flinkConfiguration();
            logConfiguration = s.logConfiguration();
            env = s.env();
            labels = s.labels();
            annotations = s.annotations();
            security = s.security();
            podTemplate = s.podTemplate();
            autoscaling = s.autoscaling();
            probes = s.probes();
            disruption = s.disruption();
        }

        public Editor name(String value) {
            name = value;
            return this;
        }

        public Editor namespace(String value) {
            namespace = value;
            return this;
        }

        public Editor image(String value) {
            image = value;
            return this;
        }

        public Editor serviceAccount(String value) {
            serviceAccount = value;
            return this;
        }

        public Editor mode(DeploymentMode value) {
            mode = value;
            return this;
        }

        public Editor jobManager(JobManagerSpec value) {
            jobManager = value;
            return this;
        }

        public Editor taskManager(TaskManagerSpec value) {
            taskManager = value;
            return this;
        }

        public Editor job(JobSpec value) {
            job = value;
            return this;
        }

        public Editor checkpointing(CheckpointingSpec value) {
            checkpointing = value;
            return this;
        }

        public Editor highAvailability(HighAvailabilitySpec value) {
            highAvailability = value;
            return this;
        }

        public Editor flinkConfiguration(Map<String, String> value) {
            flinkConfiguration = value;
            return this;
        }

        public Editor logConfiguration(Map<String, String> value) {
            logConfiguration = value;
            return this;
        }

        public Editor env(List<EnvVarSpec> value) {
            env = value;
            return this;
        }

        public Editor labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Editor annotations(Map<String, String> value) {
            annotations = value;
            return this;
        }

        public Editor security(SecuritySpec value) {
            security = value;
            return this;
        }

        public Editor flinkVersion(FlinkVersion value) {
            flinkVersion = value;
            return this;
        }

        public Editor target(RenderTarget value) {
            target = value;
            return this;
        }

        public Editor podTemplate(PodTemplateSpec value) {
            podTemplate = value;
            return this;
        }

        public Editor autoscaling(AutoscalingPolicy value) {
            autoscaling = value;
            return this;
        }

        public Editor probes(ProbePolicy value) {
            probes = value;
            return this;
        }

        public Editor disruption(DisruptionPolicy value) {
            disruption = value;
            return this;
        }

        public FlinkDeploymentSpec build() {
            return new FlinkDeploymentSpec(
                    name,
                    namespace,
                    flinkVersion,
                    image,
                    imagePullPolicy,
                    serviceAccount,
                    mode,
                    target,
                    jobManager,
                    taskManager,
                    job,
                    checkpointing,
                    highAvailability,
                    flinkConfiguration,
                    logConfiguration,
                    env,
                    labels,
                    annotations,
                    security,
                    podTemplate,
                    autoscaling,
                    probes,
                    disruption);
        }
    }
}
