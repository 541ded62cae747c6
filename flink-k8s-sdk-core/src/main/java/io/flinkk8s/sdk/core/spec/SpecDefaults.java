package io.flinkk8s.sdk.core.spec;

import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.policy.SelectPolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalVolumeType;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.PersistentVolumeSpec;
import io.flinkk8s.sdk.core.spec.storage.S3Plugin;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place defaults live. {@link #apply} returns the effective spec: every unset scalar the
 * SDK needs is filled, nothing that is set is changed. Validation and rendering both work on the
 * effective spec, and the fluent builder returns it, so a default is always visible in the spec and
 * never applied silently later.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>field</th><th>default</th></tr>
 *   <tr><td>namespace</td><td>{@value #NAMESPACE}</td></tr>
 *   <tr><td>flinkVersion</td><td>{@link FlinkVersion#latest()}; with target {@code operator},
 *       the newest the operator version's CRD accepts ({@link
 *       OperatorVersion#latestFlinkVersion()}: {@code v2_2} for 1.15)</td></tr>
 *   <tr><td>image</td><td>{@link FlinkVersion#defaultImage()}, e.g. {@code flink:2.1-java17}</td></tr>
 *   <tr><td>imagePullPolicy</td><td>{@code IfNotPresent}</td></tr>
 *   <tr><td>serviceAccount</td><td>none (the SDK renders its own when HA needs one); with target
 *       {@code operator}, {@value #OPERATOR_SERVICE_ACCOUNT}, the job service account the
 *       operator's Helm chart creates (the operator requires one)</td></tr>
 *   <tr><td>mode</td><td>{@code application} when {@code job} is set, else {@code session}</td></tr>
 *   <tr><td>target</td><td>{@code standalone}</td></tr>
 *   <tr><td>jobManager</td><td>1 replica, 1 CPU, {@value #JOB_MANAGER_MEMORY}</td></tr>
 *   <tr><td>taskManager</td><td>1 replica, 1 slot, 1 CPU, {@value #TASK_MANAGER_MEMORY}</td></tr>
 *   <tr><td>job</td><td>upgradeMode {@code stateless}, state {@code running},
 *       allowNonRestoredState false; parallelism stays unset: replicas × slots</td></tr>
 *   <tr><td>highAvailability.type</td><td>{@code none}</td></tr>
 *   <tr><td>security</td><td>{@code restricted}, uid/gid/fsGroup {@value #FLINK_UID}</td></tr>
 *   <tr><td>autoscaling</td><td>off; when on, see below</td></tr>
 *   <tr><td>autoscaling.strategy</td><td>{@code hpa-reactive} for target standalone, {@code
 *       operator-autoscaler} for target operator</td></tr>
 *   <tr><td>probes</td><td>all six on, see below</td></tr>
 *   <tr><td>disruption</td><td>off; when either budget is set, the other is {@code 1}</td></tr>
 *   <tr><td>restore</td><td>with a job: {@code whenTooOld} {@code refuse}, no {@code maxAge};
 *       {@code from} stays unset: by the upgrade mode ({@link #restoreFrom}), so that it follows
 *       a later change of the mode. Without a job: left as written</td></tr>
 *   <tr><td>storage</td><td>off; see below</td></tr>
 *   <tr><td>scheduling</td><td>off; with {@code spread}: {@code method} {@code
 *       spread-constraint}, and for it {@code whenUnsatisfiable} {@code ScheduleAnyway} and
 *       {@code maxSkew} 1</td></tr>
 *   <tr><td>tenancy</td><td>off; once a part is on, the others off and {@code headroom}
 *       1</td></tr>
 *   <tr><td>operator.version</td><td>with target {@code operator}: {@code 1.15}</td></tr>
 *   <tr><td>networking.restService.type</td><td>{@code ClusterIP} when another field of it is
 *       set; the Service is a {@code ClusterIP} one either way</td></tr>
 *   <tr><td>networking.networkPolicy</td><td>off</td></tr>
 *   <tr><td>observability.prometheus</td><td>off; when on, {@code port} {@value
 *       PrometheusSpec#DEFAULT_PORT}, {@code scrapeAnnotations} true, {@code podMonitor}
 *       false</td></tr>
 *   <tr><td>observability.logging</td><td>the log file's own levels</td></tr>
 *   <tr><td>operator.mode</td><td>with target {@code operator}: {@code standalone} with the
 *       autoscaling strategy {@code operator-hpa}, else {@code native}</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Storage defaults, each only when its part is set</caption>
 *   <tr><th>field</th><th>default</th></tr>
 *   <tr><td>objectStore.s3Plugin</td><td>{@code presto}</td></tr>
 *   <tr><td>objectStore.pluginVersion</td><td>the image tag's Flink version when the tag names
 *       one of {@code flinkVersion}, e.g. {@code 2.1.0} of {@code flink:2.1.0-java17}</td></tr>
 *   <tr><td>volume.accessMode</td><td>{@value #VOLUME_ACCESS_MODE}</td></tr>
 *   <tr><td>volume.mountPath</td><td>{@value #VOLUME_MOUNT_PATH}; with it {@code
 *       checkpointing.checkpointDir}, {@code checkpointing.savepointDir} and (with HA) {@code
 *       highAvailability.storageDir} default to {@code file://<mountPath>/checkpoints}, {@code
 *       /savepoints} and {@code /ha}</td></tr>
 *   <tr><td>localState</td><td>{@code empty-dir} at {@value #LOCAL_STATE_MOUNT_PATH}, no local
 *       recovery</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Autoscaling defaults, by strategy</caption>
 *   <tr><th>field</th><th>hpa-reactive, operator-hpa</th><th>operator-autoscaler</th></tr>
 *   <tr><td>minTaskManagers</td><td>{@code taskManager.replicas}</td><td>-</td></tr>
 *   <tr><td>targetCpuUtilization</td><td>80 when no signal is given</td><td>-</td></tr>
 *   <tr><td>scaleUp</td><td>window 2 min; at most +100% per 1 min; max</td><td>-</td></tr>
 *   <tr><td>scaleDown</td><td>window 10 min; at most -1 pod per 5 min; max</td>
 *       <td>window 1 h ({@code scale-down.interval})</td></tr>
 *   <tr><td>cooldown</td><td>2 min</td><td>5 min ({@code stabilization.interval})</td></tr>
 *   <tr><td>min/maxParallelism</td><td>-</td><td>1 / 200</td></tr>
 *   <tr><td>jobAutoscaler</td><td>-</td><td>target 70%, boundary 30, metrics window 15 min,
 *       catch-up 30 min, restart time 5 min</td></tr>
 * </table>
 *
 * <p>The slow scale-down and the windows are there because every rescale restarts a stateful job
 * from its latest checkpoint, and the catch-up after a restart itself raises the load: a prompt
 * scale-down would undo a scale-up the moment the backlog is worked off. The operator-autoscaler
 * values are the Flink Kubernetes Operator's own defaults (1.15), written out.
 *
 * <table>
 *   <caption>Probe defaults: JVM-sized, a startup probe instead of a long initial delay</caption>
 *   <tr><th>probe</th><th>check</th><th>period</th><th>timeout</th><th>failures</th></tr>
 *   <tr><td>jobManagerStartup</td><td>HTTP GET {@code /config} on {@code rest}</td><td>5 s</td>
 *       <td>3 s</td><td>60 (5 min to start)</td></tr>
 *   <tr><td>jobManagerReadiness</td><td>HTTP GET {@code /config} on {@code rest}</td>
 *       <td>10 s</td><td>3 s</td><td>3</td></tr>
 *   <tr><td>jobManagerLiveness</td><td>TCP {@code rpc}</td><td>15 s</td><td>5 s</td>
 *       <td>4</td></tr>
 *   <tr><td>taskManagerStartup</td><td>TCP {@code rpc}</td><td>5 s</td><td>3 s</td>
 *       <td>60</td></tr>
 *   <tr><td>taskManagerReadiness</td><td>TCP {@code rpc}</td><td>10 s</td><td>3 s</td>
 *       <td>3</td></tr>
 *   <tr><td>taskManagerLiveness</td><td>TCP {@code rpc}</td><td>15 s</td><td>5 s</td>
 *       <td>4</td></tr>
 * </table>
 *
 * Every probe: initial delay 0 s (the startup probe holds the others back until the JVM is up),
 * success threshold 1. A probe's unset fields are filled one by one; with a {@code type} other than
 * the default's, only the port is taken from the default.
 */
public final class SpecDefaults {

    /** The namespace when none is given. */
    public static final String NAMESPACE = "default";

    /** JobManager process memory, as in Flink's standalone Kubernetes reference. */
    public static final String JOB_MANAGER_MEMORY = "1600m";

    /** TaskManager process memory, as in Flink's standalone Kubernetes reference. */
    public static final String TASK_MANAGER_MEMORY = "1728m";

    /**
     * The service account of target {@code operator} when none is given: the operator's Helm chart
     * creates it, with the permissions Flink's native Kubernetes mode needs, in every namespace the
     * operator watches ({@code jobServiceAccount}).
     */
    public static final String OPERATOR_SERVICE_ACCOUNT = "flink";

    /** The {@code flink} user and group of the official image. */
    public static final long FLINK_UID = 9999L;

    /** The CPU utilization target when an HPA strategy is given no signal: Kubernetes' own. */
    public static final int TARGET_CPU_UTILIZATION = 80;

    /** The PodDisruptionBudgets' {@code maxUnavailable} when only the other one is set. */
    public static final String MAX_UNAVAILABLE = "1";

    /** The JobManager's startup and readiness path; see {@link ProbePolicy} for why. */
    public static final String JOB_MANAGER_PROBE_PATH = "/config";

    /** The access mode of the state volume: the JobManager and TaskManagers share it. */
    public static final String VOLUME_ACCESS_MODE = "ReadWriteMany";

    /** Where the state volume is mounted. */
    public static final String VOLUME_MOUNT_PATH = "/flink-data";

    /** Where the local state volume is mounted. */
    public static final String LOCAL_STATE_MOUNT_PATH = "/flink-local";

    /** A TaskManager spread's {@code whenUnsatisfiable}: never leave a pod Pending for it. */
    public static final String WHEN_UNSATISFIABLE = "ScheduleAnyway";

    /** An image tag that names Flink's full version, e.g. {@code flink:2.1.0-java17}. */
    private static final Pattern FULL_VERSION_TAG =
            Pattern.compile(":(\\d+)\\.(\\d+)\\.(\\d+)(?:[-_.][^:/@]*)?(?:@.*)?$");

    private static final ScalingRules HPA_SCALE_UP =
            new ScalingRules(
                    Duration.ofMinutes(2),
                    List.of(ScalingPolicy.percent(100, Duration.ofMinutes(1))),
                    SelectPolicy.MAX);
    private static final ScalingRules HPA_SCALE_DOWN =
            new ScalingRules(
                    Duration.ofMinutes(10),
                    List.of(ScalingPolicy.pods(1, Duration.ofMinutes(5))),
                    SelectPolicy.MAX);
    private static final Duration HPA_COOLDOWN = Duration.ofMinutes(2);
    private static final Duration OPERATOR_SCALE_DOWN_INTERVAL = Duration.ofHours(1);
    private static final Duration OPERATOR_STABILIZATION = Duration.ofMinutes(5);
    private static final JobAutoscalerTuning OPERATOR_TUNING =
            new JobAutoscalerTuning(
                    70, 30, Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(5));

    private static final ProbeSpec JOB_MANAGER_STARTUP =
            probe(ProbeType.HTTP_GET, JOB_MANAGER_PROBE_PATH, FlinkPorts.REST_NAME, 5, 3, 60);
    private static final ProbeSpec JOB_MANAGER_READINESS =
            probe(ProbeType.HTTP_GET, JOB_MANAGER_PROBE_PATH, FlinkPorts.REST_NAME, 10, 3, 3);
    private static final ProbeSpec JOB_MANAGER_LIVENESS =
            probe(ProbeType.TCP_SOCKET, null, FlinkPorts.RPC_NAME, 15, 5, 4);
    private static final ProbeSpec TASK_MANAGER_STARTUP =
            probe(ProbeType.TCP_SOCKET, null, FlinkPorts.RPC_NAME, 5, 3, 60);
    private static final ProbeSpec TASK_MANAGER_READINESS =
            probe(ProbeType.TCP_SOCKET, null, FlinkPorts.RPC_NAME, 10, 3, 3);
    private static final ProbeSpec TASK_MANAGER_LIVENESS =
            probe(ProbeType.TCP_SOCKET, null, FlinkPorts.RPC_NAME, 15, 5, 4);

    private SpecDefaults() {}

    /** The effective spec: unset values filled, set values untouched. Idempotent. */
    public static FlinkDeploymentSpec apply(FlinkDeploymentSpec s) {
        RenderTarget target = or(s.target(), RenderTarget.STANDALONE);
        boolean operator = target == RenderTarget.OPERATOR;
        OperatorVersion operatorVersion =
                or(s.operator().version(), OperatorVersion.defaultVersion());
        FlinkVersion version =
                or(
                        s.flinkVersion(),
                        operator ? operatorVersion.latestFlinkVersion() : FlinkVersion.latest());
        TaskManagerSpec taskManager = taskManager(s.taskManager());
        JobSpec job = s.job() == null ? null : job(s.job());
        AutoscalingPolicy autoscaling =
                autoscaling(s.autoscaling(), target, taskManager.replicas());
        String image = or(s.image(), version.defaultImage());
        StoragePolicy storage = storage(s.storage(), image, version);
        String stateDir =
                storage.volume() == null ? null : "file://" + storage.volume().mountPath();
        return s.edit()
                .namespace(or(s.namespace(), NAMESPACE))
                .flinkVersion(version)
                .image(image)
                .imagePullPolicy(or(s.imagePullPolicy(), ImagePullPolicy.IF_NOT_PRESENT))
                .serviceAccount(
                        operator
                                ? or(s.serviceAccount(), OPERATOR_SERVICE_ACCOUNT)
                                : s.serviceAccount())
                .mode(
                        or(
                                s.mode(),
                                s.job() == null
                                        ? DeploymentMode.SESSION
                                        : DeploymentMode.APPLICATION))
                .target(target)
                .jobManager(jobManager(s.jobManager()))
                .taskManager(taskManager)
                .job(job)
                .restore(job == null ? s.restore() : restore(s.restore()))
                .checkpointing(checkpointing(s.checkpointing(), stateDir))
                .highAvailability(highAvailability(s.highAvailability(), stateDir))
                .security(security(s.security()))
                .autoscaling(autoscaling)
                .probes(probes(s.probes()))
                .disruption(disruption(s.disruption()))
                .storage(storage)
                .scheduling(PolicyDefaults.scheduling(s.scheduling()))
                .networking(PolicyDefaults.networking(s.networking()))
                .observability(PolicyDefaults.observability(s.observability()))
                .tenancy(tenancy(s.tenancy()))
                .operator(
                        operator
                                ? operator(s.operator(), operatorVersion, autoscaling)
                                : s.operator())
                .build();
    }

    /**
     * The effective session job: {@code namespace} {@value #NAMESPACE}, and its job's defaults as
     * an application's ({@code upgradeMode} {@code stateless}, {@code state} {@code running},
     * {@code allowNonRestoredState} false, as the operator). Idempotent.
     */
    public static FlinkSessionJobSpec apply(FlinkSessionJobSpec s) {
        return s.edit()
                .namespace(or(s.namespace(), NAMESPACE))
                .job(s.job() == null ? null : job(s.job()))
                .build();
    }

    /** The operator section of target operator: its version and mode, derived when unset. */
    private static OperatorSpec operator(
            OperatorSpec o, OperatorVersion version, AutoscalingPolicy autoscaling) {
        boolean operatorHpa =
                autoscaling.isEnabled()
                        && autoscaling.strategy() == AutoscalingStrategy.OPERATOR_HPA;
        return new OperatorSpec(
                version, or(o.mode(), operatorHpa ? OperatorMode.STANDALONE : OperatorMode.NATIVE));
    }

    /** The default strategy of a render target. */
    public static AutoscalingStrategy strategyFor(RenderTarget target) {
        return target == RenderTarget.OPERATOR
                ? AutoscalingStrategy.OPERATOR_AUTOSCALER
                : AutoscalingStrategy.HPA_REACTIVE;
    }

    private static AutoscalingPolicy autoscaling(
            AutoscalingPolicy a, RenderTarget target, int taskManagers) {
        if (!a.isEnabled()) {
            return a;
        }
        AutoscalingStrategy strategy = or(a.strategy(), strategyFor(target));
        if (strategy.usesHpa()) {
            return new AutoscalingPolicy(
                    strategy,
                    or(a.minTaskManagers(), taskManagers),
                    a.maxTaskManagers(),
                    a.minParallelism(),
                    a.maxParallelism(),
                    a.hasSignal()
                            ? a.targetCpuUtilization()
                            : Integer.valueOf(TARGET_CPU_UTILIZATION),
                    a.targetMemoryUtilization(),
                    a.metrics(),
                    rules(a.scaleUp(), HPA_SCALE_UP),
                    rules(a.scaleDown(), HPA_SCALE_DOWN),
                    or(a.cooldown(), HPA_COOLDOWN),
                    a.jobAutoscaler());
        }
        return new AutoscalingPolicy(
                strategy,
                a.minTaskManagers(),
                a.maxTaskManagers(),
                or(a.minParallelism(), 1),
                or(a.maxParallelism(), 200),
                a.targetCpuUtilization(),
                a.targetMemoryUtilization(),
                a.metrics(),
                a.scaleUp(),
                a.scaleDown()
                        .withStabilizationWindow(
                                or(
                                        a.scaleDown().stabilizationWindow(),
                                        OPERATOR_SCALE_DOWN_INTERVAL)),
                or(a.cooldown(), OPERATOR_STABILIZATION),
                tuning(a.jobAutoscaler()));
    }

    private static ScalingRules rules(ScalingRules r, ScalingRules defaults) {
        return new ScalingRules(
                or(r.stabilizationWindow(), defaults.stabilizationWindow()),
                r.policies().isEmpty() ? defaults.policies() : r.policies(),
                or(r.selectPolicy(), defaults.selectPolicy()));
    }

    private static JobAutoscalerTuning tuning(JobAutoscalerTuning t) {
        return new JobAutoscalerTuning(
                or(t.targetUtilization(), OPERATOR_TUNING.targetUtilization()),
                or(t.utilizationBoundary(), OPERATOR_TUNING.utilizationBoundary()),
                or(t.metricsWindow(), OPERATOR_TUNING.metricsWindow()),
                or(t.catchUpDuration(), OPERATOR_TUNING.catchUpDuration()),
                or(t.restartTime(), OPERATOR_TUNING.restartTime()));
    }

    private static ProbePolicy probes(ProbePolicy p) {
        return new ProbePolicy(
                probe(p.jobManagerStartup(), JOB_MANAGER_STARTUP),
                probe(p.jobManagerReadiness(), JOB_MANAGER_READINESS),
                probe(p.jobManagerLiveness(), JOB_MANAGER_LIVENESS),
                probe(p.taskManagerStartup(), TASK_MANAGER_STARTUP),
                probe(p.taskManagerReadiness(), TASK_MANAGER_READINESS),
                probe(p.taskManagerLiveness(), TASK_MANAGER_LIVENESS));
    }

    /**
     * {@code p} with its unset fields taken from {@code d}; a custom or disabled probe is only
     * marked enabled or left as it is.
     */
    private static ProbeSpec probe(ProbeSpec p, ProbeSpec d) {
        if (p.isDisabled() || p.custom() != null) {
            return new ProbeSpec(
                    or(p.enabled(), Boolean.TRUE),
                    p.type(),
                    p.path(),
                    p.port(),
                    p.command(),
                    p.custom(),
                    p.initialDelay(),
                    p.period(),
                    p.timeout(),
                    p.successThreshold(),
                    p.failureThreshold());
        }
        ProbeType type = or(p.type(), d.type());
        boolean sameType = type == d.type();
        boolean needsPort = type != ProbeType.EXEC;
        return new ProbeSpec(
                or(p.enabled(), Boolean.TRUE),
                type,
                sameType ? or(p.path(), d.path()) : p.path(),
                needsPort ? or(p.port(), d.port()) : p.port(),
                p.command(),
                null,
                or(p.initialDelay(), d.initialDelay()),
                or(p.period(), d.period()),
                or(p.timeout(), d.timeout()),
                or(p.successThreshold(), d.successThreshold()),
                or(p.failureThreshold(), d.failureThreshold()));
    }

    private static ProbeSpec probe(
            ProbeType type,
            String path,
            String port,
            int periodSeconds,
            int timeoutSeconds,
            int failureThreshold) {
        return new ProbeSpec(
                Boolean.TRUE,
                type,
                path,
                port,
                List.of(),
                null,
                Duration.ZERO,
                Duration.ofSeconds(periodSeconds),
                Duration.ofSeconds(timeoutSeconds),
                1,
                failureThreshold);
    }

    /** The checkpoint and savepoint dirs on the state volume ({@code stateDir}) when unset. */
    private static CheckpointingSpec checkpointing(CheckpointingSpec c, String stateDir) {
        if (stateDir == null) {
            return c;
        }
        return new CheckpointingSpec(
                c.interval(),
                or(c.checkpointDir(), stateDir + "/checkpoints"),
                or(c.savepointDir(), stateDir + "/savepoints"));
    }

    /** HA off when unset; with HA on, its storage dir on the state volume when unset. */
    private static HighAvailabilitySpec highAvailability(HighAvailabilitySpec h, String stateDir) {
        HighAvailabilityType type = or(h.type(), HighAvailabilityType.NONE);
        boolean onVolume = stateDir != null && type == HighAvailabilityType.KUBERNETES;
        return new HighAvailabilitySpec(
                type, onVolume ? or(h.storageDir(), stateDir + "/ha") : h.storageDir());
    }

    private static StoragePolicy storage(StoragePolicy s, String image, FlinkVersion version) {
        ObjectStoreSpec o = s.objectStore();
        PersistentVolumeSpec v = s.volume();
        LocalStateSpec l = s.localState();
        return new StoragePolicy(
                o == null
                        ? null
                        : new ObjectStoreSpec(
                                o.credentialsSecret(),
                                o.credentialsFile(),
                                or(o.pluginVersion(), imageFlinkVersion(image, version)),
                                or(o.s3Plugin(), S3Plugin.PRESTO)),
                v == null
                        ? null
                        : new PersistentVolumeSpec(
                                v.storageClassName(),
                                v.size(),
                                or(v.accessMode(), VOLUME_ACCESS_MODE),
                                or(v.mountPath(), VOLUME_MOUNT_PATH)),
                l == null
                        ? null
                        : new LocalStateSpec(
                                or(l.type(), LocalVolumeType.EMPTY_DIR),
                                l.size(),
                                l.storageClassName(),
                                or(l.mountPath(), LOCAL_STATE_MOUNT_PATH),
                                or(l.localRecovery(), false)));
    }

    /**
     * Flink's full version as {@code image}'s tag names it ({@code 2.1.0} of {@code
     * flink:2.1.0-java17}), when it is one of {@code version}; null otherwise (a floating tag such
     * as {@code flink:2.1}, or a custom image's own version).
     */
    public static String imageFlinkVersion(String image, FlinkVersion version) {
        Matcher m = FULL_VERSION_TAG.matcher(image == null ? "" : image);
        if (!m.find() || !(m.group(1) + "." + m.group(2)).equals(version.majorMinor())) {
            return null;
        }
        return m.group(1) + "." + m.group(2) + "." + m.group(3);
    }

    private static TenancyPolicy tenancy(TenancyPolicy t) {
        if (!t.isEnabled()) {
            return t;
        }
        return new TenancyPolicy(
                or(t.namespace(), false),
                or(t.resourceQuota(), false),
                or(t.limitRange(), false),
                or(t.headroom(), BigDecimal.ONE));
    }

    private static DisruptionPolicy disruption(DisruptionPolicy d) {
        if (!d.isEnabled()) {
            return d;
        }
        return new DisruptionPolicy(
                or(d.jobManagerMaxUnavailable(), MAX_UNAVAILABLE),
                or(d.taskManagerMaxUnavailable(), MAX_UNAVAILABLE));
    }

    private static JobManagerSpec jobManager(JobManagerSpec jm) {
        return new JobManagerSpec(
                or(jm.replicas(), 1),
                resources(jm.resource(), JOB_MANAGER_MEMORY),
                jm.podTemplate());
    }

    private static TaskManagerSpec taskManager(TaskManagerSpec tm) {
        return new TaskManagerSpec(
                or(tm.replicas(), 1),
                or(tm.taskSlots(), 1),
                resources(tm.resource(), TASK_MANAGER_MEMORY),
                tm.podTemplate());
    }

    private static Resources resources(Resources r, String memory) {
        return new Resources(
                or(r.cpu(), Cpu.of(1)), or(r.memory(), Memory.parse(memory)), r.ephemeralStorage());
    }

    private static JobSpec job(JobSpec j) {
        return new JobSpec(
                j.jarURI(),
                j.entryClass(),
                j.args(),
                j.parallelism(),
                or(j.upgradeMode(), UpgradeMode.STATELESS),
                or(j.state(), JobState.RUNNING),
                j.initialSavepointPath(),
                or(j.allowNonRestoredState(), Boolean.FALSE));
    }

    /** The restore policy of an application: no age limit, a too old state refused. */
    private static RestorePolicy restore(RestorePolicy r) {
        return new RestorePolicy(r.from(), r.maxAge(), or(r.whenTooOld(), StaleStateAction.REFUSE));
    }

    /**
     * What a restart starts from when {@code restore.from} is unset: with upgrade mode {@code
     * last-state} the latest checkpoint or savepoint (Flink recovers it through HA), otherwise the
     * latest savepoint only (a checkpoint is not kept for a restart unless Flink is told to retain
     * it).
     */
    public static RestoreFrom restoreFrom(UpgradeMode mode) {
        return mode == UpgradeMode.LAST_STATE
                ? RestoreFrom.LATEST_CHECKPOINT_OR_SAVEPOINT
                : RestoreFrom.LATEST_SAVEPOINT;
    }

    private static SecuritySpec security(SecuritySpec s) {
        return new SecuritySpec(
                or(s.podSecurity(), PodSecurity.RESTRICTED),
                or(s.runAsUser(), FLINK_UID),
                or(s.runAsGroup(), FLINK_UID),
                or(s.fsGroup(), FLINK_UID),
                s.secretConfiguration(),
                s.imagePullSecrets(),
                s.readOnlyRootFilesystem(),
                s.tls() == null ? null : tls(s.tls()));
    }

    /** TLS with the stores' keys, the password Secret and the passwords' keys defaulted. */
    private static TlsSpec tls(TlsSpec t) {
        return new TlsSpec(
                or(t.rest(), Boolean.FALSE),
                or(t.internal(), Boolean.FALSE),
                or(t.restMutualAuth(), Boolean.FALSE),
                t.secretName(),
                t.effectiveKeystoreKey(),
                t.effectiveTruststoreKey(),
                t.storeType(),
                t.effectivePasswordSecret(),
                t.keystorePasswordKey(),
                or(t.keyPasswordKey(), t.keystorePasswordKey()),
                or(t.truststorePasswordKey(), t.keystorePasswordKey()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
