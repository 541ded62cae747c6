package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.MetricSignal;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.spec.scheduling.NodeRequirement;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.scheduling.TaskManagerSpread;
import io.flinkk8s.sdk.core.spec.scheduling.TolerationSpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Specs and inputs for render tests: the three sample specs (minimal application, stateful HA
 * application, session), the same with {@code target: operator}, and the {@link Rendering} a
 * built-in step is handed in the standalone pipeline.
 */
public final class RenderFixtures {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private RenderFixtures() {}

    /** An application with only a name and a jar: everything else is a default. */
    public static FlinkDeploymentSpec minimalApplication() {
        return FlinkDeploymentSpec.named("orders")
                .withJob(JobSpec.ofJar("local:///opt/flink/usrlib/orders.jar"));
    }

    /** A stateful application with Kubernetes HA, checkpoints, env from a Secret, labels. */
    public static FlinkDeploymentSpec statefulHaApplication() {
        return FlinkDeploymentSpec.named("payments")
                .edit()
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_3)
                .image("registry.example.com/payments:1.4.2")
                .imagePullPolicy(ImagePullPolicy.ALWAYS)
                .mode(DeploymentMode.APPLICATION)
                .jobManager(
                        new JobManagerSpec(
                                1, new Resources(Cpu.of(1), Memory.parse("2g"), null), null))
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
                                "local:///opt/flink/usrlib/payments.jar",
                                "com.example.Payments",
                                List.of("--topic", "payments"),
                                6,
                                UpgradeMode.SAVEPOINT,
                                JobState.RUNNING,
                                null,
                                false))
                .checkpointing(
                        new CheckpointingSpec(
                                Duration.ofSeconds(30),
                                "s3://flink/payments/checkpoints",
                                "s3://flink/payments/savepoints"))
                .highAvailability(HighAvailabilitySpec.kubernetes("s3://flink/payments/ha"))
                .flinkConfiguration(Map.of("execution.checkpointing.num-retained", "3"))
                .logConfiguration(Map.of())
                .env(
                        List.of(
                                EnvVarSpec.literal("REGION", "eu-west-1"),
                                EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka", "password")))
                .labels(Map.of("team", "payments"))
                .annotations(Map.of("example.com/owner", "payments@example.com"))
                .build();
    }

    /** A session cluster of two TaskManagers with two slots each. */
    public static FlinkDeploymentSpec session() {
        return FlinkDeploymentSpec.named("sessions")
                .edit()
                .mode(DeploymentMode.SESSION)
                .taskManager(new TaskManagerSpec(2, 2, null, null))
                .build();
    }

    /**
     * An application that autoscales with an HPA in reactive mode (CPU plus a pods and an external
     * metric, custom scale-up limits), with PodDisruptionBudgets and adjusted probes: one turned
     * off, one exec, one custom, one with its own timings.
     */
    public static FlinkDeploymentSpec autoscaledApplication() {
        ProbeSpec jmLiveness =
                ProbeSpec.custom(
                        new ProbeBuilder()
                                .withNewHttpGet()
                                .withPath("/jobmanager/config")
                                .withNewPort("rest")
                                .endHttpGet()
                                .withPeriodSeconds(20)
                                .withTimeoutSeconds(4)
                                .withFailureThreshold(5)
                                .build());
        ProbeSpec tmStartup =
                new ProbeSpec(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        null,
                        300);
        ProbePolicy probes =
                new ProbePolicy(
                        null,
                        null,
                        jmLiveness,
                        tmStartup,
                        ProbeSpec.disabled(),
                        ProbeSpec.exec(List.of("/bin/sh", "-c", "pgrep -f TaskManagerRunner")));
        AutoscalingPolicy autoscaling =
                new AutoscalingPolicy(
                        null,
                        2,
                        8,
                        null,
                        null,
                        75,
                        null,
                        List.of(
                                MetricSignal.pods("flink_taskmanager_busy_time_ms", "800"),
                                MetricSignal.external(
                                        "kafka_consumergroup_lag",
                                        Map.of("consumergroup", "clicks"),
                                        "10k")),
                        new ScalingRules(
                                Duration.ofMinutes(1),
                                List.of(
                                        ScalingPolicy.pods(2, Duration.ofMinutes(1)),
                                        ScalingPolicy.percent(50, Duration.ofMinutes(1))),
                                SelectPolicy.MIN),
                        null,
                        Duration.ofMinutes(3),
                        null);
        return FlinkDeploymentSpec.named("clicks")
                .withJob(JobSpec.ofJar("local:///opt/flink/usrlib/clicks.jar"))
                .edit()
                .namespace("streaming")
                .taskManager(new TaskManagerSpec(2, 2, null, null))
                .checkpointing(new CheckpointingSpec(Duration.ofSeconds(30), null, null))
                .autoscaling(autoscaling)
                .probes(probes)
                .disruption(new DisruptionPolicy(null, "25%"))
                .build();
    }

    /**
     * {@link #minimalApplication()} with {@code security}'s secrets and hardening: an S3 secret key
     * and the REST keystore password from Secrets, an image pull Secret and a read-only root
     * filesystem.
     */
    public static FlinkDeploymentSpec hardenedApplication() {
        FlinkDeploymentSpec spec = minimalApplication();
        return spec.edit()
                .security(
                        spec.security()
                                .withSecretConfiguration(
                                        Map.of(
                                                "s3.secret-key",
                                                new KeyReference("s3-credentials", "secret-key"),
                                                "security.ssl.rest.keystore-password",
                                                new KeyReference("orders-tls", "password")))
                                .withImagePullSecrets(List.of("registry-credentials"))
                                .withReadOnlyRootFilesystem(true))
                .build();
    }

    /** The sample specs by case name, as used for golden files and schema checks. */
    public static Map<String, FlinkDeploymentSpec> samples() {
        return Map.of(
                "minimal-application", minimalApplication(),
                "stateful-ha-application", statefulHaApplication(),
                "session", session(),
                "autoscaled-application", autoscaledApplication(),
                "hardened-application", hardenedApplication(),
                "storage-scheduling-application", storageSchedulingApplication(),
                "tenancy-application", tenancyApplication(),
                "tls-application", tlsApplication());
    }

    /**
     * {@link #minimalApplication()} with TLS for REST (clients authenticated) and internal traffic:
     * the stores of Secret {@code orders-tls}, their password in Secret {@code
     * orders-tls-password}.
     */
    public static FlinkDeploymentSpec tlsApplication() {
        FlinkDeploymentSpec spec = minimalApplication();
        return spec.edit()
                .security(
                        spec.security()
                                .withTls(
                                        new TlsSpec(
                                                true,
                                                true,
                                                true,
                                                "orders-tls",
                                                null,
                                                null,
                                                null,
                                                "orders-tls-password",
                                                "password",
                                                null,
                                                null)))
                .build();
    }

    /**
     * The sample specs with {@code target: operator}, by case name: the stateful one on Flink 2.2
     * (the newest the operator's CRD accepts), the others with the operator target's defaults.
     */
    public static Map<String, FlinkDeploymentSpec> operatorSamples() {
        return Map.of(
                "operator-minimal-application",
                minimalApplication().withTarget(RenderTarget.OPERATOR),
                "operator-stateful-ha-application",
                statefulHaApplication()
                        .edit()
                        .target(RenderTarget.OPERATOR)
                        .flinkVersion(FlinkVersion.V2_2)
                        .build(),
                "operator-session",
                session().withTarget(RenderTarget.OPERATOR),
                "operator-hpa-application",
                operatorHpaApplication(),
                "operator-hardened-application",
                hardenedApplication()
                        .edit()
                        .target(RenderTarget.OPERATOR)
                        .security(hardenedApplication().security().withSecretConfiguration(null))
                        .build(),
                "operator-storage-scheduling-application",
                storageSchedulingApplication().withTarget(RenderTarget.OPERATOR),
                "operator-tenancy-application",
                tenancyApplication()
                        .edit()
                        .target(RenderTarget.OPERATOR)
                        .flinkVersion(FlinkVersion.V2_2)
                        .build());
    }

    /**
     * An application on Flink 2.2 ({@code flink:2.2.0-java17}) with checkpoints on S3 (credentials
     * from a Secret), savepoints and HA on a ReadWriteMany claim, an ephemeral local state volume
     * with local recovery, common node selection and tolerations, a JobManager node affinity, a
     * TaskManager preference and priority class, and the TaskManagers spread across zones.
     */
    public static FlinkDeploymentSpec storageSchedulingApplication() {
        return FlinkDeploymentSpec.named("ledger")
                .edit()
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_2)
                .image("flink:2.2.0-java17")
                .job(
                        new JobSpec(
                                "local:///opt/flink/usrlib/ledger.jar",
                                null,
                                null,
                                6,
                                UpgradeMode.SAVEPOINT,
                                null,
                                null,
                                null))
                .taskManager(new TaskManagerSpec(3, 2, null, null))
                .checkpointing(
                        new CheckpointingSpec(
                                Duration.ofSeconds(30), "s3://flink/ledger/checkpoints", null))
                .highAvailability(HighAvailabilitySpec.kubernetes(null))
                .storage(
                        new StoragePolicy(
                                ObjectStoreSpec.withSecret("ledger-s3"),
                                new PersistentVolumeSpec("nfs-client", "20Gi", null, null),
                                new LocalStateSpec(
                                        LocalVolumeType.EPHEMERAL,
                                        "50Gi",
                                        "local-nvme",
                                        null,
                                        true)))
                .scheduling(
                        new SchedulingPolicy(
                                new PodPlacement(
                                        Map.of("pool", "flink"),
                                        null,
                                        null,
                                        List.of(
                                                TolerationSpec.equal(
                                                        "dedicated", "flink", "NoSchedule")),
                                        null,
                                        null),
                                new PodPlacement(
                                        null,
                                        List.of(NodeRequirement.in("lifecycle", "on-demand")),
                                        null,
                                        null,
                                        null,
                                        null),
                                new PodPlacement(
                                        null,
                                        null,
                                        List.of(
                                                new NodeRequirement(
                                                        "node.kubernetes.io/instance-type",
                                                        "In",
                                                        List.of("m6i.2xlarge"),
                                                        50)),
                                        null,
                                        "flink-batch",
                                        null),
                                TaskManagerSpread.of(TaskManagerSpread.ZONES, null)))
                .build();
    }

    /**
     * {@link #autoscaledApplication()} on the operator target with the {@code operator-hpa}
     * strategy and budgets for both components.
     */
    public static FlinkDeploymentSpec operatorHpaApplication() {
        FlinkDeploymentSpec spec = autoscaledApplication();
        return spec.edit()
                .target(RenderTarget.OPERATOR)
                .autoscaling(spec.autoscaling().withStrategy(AutoscalingStrategy.OPERATOR_HPA))
                .disruption(new DisruptionPolicy("1", "25%"))
                .build();
    }

    /**
     * {@link #statefulHaApplication()} with every part of {@code tenancy} on and a headroom of
     * 1.25: a ResourceQuota and a LimitRange next to the deployment.
     */
    public static FlinkDeploymentSpec tenancyApplication() {
        return statefulHaApplication()
                .withTenancy(new TenancyPolicy(true, true, true, new java.math.BigDecimal("1.25")));
    }

    /** The context of {@code spec}. */
    public static RenderContext context(FlinkDeploymentSpec spec) {
        return RenderContext.of(spec);
    }

    /**
     * The context of {@code spec} without judging it: how a spec that bypassed validation reaches
     * the steps (e.g. the last applied spec of an earlier SDK version, which a newer rule rejects).
     */
    public static RenderContext unjudgedContext(FlinkDeploymentSpec spec) {
        return RenderContext.of(EffectiveSpec.ofApplied(spec));
    }

    /**
     * What the standalone pipeline hands the step {@code id}: the result of every step before it
     * (by phase, then list order), without pod drafts for a CONFIGURE step.
     */
    public static Rendering inputFor(StepId id, RenderContext ctx) {
        RenderPipeline standalone = RenderPipeline.standalone();
        RenderStep target =
                standalone.steps().stream()
                        .filter(s -> s.id().equals(id))
                        .findFirst()
                        .orElseThrow();
        List<RenderStep> before = new ArrayList<>();
        for (RenderStep s : standalone.steps()) {
            if (s == target) {
                break;
            }
            if (s.phase().compareTo(target.phase()) <= 0) {
                before.add(s);
            }
        }
        Rendering r = RenderPipeline.of(before).run(ctx);
        return target.phase() == Phase.CONFIGURE ? r.withoutPodDrafts() : r;
    }

    /** The built-in step {@code id}. */
    public static RenderStep builtIn(StepId id) {
        return RenderPipeline.standalone().steps().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A text form of everything in {@code r}, as YAML where fabric8 objects are involved, for
     * comparing two renderings (copy-on-write and determinism checks).
     */
    public static String snapshot(Rendering r) {
        StringBuilder sb = new StringBuilder();
        sb.append("config: ").append(r.config().asMap()).append('\n');
        if (r.hasPodDrafts()) {
            sb.append(YAML.asYaml(r.jobManagerPod().pod()));
            sb.append(YAML.asYaml(r.jobManagerPod().mainContainer()));
            sb.append(YAML.asYaml(r.taskManagerPod().pod()));
            sb.append(YAML.asYaml(r.taskManagerPod().mainContainer()));
        }
        for (HasMetadata o : r.resources()) {
            sb.append(YAML.asYaml(o));
        }
        sb.append("advisories: ").append(r.advisories()).append('\n');
        return sb.toString();
    }
}
