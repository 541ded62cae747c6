package io.flinkk8s.sdk.core.render.operator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.ProbesStep;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import java.util.Map;

/**
 * The probes of a {@code FlinkDeployment}'s pods, from {@code probes}, in the main container
 * {@value FlinkPorts#MAIN_CONTAINER} of the JobManager and TaskManager pod templates. It replaces
 * the standalone {@code probes} step under the same id.
 *
 * <ul>
 *   <li><b>overwrites</b>: the JobManager's {@code readinessProbe} and {@code livenessProbe} and
 *       the TaskManager's {@code startupProbe}, {@code readinessProbe} and {@code livenessProbe},
 *       each when enabled, as the standalone step renders them, with the SDK's port names
 *       translated to those of Flink's native Kubernetes mode, which names the container ports:
 *       {@code rpc} becomes {@value #JOB_MANAGER_RPC_PORT} on the JobManager and {@value
 *       #TASK_MANAGER_RPC_PORT} on the TaskManagers, {@code blob-server} becomes {@value
 *       #BLOB_SERVER_PORT}, {@code rest} stays; port numbers are kept (native mode uses the same
 *       numbers, {@value FlinkPorts#REST}, {@value FlinkPorts#JOB_MANAGER_RPC} and {@value
 *       FlinkPorts#TASK_MANAGER_RPC}); a {@code custom} probe is rendered as given;
 *   <li><b>leaves to the operator</b>: the JobManager's {@code startupProbe}. The operator adds its
 *       own (HTTP GET {@code /config} on {@code rest}, every second, without a failure limit) to a
 *       JobManager pod template that has none, to detect a JobManager that never comes up; the SDK
 *       does not fight it. Only a {@code custom} {@code probes.jobManagerStartup} is rendered, and
 *       then the operator keeps it; the SDK's default and a probe given by fields are left out. The
 *       operator's startup probe holds the JobManager's liveness and readiness probes back until
 *       the REST endpoint answers, as the SDK's own startup probe does on target standalone;
 *   <li><b>merges</b>: a probe turned off ({@code enabled: false}) leaves the pod template's probe
 *       of that kind in place, if it has one;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class OperatorProbesStep implements RenderStep {

    /** {@code probes}: the id of the standalone step it stands in for. */
    public static final StepId ID = StepId.of("probes");

    /** The JobManager RPC port's name in Flink's native mode ({@code Constants}). */
    public static final String JOB_MANAGER_RPC_PORT = "jobmanager-rpc";

    /** The TaskManager RPC port's name in Flink's native mode. */
    public static final String TASK_MANAGER_RPC_PORT = "taskmanager-rpc";

    /** The blob server port's name in Flink's native mode. */
    public static final String BLOB_SERVER_PORT = "blobserver";

    private static final Map<String, String> JOB_MANAGER_PORTS =
            Map.of(
                    FlinkPorts.RPC_NAME, JOB_MANAGER_RPC_PORT,
                    FlinkPorts.BLOB_NAME, BLOB_SERVER_PORT);

    private static final Map<String, String> TASK_MANAGER_PORTS =
            Map.of(FlinkPorts.RPC_NAME, TASK_MANAGER_RPC_PORT);

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        ProbePolicy p = ctx.spec().probes();
        ProbeSpec jmStartup =
                p.jobManagerStartup().custom() != null
                        ? p.jobManagerStartup()
                        : ProbeSpec.disabled();
        return in.mapPod(
                        Component.JOB_MANAGER,
                        draft ->
                                probes(
                                        draft,
                                        JOB_MANAGER_PORTS,
                                        jmStartup,
                                        p.jobManagerReadiness(),
                                        p.jobManagerLiveness()))
                .mapPod(
                        Component.TASK_MANAGER,
                        draft ->
                                probes(
                                        draft,
                                        TASK_MANAGER_PORTS,
                                        p.taskManagerStartup(),
                                        p.taskManagerReadiness(),
                                        p.taskManagerLiveness()));
    }

    private static PodDraft probes(
            PodDraft draft,
            Map<String, String> ports,
            ProbeSpec startup,
            ProbeSpec readiness,
            ProbeSpec liveness) {
        return draft.editMainContainer(
                c -> {
                    ContainerBuilder b = c;
                    if (!startup.isDisabled()) {
                        b = b.withStartupProbe(ProbesStep.probe(nativePort(startup, ports)));
                    }
                    if (!readiness.isDisabled()) {
                        b = b.withReadinessProbe(ProbesStep.probe(nativePort(readiness, ports)));
                    }
                    if (!liveness.isDisabled()) {
                        b = b.withLivenessProbe(ProbesStep.probe(nativePort(liveness, ports)));
                    }
                    return b;
                });
    }

    /** {@code p} with an SDK port name replaced by native mode's name for the same port. */
    private static ProbeSpec nativePort(ProbeSpec p, Map<String, String> ports) {
        if (p.custom() != null || p.port() == null || !ports.containsKey(p.port())) {
            return p;
        }
        return new ProbeSpec(
                p.enabled(),
                p.type(),
                p.path(),
                ports.get(p.port()),
                p.command(),
                null,
                p.initialDelay(),
                p.period(),
                p.timeout(),
                p.successThreshold(),
                p.failureThreshold());
    }
}
