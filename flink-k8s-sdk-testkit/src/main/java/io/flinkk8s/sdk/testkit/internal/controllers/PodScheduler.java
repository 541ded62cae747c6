package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler: binds each unscheduled pod to the Ready, schedulable node with the fewest pods
 * (ties by name), or marks it {@code PodScheduled=False/Unschedulable} when there is none, or when
 * the test made it unschedulable (with the test's message, and a Warning {@code FailedScheduling}
 * Event as the scheduler writes). A pod that mounts a PersistentVolumeClaim that is missing or not
 * {@code Bound} stays unscheduled with the scheduler's message. Ignores resources, affinity, taints
 * and node selectors.
 */
public final class PodScheduler implements Controller {

    private final PodFaults faults;

    /** The scheduler, with the pods a test made unschedulable ({@link PodFaults}). */
    public PodScheduler(PodFaults faults) {
        this.faults = faults;
    }

    @Override
    public Set<String> watches() {
        return Set.of("pods", "nodes", "persistentvolumeclaims");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<JsonNode> pods = context.api().listJson(Pod.class, null);
        Map<String, Integer> load = new HashMap<>();
        List<String> nodes =
                context.api().listJson(Node.class, null).stream()
                        .filter(PodScheduler::usable)
                        .map(Trees::name)
                        .sorted()
                        .toList();
        nodes.forEach(n -> load.put(n, 0));
        pods.stream()
                .map(p -> Trees.text(p.path("spec"), "nodeName"))
                .filter(n -> n != null)
                .forEach(n -> load.computeIfPresent(n, (k, v) -> v + 1));
        for (JsonNode pod : pods) {
            if (pod.path("spec").hasNonNull("nodeName") || Trees.isDeleting(pod)) {
                continue;
            }
            String refused = faults.unschedulable(pod).orElse(null);
            if (refused != null) {
                markUnschedulable(context, pod, refused);
                continue;
            }
            String volumes = unboundClaims(context, pod, nodes.size());
            if (volumes != null) {
                markUnschedulable(context, pod, volumes);
                continue;
            }
            String node = nodes.stream().min(Comparator.comparing(load::get)).orElse(null);
            if (node == null) {
                markUnschedulable(context, pod, "0/0 nodes are available");
                continue;
            }
            load.merge(node, 1, Integer::sum);
            ObjectNode bound = pod.deepCopy();
            bound.with("spec").put("nodeName", node);
            context.api().updateJson(Pod.class, bound, "default-scheduler");
            context.recordEvent(
                    pod,
                    "Normal",
                    "Scheduled",
                    "Successfully assigned "
                            + Trees.namespace(pod)
                            + "/"
                            + Trees.name(pod)
                            + " to "
                            + node);
        }
    }

    /**
     * The scheduler's message for a pod whose claims are missing or not bound yet, or null when
     * every claim it mounts is Bound.
     */
    private static String unboundClaims(ControllerContext context, JsonNode pod, int nodes) {
        for (String name : Trees.claimNames(pod)) {
            JsonNode claim =
                    context.api().getJson(PersistentVolumeClaim.class, Trees.namespace(pod), name);
            if (claim == null) {
                return "0/"
                        + nodes
                        + " nodes are available: persistentvolumeclaim \""
                        + name
                        + "\" not found. preemption: 0/"
                        + nodes
                        + " nodes are available: "
                        + nodes
                        + " Preemption is not helpful for scheduling.";
            }
            if (!"Bound".equals(Trees.text(claim.path("status"), "phase"))) {
                return "0/"
                        + nodes
                        + " nodes are available: pod has unbound immediate"
                        + " PersistentVolumeClaims. preemption: 0/"
                        + nodes
                        + " nodes are available: "
                        + nodes
                        + " Preemption is not helpful for scheduling.";
            }
        }
        return null;
    }

    private static boolean usable(JsonNode node) {
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            return false;
        }
        JsonNode ready = Trees.find(node.path("status").get("conditions"), "type", "Ready");
        return ready != null && "True".equals(Trees.text(ready, "status"));
    }

    private static void markUnschedulable(ControllerContext context, JsonNode pod, String message) {
        JsonNode scheduled = pod.path("status").get("conditions");
        for (JsonNode c : Trees.elements(scheduled)) {
            if ("PodScheduled".equals(Trees.text(c, "type"))
                    && "Unschedulable".equals(Trees.text(c, "reason"))) {
                return;
            }
        }
        ObjectNode marked = pod.deepCopy();
        ObjectNode status = marked.with("status");
        status.put("phase", "Pending");
        ObjectNode condition = status.withArray("conditions").addObject();
        condition.put("lastTransitionTime", context.now().toString());
        condition.put("message", message);
        condition.put("reason", "Unschedulable");
        condition.put("status", "False");
        condition.put("type", "PodScheduled");
        context.api().updateStatusJson(Pod.class, marked);
        context.recordEvent(pod, "Warning", "FailedScheduling", message);
    }
}
