package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler: binds each unscheduled pod to the Ready, schedulable node with the fewest pods
 * (ties by name), or marks it {@code PodScheduled=False/Unschedulable} when there is none. Ignores
 * resources, affinity, taints and node selectors.
 */
public final class PodScheduler implements Controller {

    @Override
    public Set<String> watches() {
        return Set.of("pods", "nodes");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<Pod> pods = context.api().list(Pod.class);
        Map<String, Integer> load = new HashMap<>();
        List<Node> nodes =
                context.api().list(Node.class).stream()
                        .filter(PodScheduler::usable)
                        .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                        .toList();
        nodes.forEach(n -> load.put(n.getMetadata().getName(), 0));
        pods.stream()
                .filter(p -> p.getSpec().getNodeName() != null)
                .forEach(p -> load.computeIfPresent(p.getSpec().getNodeName(), (k, v) -> v + 1));
        for (Pod pod : pods) {
            if (pod.getSpec().getNodeName() != null || Workloads.isDeleting(pod)) {
                continue;
            }
            Node best =
                    nodes.stream()
                            .min(
                                    Comparator.comparing(
                                            (Node n) -> load.get(n.getMetadata().getName())))
                            .orElse(null);
            if (best == null) {
                markUnschedulable(context, pod);
                continue;
            }
            String node = best.getMetadata().getName();
            load.merge(node, 1, Integer::sum);
            context.api()
                    .update(
                            new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build(),
                            "default-scheduler");
            context.recordEvent(
                    pod,
                    "Normal",
                    "Scheduled",
                    "Successfully assigned "
                            + pod.getMetadata().getNamespace()
                            + "/"
                            + pod.getMetadata().getName()
                            + " to "
                            + node);
        }
    }

    private static boolean usable(Node node) {
        if (Boolean.TRUE.equals(
                node.getSpec() == null ? null : node.getSpec().getUnschedulable())) {
            return false;
        }
        return node.getStatus() != null
                && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static void markUnschedulable(ControllerContext context, Pod pod) {
        boolean marked =
                pod.getStatus() != null
                        && pod.getStatus().getConditions() != null
                        && pod.getStatus().getConditions().stream()
                                .anyMatch(
                                        c ->
                                                c.getType().equals("PodScheduled")
                                                        && "Unschedulable".equals(c.getReason()));
        if (marked) {
            return;
        }
        context.api()
                .updateStatus(
                        new PodBuilder(pod)
                                .editOrNewStatus()
                                .withPhase("Pending")
                                .addNewCondition()
                                .withType("PodScheduled")
                                .withStatus("False")
                                .withReason("Unschedulable")
                                .withMessage("0/0 nodes are available")
                                .withLastTransitionTime(context.now().toString())
                                .endCondition()
                                .endStatus()
                                .build());
    }
}
