package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.flink.SavepointRecord;
import java.util.List;

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
 * @param lastSavepoint may be null: the most recent savepoint the SDK recorded
 * @param savepoints every savepoint the SDK recorded, oldest first
 * @param message what explains the lifecycle, e.g. {@code 2/3 TaskManagers ready}
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
        String message) {

    /** Copies the history. */
    public DeploymentStatus {
        savepoints = List.copyOf(savepoints);
    }
}
