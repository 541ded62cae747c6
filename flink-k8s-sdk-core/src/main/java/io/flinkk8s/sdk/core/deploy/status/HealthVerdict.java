package io.flinkk8s.sdk.core.deploy.status;

/**
 * One word for how a deployment is doing, derived from its {@link Condition}s: what a dashboard
 * colours and an alert fires on. {@link #UNKNOWN} (the API server or Flink could not be read, or
 * nothing is deployed) is never reported as {@link #FAILED}.
 */
public enum HealthVerdict {
    /** Every pod is ready and the job runs (a session cluster: its JobManager answers). */
    HEALTHY,
    /** Being deployed, upgraded or started, and nothing says it cannot get there. */
    PROGRESSING,
    /**
     * The job runs but not as asked: fewer TaskManagers than desired, a crash-looping pod, a job
     * restarting.
     */
    DEGRADED,
    /**
     * It cannot get to running without someone acting: the job FAILED, an image cannot be pulled, a
     * container crash-loops, a pod cannot be scheduled, or the operator reports FAILED.
     */
    FAILED,
    /** Suspended on purpose: the job stopped with a savepoint and scaled to zero. */
    SUSPENDED,
    /**
     * Not known: the API server or the JobManager could not be read, or nothing of the deployment
     * exists to judge.
     */
    UNKNOWN
}
