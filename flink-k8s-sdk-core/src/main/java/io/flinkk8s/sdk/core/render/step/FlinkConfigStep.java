package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The core Flink configuration every standalone cluster needs.
 *
 * <ul>
 *   <li><b>owns</b> (the Services and pods rely on them; a user value is a validation error):
 *       {@code jobmanager.rpc.address} = the RPC Service, the ports {@code jobmanager.rpc.port}
 *       6123, {@code blob.server.port} 6124, {@code rest.port} 8081, {@code taskmanager.rpc.port}
 *       6122 ({@link FlinkPorts}), {@code jobmanager.bind-host}, {@code taskmanager.bind-host} and
 *       {@code rest.bind-address} {@code 0.0.0.0}, {@code kubernetes.cluster-id};
 *   <li><b>derives</b> (a user value wins, with an advisory, in {@link UserFlinkConfigStep}):
 *       {@code jobmanager.memory.process.size} and {@code taskmanager.memory.process.size} from the
 *       resources, {@code taskmanager.numberOfTaskSlots}, {@code parallelism.default} (the job's
 *       parallelism, else replicas × slots) and, in application mode, {@code
 *       execution.shutdown-on-application-finish: false}: a finished job must not end the
 *       JobManager process, or the Deployment restarts it and the job runs again;
 *   <li><b>overwrites / merges</b>: nothing, it runs on an empty draft;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class FlinkConfigStep implements RenderStep {

    /** {@code flink-config}. */
    public static final StepId ID = StepId.of("flink-config");

    private static final String ALL_INTERFACES = "0.0.0.0";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        FlinkDeploymentSpec spec = ctx.spec();
        TaskManagerSpec tm = spec.taskManager();
        Rendering out =
                in.withConfig(JobManagerOptions.ADDRESS, ctx.names().rpcService())
                        .withConfig(JobManagerOptions.PORT, FlinkPorts.JOB_MANAGER_RPC)
                        .withConfig(BlobServerOptions.PORT, String.valueOf(FlinkPorts.BLOB_SERVER))
                        .withConfig(RestOptions.PORT, FlinkPorts.REST)
                        .withConfig(
                                TaskManagerOptions.RPC_PORT,
                                String.valueOf(FlinkPorts.TASK_MANAGER_RPC))
                        .withConfig(JobManagerOptions.BIND_HOST, ALL_INTERFACES)
                        .withConfig(TaskManagerOptions.BIND_HOST, ALL_INTERFACES)
                        .withConfig(RestOptions.BIND_ADDRESS, ALL_INTERFACES)
                        .withConfig(
                                ManagedConfigKeys.KUBERNETES_CLUSTER_ID, ctx.names().clusterId())
                        .withConfig(
                                JobManagerOptions.TOTAL_PROCESS_MEMORY,
                                spec.jobManager().resource().memory().toMemorySize())
                        .withConfig(
                                TaskManagerOptions.TOTAL_PROCESS_MEMORY,
                                tm.resource().memory().toMemorySize())
                        .withConfig(TaskManagerOptions.NUM_TASK_SLOTS, tm.taskSlots())
                        .withConfig(CoreOptions.DEFAULT_PARALLELISM, parallelism(spec));
        if (spec.mode() == DeploymentMode.APPLICATION) {
            out = out.withConfig(DeploymentOptions.SHUTDOWN_ON_APPLICATION_FINISH, false);
        }
        return out;
    }

    private static int parallelism(FlinkDeploymentSpec spec) {
        if (spec.job() != null && spec.job().parallelism() != null) {
            return spec.job().parallelism();
        }
        return spec.taskManager().replicas() * spec.taskManager().taskSlots();
    }
}
