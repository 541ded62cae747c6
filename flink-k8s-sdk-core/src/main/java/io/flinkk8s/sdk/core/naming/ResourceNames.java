package io.flinkk8s.sdk.core.naming;

/**
 * The only place resource name suffixes exist. Tests, the testkit and callers use it too, so a name
 * is never spelled twice. The suffixes are a wire format: changing one is a breaking change.
 *
 * <pre>{@code
 * ResourceNames names = ResourceNames.of("orders");
 * names.taskManagerDeployment();   // "orders-taskmanager"
 * }</pre>
 *
 * @param deploymentName the spec's {@code name}
 */
public record ResourceNames(String deploymentName) {

    /**
     * The longest suffix this class appends ({@code -jobmanager-rpc}); the deployment name is
     * limited so that every derived name is a valid DNS-1123 label of at most 63 characters.
     */
    public static final int LONGEST_SUFFIX = "-jobmanager-rpc".length();

    /**
     * The longest deployment name, as Flink limits {@code kubernetes.cluster-id} and the operator
     * limits a FlinkDeployment's name.
     */
    public static final int MAX_DEPLOYMENT_NAME_LENGTH = 45;

    /** Names for the deployment called {@code deploymentName}. */
    public static ResourceNames of(String deploymentName) {
        return new ResourceNames(deploymentName);
    }

    /** {@code <name>-jobmanager}: the JobManager Deployment. */
    public String jobManagerDeployment() {
        return deploymentName + "-jobmanager";
    }

    /** {@code <name>-taskmanager}: the TaskManager Deployment. */
    public String taskManagerDeployment() {
        return deploymentName + "-taskmanager";
    }

    /**
     * {@code <name>-jobmanager-rpc}: the JobManager RPC/blob Service ({@code
     * jobmanager.rpc.address} without HA; headless with HA).
     */
    public String rpcService() {
        return deploymentName + "-jobmanager-rpc";
    }

    /**
     * {@code <name>-rest}: the REST/web UI Service, named as the Flink Kubernetes Operator names
     * it.
     */
    public String restService() {
        return deploymentName + "-rest";
    }

    /**
     * {@code <name>-rest}: the Ingress to the REST service (standalone target; the operator names
     * its own after the {@code FlinkDeployment}).
     */
    public String ingress() {
        return restService();
    }

    /** The NetworkPolicy of the deployment's pods: {@code <name>}. */
    public String networkPolicy() {
        return deploymentName;
    }

    /** The Prometheus Operator's PodMonitor of the deployment's pods: {@code <name>}. */
    public String podMonitor() {
        return deploymentName;
    }

    /** {@code <name>-flink-config}: the ConfigMap with the Flink and logging configuration. */
    public String configMap() {
        return deploymentName + "-flink-config";
    }

    /** {@code <name>-flink}: the ServiceAccount the SDK renders when the spec names none. */
    public String serviceAccount() {
        return deploymentName + "-flink";
    }

    /** {@code <name>-flink-ha}: the Role (and RoleBinding) for Kubernetes HA ConfigMaps. */
    public String haRole() {
        return deploymentName + "-flink-ha";
    }

    /**
     * {@code <name>-taskmanager}: the HorizontalPodAutoscaler of the TaskManager Deployment, named
     * after its target as {@code kubectl autoscale} names one.
     */
    public String taskManagerAutoscaler() {
        return taskManagerDeployment();
    }

    /** {@code <name>-jobmanager}: the JobManager PodDisruptionBudget, named after its pods. */
    public String jobManagerDisruptionBudget() {
        return jobManagerDeployment();
    }

    /** {@code <name>-taskmanager}: the TaskManager PodDisruptionBudget, named after its pods. */
    public String taskManagerDisruptionBudget() {
        return taskManagerDeployment();
    }

    /**
     * {@code <name>-state}: the PersistentVolumeClaim of {@code storage.volume}; holds state, so
     * prune and delete keep it unless asked.
     */
    public String stateVolumeClaim() {
        return deploymentName + "-state";
    }

    /** {@code <name>-quota}: the ResourceQuota of {@code tenancy}; pruned when turned off. */
    public String resourceQuota() {
        return deploymentName + "-quota";
    }

    /** {@code <name>-limits}: the LimitRange of {@code tenancy}; pruned when turned off. */
    public String limitRange() {
        return deploymentName + "-limits";
    }

    /** {@code <name>-sdk-state}: the SDK's own record in the cluster; never pruned. */
    public String sdkState() {
        return deploymentName + "-sdk-state";
    }

    /**
     * {@code <name>-sdk-session-job}: the SDK's record of the session job {@code <name>} on a
     * session cluster of target standalone ({@code ResourceNames.of(sessionJob.name())}); never
     * pruned, deleted only on request.
     */
    public String sessionJobState() {
        return deploymentName + "-sdk-session-job";
    }

    /**
     * {@code <name>-sdk-upgrade}: the {@code coordination.k8s.io/v1} Lease a deployer holds while
     * it upgrades, suspends or deletes with a savepoint, so that another deployer knows it is
     * alive.
     */
    public String upgradeLease() {
        return deploymentName + "-sdk-upgrade";
    }

    /**
     * {@code <name>-sdk-session-job-upgrade}: the Lease a deployer holds while it changes the job
     * of session job {@code <name>} on a session cluster of target standalone ({@code
     * ResourceNames.of(sessionJob.name())}).
     */
    public String sessionJobUpgradeLease() {
        return deploymentName + "-sdk-session-job-upgrade";
    }

    /**
     * {@code <name>}: the {@code FlinkDeployment} custom resource of target {@code operator}. The
     * operator names the JobManager Deployment after it and uses it as the cluster id.
     */
    public String flinkDeployment() {
        return deploymentName;
    }

    /**
     * {@code <name>}: the {@code FlinkSessionJob} custom resource, for the names of a session job
     * ({@code ResourceNames.of(sessionJob.name())}).
     */
    public String flinkSessionJob() {
        return deploymentName;
    }

    /** {@code <name>}: Flink's {@code kubernetes.cluster-id}, which names the HA ConfigMaps. */
    public String clusterId() {
        return deploymentName;
    }
}
