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

    /** The effective spec: unset values filled, set values untouched. Idempotent. */
    public static FlinkDeploymentSpec apply(FlinkDeploymentSpec s) {
        FlinkVersion version = or(s.flinkVersion(), FlinkVersion.latest());
        return new FlinkDeploymentSpec(
                s.name(),
                or(s.namespace(), NAMESPACE),
                version,
                or(s.image(), version.defaultImage()),
                or(s.imagePullPolicy(), ImagePullPolicy.IF_NOT_PRESENT),
                s.serviceAccount(),
                or(s.mode(), s.job() == null ? DeploymentMode.SESSION : DeploymentMode.APPLICATION),
                or(s.target(), RenderTarget.STANDALONE),
                jobManager(s.jobManager()),
                taskManager(s.taskManager()),
                s.job() == null ? null : job(s.job()),
                s.checkpointing(),
                new HighAvailabilitySpec(
                        or(s.highAvailability().type(), HighAvailabilityType.NONE),
                        s.highAvailability().storageDir()),
                s.flinkConfiguration(),
                s.logConfiguration(),
                s.env(),
                s.labels(),
                s.annotations(),
                security(s.security()),
                s.podTemplate());
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

    private static SecuritySpec security(SecuritySpec s) {
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
