package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.flinkk8s.sdk.core.internal.KubeLists;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.internal.EnvVars;
import io.flinkk8s.sdk.core.spec.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The main container's basics and the pods' metadata, for the JobManager and the TaskManagers.
 *
 * <ul>
 *   <li><b>overwrites</b>: the main container's name ({@value FlinkPorts#MAIN_CONTAINER}), image,
 *       image pull policy, and its {@code cpu}, {@code memory} and (when set) {@code
 *       ephemeral-storage} requests and limits, both equal to the spec's {@code resource} (memory
 *       is Flink's process size);
 *   <li><b>merges</b>: the Flink ports by number (JobManager: {@code rpc} 6123, {@code blob-server}
 *       6124, {@code rest} 8081; TaskManager: {@code rpc} 6122), the spec's {@code env} by name
 *       (literal values, or {@code secretKeyRef} / {@code configMapKeyRef} references; values are
 *       never read or copied), the recommended labels ({@code ResourceLabels.pod}) into the pod
 *       metadata; other resources, ports, env, labels and annotations of the pod template are kept.
 *       The spec's {@code labels} and {@code annotations} are not put on pods (they are on every
 *       object's metadata), so changing them replaces no pod;
 *   <li><b>emits</b>: nothing; it only edits the pod drafts.
 * </ul>
 */
public final class PodBaseStep implements RenderStep {

    /** {@code pod-base}. */
    public static final StepId ID = StepId.of("pod-base");

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
        Rendering out = in;
        for (Component c : StepSupport.POD_COMPONENTS) {
            out = out.mapPod(c, draft -> decorate(ctx, c, draft));
        }
        return out;
    }

    private static PodDraft decorate(RenderContext ctx, Component component, PodDraft draft) {
        Resources resources =
                component == Component.JOB_MANAGER
                        ? ctx.spec().jobManager().resource()
                        : ctx.spec().taskManager().resource();
        Map<String, Quantity> amounts = amounts(resources);
        List<EnvVar> env = ctx.spec().env().stream().map(EnvVars::of).toList();
        return draft.setOnMainContainer(
                        c -> {
                            c.setName(FlinkPorts.MAIN_CONTAINER);
                            c.setImage(ctx.spec().image());
                            c.setImagePullPolicy(ctx.spec().imagePullPolicy().wireValue());
                            c.setResources(withAmounts(c.getResources(), amounts));
                            c.setPorts(
                                    KubeLists.upsert(
                                            c.getPorts(),
                                            ports(component),
                                            ContainerPort::getContainerPort));
                            c.setEnv(KubeLists.upsert(c.getEnv(), env, EnvVar::getName));
                        })
                .setOnPodMetadata(
                        m -> {
                            // the spec's labels and annotations stay on the objects' metadata: a
                            // change to them must not replace the pods (podTemplate sets pods')
                            m.setLabels(merged(m.getLabels(), ctx.labels().pod(component)));
                        });
    }

    /** {@code given} (may be null) with {@code amounts} put into its requests and limits. */
    private static ResourceRequirements withAmounts(
            ResourceRequirements given, Map<String, Quantity> amounts) {
        ResourceRequirements r =
                given == null
                        ? new ResourceRequirements()
                        : new ResourceRequirementsBuilder(given).build();
        r.setRequests(merged(r.getRequests(), amounts));
        r.setLimits(merged(r.getLimits(), amounts));
        return r;
    }

    /** A new insertion-ordered map: {@code map} (null is empty) with {@code additions} put in. */
    private static <V> Map<String, V> merged(Map<String, V> map, Map<String, V> additions) {
        Map<String, V> result = map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
        result.putAll(additions);
        return result;
    }

    private static Map<String, Quantity> amounts(Resources r) {
        Map<String, Quantity> amounts = new TreeMap<>();
        amounts.put("cpu", r.cpu().toQuantity());
        amounts.put("memory", r.memory().toQuantity());
        if (r.ephemeralStorage() != null) {
            amounts.put("ephemeral-storage", r.ephemeralStorage().toQuantity());
        }
        return amounts;
    }

    private static List<ContainerPort> ports(Component component) {
        if (component == Component.TASK_MANAGER) {
            return List.of(port(FlinkPorts.RPC_NAME, FlinkPorts.TASK_MANAGER_RPC));
        }
        return List.of(
                port(FlinkPorts.RPC_NAME, FlinkPorts.JOB_MANAGER_RPC),
                port(FlinkPorts.BLOB_NAME, FlinkPorts.BLOB_SERVER),
                port(FlinkPorts.REST_NAME, FlinkPorts.REST));
    }

    private static ContainerPort port(String name, int number) {
        ContainerPort port = new ContainerPort();
        port.setName(name);
        port.setContainerPort(number);
        port.setProtocol("TCP");
        return port;
    }
}
