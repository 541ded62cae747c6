package io.flinkk8s.sdk.core.deploy.status;

/**
 * Pods of one workload (the JobManager or the TaskManager Deployment).
 *
 * @param desired the replicas asked for
 * @param ready the replicas ready now
 * @param restarts container restarts summed over the workload's current pods
 */
public record WorkloadStatus(int desired, int ready, int restarts) {

    /** Whether every desired replica is ready. */
    public boolean isReady() {
        return ready >= desired;
    }

    /** {@code 2/3}. */
    @Override
    public String toString() {
        return ready + "/" + desired;
    }
}
