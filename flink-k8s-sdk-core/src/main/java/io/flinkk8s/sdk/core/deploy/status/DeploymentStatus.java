package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import java.util.List;
import java.util.Optional;

/**
 * One deployment as Kubernetes and Flink see it now, in one record.
 *
 * @param namespace the deployment's namespace
 * @param name the deployment's name
 * @param lifecycle where it stands
 * @param jobManager the JobManager pods
 * @param taskManagers the TaskManager pods
 * @param job may be null: no JobManager answered, or a session cluster without jobs
 * @param upgradeStep may be null: the step of the upgrade in progress
 * @param lastSavepoint may be null: the most recent savepoint the SDK recorded in the cluster
 *     (upgrade, suspend, delete or {@code triggerSavepoint}); it outlives the JobManager, whereas
 *     {@link JobInfo#lastSavepoint()} is what the running JobManager completed. {@link
 *     #latestSavepointPath()} picks the newer of the two
 * @param savepoints every savepoint the SDK recorded, oldest first
 * @param message what explains the lifecycle, e.g. {@code 2/3 TaskManagers ready}
 * @param events the recent Warning Events about the deployment's pods, ReplicaSets, Deployments and
 *     autoscaler, newest first, one per reason and object, at most {@link #MAX_EVENTS}
 * @param restoredFrom may be null: the savepoint or checkpoint the running job started from, as the
 *     JobManager reports it ({@link JobInfo#restoredFrom()}), else the savepoint the state record
 *     says the JobManager's pods were started with; null when the job started without state, and
 *     for a suspended or deleted deployment or one of target {@code operator} (the operator tracks
 *     what it restores)
 * @param conditions the Kubernetes-style conditions {@code Ready}, {@code Progressing}, {@code
 *     Degraded} and {@code Suspended}, in that order; each reason and message names the cause when
 *     something is wrong (an image that cannot be pulled, a crash-looping container with its last
 *     termination, an unschedulable pod with the scheduler's message, a FAILED job with Flink's
 *     root exception); empty in a status made by the constructors without them
 * @param verdict one word for the conditions ({@link HealthVerdict}); {@link HealthVerdict#UNKNOWN}
 *     in a status made by the constructors without it
 */
public record DeploymentStatus(
        String namespace,
        String name,
        Lifecycle lifecycle,
        WorkloadStatus jobManager,
        WorkloadStatus taskManagers,
        JobInfo job,
        UpgradeStep upgradeStep,
        SavepointRecord lastSavepoint,
        List<SavepointRecord> savepoints,
        String message,
        List<KubernetesEvent> events,
        RestorePoint restoredFrom,
        List<Condition> conditions,
        HealthVerdict verdict) {

    /** The most Events a status carries: the newest ones. */
    public static final int MAX_EVENTS = 10;

    /** Copies the lists; null events or conditions mean none, a null verdict UNKNOWN. */
    public DeploymentStatus {
        savepoints = List.copyOf(savepoints);
        events = events == null ? List.of() : List.copyOf(events);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        verdict = verdict == null ? HealthVerdict.UNKNOWN : verdict;
    }

    /** A status without conditions and verdict (UNKNOWN). */
    public DeploymentStatus(
            String namespace,
            String name,
            Lifecycle lifecycle,
            WorkloadStatus jobManager,
            WorkloadStatus taskManagers,
            JobInfo job,
            UpgradeStep upgradeStep,
            SavepointRecord lastSavepoint,
            List<SavepointRecord> savepoints,
            String message,
            List<KubernetesEvent> events,
            RestorePoint restoredFrom) {
        this(
                namespace,
                name,
                lifecycle,
                jobManager,
                taskManagers,
                job,
                upgradeStep,
                lastSavepoint,
                savepoints,
                message,
                events,
                restoredFrom,
                List.of(),
                null);
    }

    /** A status without what the job was restored from. */
    public DeploymentStatus(
            String namespace,
            String name,
            Lifecycle lifecycle,
            WorkloadStatus jobManager,
            WorkloadStatus taskManagers,
            JobInfo job,
            UpgradeStep upgradeStep,
            SavepointRecord lastSavepoint,
            List<SavepointRecord> savepoints,
            String message,
            List<KubernetesEvent> events) {
        this(
                namespace,
                name,
                lifecycle,
                jobManager,
                taskManagers,
                job,
                upgradeStep,
                lastSavepoint,
                savepoints,
                message,
                events,
                null);
    }

    /** A status without Events and without what the job was restored from. */
    public DeploymentStatus(
            String namespace,
            String name,
            Lifecycle lifecycle,
            WorkloadStatus jobManager,
            WorkloadStatus taskManagers,
            JobInfo job,
            UpgradeStep upgradeStep,
            SavepointRecord lastSavepoint,
            List<SavepointRecord> savepoints,
            String message) {
        this(
                namespace,
                name,
                lifecycle,
                jobManager,
                taskManagers,
                job,
                upgradeStep,
                lastSavepoint,
                savepoints,
                message,
                List.of(),
                null);
    }

    /** The condition of {@code type} ({@link Condition#READY}, ...), if the status has it. */
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** This status with {@code conditions} and the {@code verdict} they come to. */
    public DeploymentStatus withHealth(List<Condition> conditions, HealthVerdict verdict) {
        return new DeploymentStatus(
                namespace,
                name,
                lifecycle,
                jobManager,
                taskManagers,
                job,
                upgradeStep,
                lastSavepoint,
                savepoints,
                message,
                events,
                restoredFrom,
                conditions,
                verdict);
    }

    /**
     * The path of the newest savepoint known: the one the running JobManager completed last ({@link
     * JobInfo#lastSavepoint()}) if it is newer than the one the SDK recorded ({@link
     * #lastSavepoint()}), else the recorded one, which is also what a job suspended or restarted
     * without a JobManager to ask has; empty when neither exists.
     */
    public Optional<String> latestSavepointPath() {
        CheckpointInfo flink = job == null ? null : job.lastSavepoint();
        boolean flinkNewer =
                flink != null
                        && flink.externalPath() != null
                        && (lastSavepoint == null
                                || !flink.completedAt().isBefore(lastSavepoint.takenAt()));
        if (flinkNewer) {
            return Optional.of(flink.externalPath());
        }
        return Optional.ofNullable(lastSavepoint).map(SavepointRecord::path);
    }
}
