package io.flinkk8s.sdk.core.naming;

/**
 * The part of a deployment an object belongs to; its {@link #labelValue()} is the {@code
 * app.kubernetes.io/component} label and, with the instance label, the selector of the workloads.
 */
public enum Component {
    /** The JobManager Deployment, its pods and the Services in front of it. */
    JOB_MANAGER("jobmanager"),
    /** The TaskManager Deployment and its pods. */
    TASK_MANAGER("taskmanager"),
    /** The Flink configuration ConfigMap. */
    CONFIG("flink-config"),
    /** The ServiceAccount, Role and RoleBinding. */
    RBAC("rbac"),
    /**
     * The PersistentVolumeClaim of {@code storage.volume}, shared by JobManager and TaskManagers.
     */
    STORAGE("storage"),
    /** The ResourceQuota and LimitRange of {@code tenancy}. */
    TENANCY("tenancy"),
    /** The SDK's own state record in the cluster (applied spec hash, savepoint history). */
    SDK_STATE("sdk-state"),
    /** The SDK's upgrade Lease: which deployer is moving the job, renewed while it works. */
    SDK_UPGRADE_LEASE("sdk-upgrade"),
    /**
     * The Flink Kubernetes Operator's {@code FlinkDeployment} custom resource (target {@code
     * operator}): the whole cluster as one object, whose pods the operator and Flink create.
     */
    FLINK_DEPLOYMENT("flink-deployment"),
    /**
     * The Flink Kubernetes Operator's {@code FlinkSessionJob} custom resource: a job the operator
     * submits to a session cluster.
     */
    SESSION_JOB("session-job"),
    /**
     * The SDK's record of a session job on a session cluster of target standalone (the job it
     * submitted, the savepoint history).
     */
    SESSION_JOB_STATE("sdk-session-job-state");

    private final String labelValue;

    Component(String labelValue) {
        this.labelValue = labelValue;
    }

    /** The {@code app.kubernetes.io/component} value, e.g. {@code taskmanager}. */
    public String labelValue() {
        return labelValue;
    }
}
