package io.flinkk8s.sdk.core.deploy.status;

/** Where a deployment stands, combining what Kubernetes and Flink report. */
public enum Lifecycle {
    /** Applied, but the JobManager, TaskManagers or the job are not all up yet. */
    DEPLOYING,
    /** Every pod is ready and the job runs (a session cluster: its JobManager answers). */
    RUNNING,
    /** An upgrade or suspend is in progress (recorded in the state record). */
    UPGRADING,
    /** The job was stopped (with a savepoint) and scaled to zero; its config is kept. */
    SUSPENDED,
    /** The job FAILED, or its JobManager does not answer while its pods are ready. */
    FAILED,
    /** Nothing of the deployment runs: never applied, or deleted. */
    DELETED,
    /**
     * Not known: the API server could not be read, so neither the state record nor the pods were
     * seen. The status's verdict is {@code UNKNOWN} and its conditions carry the cause (reason
     * {@code ApiServerUnavailable}); never read as FAILED or DELETED.
     */
    UNKNOWN
}
