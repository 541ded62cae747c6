package io.flinkk8s.sdk.core.spec;

import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;

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
 *   <tr><td>flinkVersion</td><td>{@link FlinkVersion#latest()}</td></tr>
 *   <tr><td>image</td><td>{@link FlinkVersion#defaultImage()}, e.g. {@code flink:2.1-java17}</td></tr>
 *   <tr><td>imagePullPolicy</td><td>{@code IfNotPresent}</td></tr>
 *   <tr><td>mode</td><td>{@code application} when {@code job} is set, else {@code session}</td></tr>
 *   <tr><td>target</td><td>{@code standalone}</td></tr>
 *   <tr><td>jobManager</td><td>1 replica, 1 CPU, {@value #JOB_MANAGER_MEMORY}</td></tr>
 *   <tr><td>taskManager</td><td>1 replica, 1 slot, 1 CPU, {@value #TASK_MANAGER_MEMORY}</td></tr>
 *   <tr><td>job</td><td>upgradeMode {@code stateless}, state {@code running},
 *       allowNonRestoredState false; parallelism stays unset: replicas × slots</td></tr>
 *   <tr><td>highAvailability.type</td><td>{@code none}</td></tr>
 *   <tr><td>security</td><td>{@code restricted}, uid/gid/fsGroup {@value #FLINK_UID}</td></tr>
 * </table>
 */
public final class SpecDefaults {

    /** The namespace when none is given. */
    public static final String NAMESPACE = "default";

    /** JobManager process memory, as in Flink's standalone Kubernetes reference. */
    public static final String JOB_MANAGER_MEMORY = "1600m";

    /** TaskManager process memory, as in Flink's standalone Kubernetes reference. */
    public static final String TASK_MANAGER_MEMORY = "1728m";

    /** The {@code flink} user and group of the official image. */
    public static final long FLINK_UID = 9999L;

    private SpecDefaults() {}

    /**
     * The effective spec: unset values filled, set values untouched. Idempotent: an effective spec
     * (and each part that needs no default) is returned as it is, not copied, so that applying the
     * defaults again costs next to nothing.
     */
    public static FlinkDeploymentSpec apply(FlinkDeploymentSpec s) {
        FlinkVersion version = or(s.flinkVersion(), FlinkVersion.latest());
        String namespace = or(s.namespace(), NAMESPACE);
        String image = s.image() != null ? s.image() : version.defaultImage();
        ImagePullPolicy pullPolicy = or(s.imagePullPolicy(), ImagePullPolicy.IF_NOT_PRESENT);
        DeploymentMode mode =
                or(s.mode(), s.job() == null ? DeploymentMode.SESSION : DeploymentMode.APPLICATION);
        RenderTarget target = or(s.target(), RenderTarget.STANDALONE);
        JobManagerSpec jobManager = jobManager(s.jobManager());
        TaskManagerSpec taskManager = taskManager(s.taskManager());
        JobSpec job = s.job() == null ? null : job(s.job());
        HighAvailabilitySpec ha = highAvailability(s.highAvailability());
        SecuritySpec security = security(s.security());
        // Identity, not equality: whether each value above is the spec's own.
        if (version == s.flinkVersion()
                && namespace == s.namespace()
                && image == s.image()
                && pullPolicy == s.imagePullPolicy()
                && mode == s.mode()
                && target == s.target()
                && jobManager == s.jobManager()
                && taskManager == s.taskManager()
                && job == s.job()
                && ha == s.highAvailability()
                && security == s.security()) {
            return s;
        }
        return new FlinkDeploymentSpec(
                s.name(),
                namespace,
                version,
                image,
                pullPolicy,
                s.serviceAccount(),
                mode,
                target,
                jobManager,
                taskManager,
                job,
                s.checkpointing(),
                ha,
                s.flinkConfiguration(),
                s.logConfiguration(),
                s.env(),
                s.labels(),
                s.annotations(),
                security,
                s.podTemplate());
    }

    private static JobManagerSpec jobManager(JobManagerSpec jm) {
        Resources resources = resources(jm.resource(), JOB_MANAGER_MEMORY);
        if (jm.replicas() != null && resources == jm.resource()) {
            return jm;
        }
        return new JobManagerSpec(or(jm.replicas(), 1), resources, jm.podTemplate());
    }

    private static TaskManagerSpec taskManager(TaskManagerSpec tm) {
        Resources resources = resources(tm.resource(), TASK_MANAGER_MEMORY);
        if (tm.replicas() != null && tm.taskSlots() != null && resources == tm.resource()) {
            return tm;
        }
        return new TaskManagerSpec(
                or(tm.replicas(), 1), or(tm.taskSlots(), 1), resources, tm.podTemplate());
    }

    private static Resources resources(Resources r, String memory) {
        if (r.cpu() != null && r.memory() != null) {
            return r;
        }
        return new Resources(
                r.cpu() != null ? r.cpu() : Cpu.of(1),
                r.memory() != null ? r.memory() : Memory.parse(memory),
                r.ephemeralStorage());
    }

    private static JobSpec job(JobSpec j) {
        if (j.upgradeMode() != null && j.state() != null && j.allowNonRestoredState() != null) {
            return j;
        }
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

    private static HighAvailabilitySpec highAvailability(HighAvailabilitySpec ha) {
        return ha.type() != null
                ? ha
                : new HighAvailabilitySpec(HighAvailabilityType.NONE, ha.storageDir());
    }

    private static SecuritySpec security(SecuritySpec s) {
        if (s.podSecurity() != null
                && s.runAsUser() != null
                && s.runAsGroup() != null
                && s.fsGroup() != null) {
            return s;
        }
        return new SecuritySpec(
                or(s.podSecurity(), PodSecurity.RESTRICTED),
                or(s.runAsUser(), FLINK_UID),
                or(s.runAsGroup(), FLINK_UID),
                or(s.fsGroup(), FLINK_UID));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
