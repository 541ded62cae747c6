package io.flinkk8s.sdk.benchmarks;

import java.time.Duration;
import org.apache.flink.client.deployment.ClusterSpecification;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.kubernetes.configuration.KubernetesConfigOptions;
import org.apache.flink.kubernetes.configuration.KubernetesDeploymentTarget;
import org.apache.flink.kubernetes.kubeclient.FlinkPod;
import org.apache.flink.kubernetes.kubeclient.parameters.KubernetesJobManagerParameters;

/**
 * The configuration for Flink's own {@code KubernetesJobManagerFactory} that is equivalent to the
 * headline spec ({@link HeadlineSpec}): same cluster id, namespace, image, memory, CPU, slots,
 * checkpointing and Kubernetes HA, application mode.
 */
final class FlinkFactoryInput {

    private FlinkFactoryInput() {}

    static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(DeploymentOptions.TARGET, KubernetesDeploymentTarget.APPLICATION.getName());
        conf.set(KubernetesConfigOptions.CLUSTER_ID, HeadlineSpec.NAME);
        conf.set(KubernetesConfigOptions.NAMESPACE, HeadlineSpec.NAMESPACE);
        conf.set(KubernetesConfigOptions.CONTAINER_IMAGE, HeadlineSpec.IMAGE);
        conf.set(KubernetesConfigOptions.JOB_MANAGER_CPU, 1.0);
        conf.set(KubernetesConfigOptions.TASK_MANAGER_CPU, 2.0);
        conf.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("2g"));
        conf.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("8g"));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://orders/checkpoints");
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, "s3://orders/savepoints");
        conf.set(HighAvailabilityOptions.HA_MODE, "kubernetes");
        conf.set(HighAvailabilityOptions.HA_STORAGE_PATH, "s3://orders/ha");
        conf.set(KubernetesConfigOptions.KUBERNETES_SERVICE_ACCOUNT, "orders-flink");
        // Flink's KubernetesClusterDescriptor fixes these before it calls the factory
        conf.set(BlobServerOptions.PORT, "6124");
        conf.set(TaskManagerOptions.RPC_PORT, "6122");
        conf.set(JobManagerOptions.PORT, 6123);
        conf.set(RestOptions.PORT, 8081);
        // no local conf dir with log files: the factory then mounts only the config file
        conf.set(KubernetesConfigOptions.FLINK_CONF_DIR, "/nonexistent-flink-conf");
        return conf;
    }

    static KubernetesJobManagerParameters parameters(Configuration conf) {
        ClusterSpecification cluster =
                new ClusterSpecification.ClusterSpecificationBuilder()
                        .setMasterMemoryMB(2048)
                        .setTaskManagerMemoryMB(8192)
                        .setSlotsPerTaskManager(4)
                        .createClusterSpecification();
        return new KubernetesJobManagerParameters(conf, cluster);
    }

    static FlinkPod emptyPod() {
        return new FlinkPod.Builder().build();
    }
}
