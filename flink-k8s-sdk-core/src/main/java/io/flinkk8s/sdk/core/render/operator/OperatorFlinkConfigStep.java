package io.flinkk8s.sdk.core.render.operator;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.UserFlinkConfigStep;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The core Flink configuration of a {@code FlinkDeployment}: only what the Flink Kubernetes
 * Operator does not set itself. It replaces the standalone {@code flink-config} step under the same
 * id.
 *
 * <ul>
 *   <li><b>owns</b>: nothing. The operator writes the cluster's identity and addresses itself
 *       ({@code kubernetes.cluster-id}, {@code kubernetes.namespace}, the image, service account,
 *       CPU, JobManager replicas, the job's jar, class and arguments), and Flink's native
 *       Kubernetes mode the RPC address, bind hosts and ports; none of those is written;
 *   <li><b>derives</b> (a user value wins, with an advisory, in {@link UserFlinkConfigStep}):
 *       {@code jobmanager.memory.process.size} and {@code taskmanager.memory.process.size} from the
 *       resources, {@code taskmanager.numberOfTaskSlots}, {@code parallelism.default} (the job's
 *       parallelism, else replicas × slots) and, in session mode, {@code
 *       slotmanager.number-of-slots.min} = replicas × slots, so that Flink's native resource
 *       manager keeps {@code taskManager.replicas} TaskManagers running before a job arrives.
 *       {@link FlinkDeploymentStep} moves the memory sizes into {@code resource.memory} and, in
 *       application mode, the parallelism into {@code job.parallelism}, where the operator reads
 *       them;
 *   <li><b>overwrites / merges</b>: nothing, it runs on an empty draft;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class OperatorFlinkConfigStep implements RenderStep {

    /** {@code flink-config}: the id of the standalone step it stands in for. */
    public static final StepId ID = StepId.of("flink-config");

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
        int allSlots = tm.replicas() * tm.taskSlots();
        Rendering out =
                in.withConfig(
                                JobManagerOptions.TOTAL_PROCESS_MEMORY,
                                spec.jobManager().resource().memory().toMemorySize())
                        .withConfig(
                                TaskManagerOptions.TOTAL_PROCESS_MEMORY,
                                tm.resource().memory().toMemorySize())
                        .withConfig(TaskManagerOptions.NUM_TASK_SLOTS, tm.taskSlots());
        if (spec.mode() == DeploymentMode.SESSION) {
            return out.withConfig(CoreOptions.DEFAULT_PARALLELISM, allSlots)
                    .withConfig(ResourceManagerOptions.MIN_SLOT_NUM, allSlots);
        }
        Integer parallelism = spec.job() == null ? null : spec.job().parallelism();
        return out.withConfig(
                CoreOptions.DEFAULT_PARALLELISM, parallelism != null ? parallelism : allSlots);
    }
}
