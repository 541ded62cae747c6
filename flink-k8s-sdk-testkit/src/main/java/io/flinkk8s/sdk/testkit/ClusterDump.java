package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.StoredObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders the cluster state as text a person reads when a test fails. */
final class ClusterDump {

    private static final int TAIL = 25;
    private static final Set<String> HIDDEN =
            Set.of("Event", "Namespace", "CustomResourceDefinition");

    private ClusterDump() {}

    static String render(
            Instant now,
            List<StoredObject> objects,
            List<Event> events,
            List<ApiRequest> requests) {
        StringBuilder sb = new StringBuilder();
        sb.append("=== in-memory cluster at ")
                .append(now)
                .append(" (virtual time), ")
                .append(objects.size())
                .append(" objects ===\n");
        objects.stream()
                .filter(o -> !HIDDEN.contains(o.object().getKind()))
                .sorted(
                        Comparator.comparing((StoredObject o) -> o.object().getKind())
                                .thenComparing(
                                        o ->
                                                String.valueOf(
                                                        o.object().getMetadata().getNamespace()))
                                .thenComparing(o -> o.object().getMetadata().getName()))
                .forEach(
                        o ->
                                sb.append("  ")
                                        .append(o.describe())
                                        .append(summary(o.object()))
                                        .append('\n'));
        sb.append("--- last events ---\n");
        events.stream()
                .skip(Math.max(0, events.size() - TAIL))
                .forEach(
                        e ->
                                sb.append("  ")
                                        .append(e.getLastTimestamp())
                                        .append(' ')
                                        .append(e.getType())
                                        .append(' ')
                                        .append(e.getReason())
                                        .append(' ')
                                        .append(e.getInvolvedObject().getKind())
                                        .append('/')
                                        .append(e.getInvolvedObject().getName())
                                        .append(": ")
                                        .append(e.getMessage())
                                        .append('\n'));
        sb.append("--- last client requests ---\n");
        requests.stream()
                .skip(Math.max(0, requests.size() - TAIL))
                .forEach(r -> sb.append("  ").append(r).append('\n'));
        return sb.toString();
    }

    private static String summary(GenericKubernetesResource o) {
        Map<String, Object> spec = map(o.getAdditionalProperties().get("spec"));
        Map<String, Object> status = map(o.getAdditionalProperties().get("status"));
        StringBuilder sb = new StringBuilder();
        if (o.getMetadata().getDeletionTimestamp() != null) {
            sb.append(" [deleting, finalizers ")
                    .append(o.getMetadata().getFinalizers())
                    .append(']');
        }
        switch (o.getKind()) {
            case "Deployment", "StatefulSet", "ReplicaSet" ->
                    sb.append(" replicas ")
                            .append(status.getOrDefault("readyReplicas", 0))
                            .append('/')
                            .append(spec.getOrDefault("replicas", 1))
                            .append(" ready, generation ")
                            .append(o.getMetadata().getGeneration())
                            .append(" observed ")
                            .append(status.get("observedGeneration"));
            case "Pod" ->
                    sb.append(' ')
                            .append(status.getOrDefault("phase", "Pending"))
                            .append(ready(status) ? " Ready" : " NotReady")
                            .append(" on ")
                            .append(spec.get("nodeName"))
                            .append(", restarts ")
                            .append(restarts(status));
            case "Service" ->
                    sb.append(' ')
                            .append(spec.get("type"))
                            .append(' ')
                            .append(spec.get("clusterIP"));
            case "HorizontalPodAutoscaler" ->
                    sb.append(" replicas ")
                            .append(status.get("currentReplicas"))
                            .append(" -> ")
                            .append(status.get("desiredReplicas"))
                            .append(" (min ")
                            .append(spec.get("minReplicas"))
                            .append(", max ")
                            .append(spec.get("maxReplicas"))
                            .append(')');
            case "Node" ->
                    sb.append(
                            Boolean.TRUE.equals(spec.get("unschedulable")) ? " unschedulable" : "");
            default -> sb.append(status.isEmpty() ? "" : " status " + status);
        }
        return sb.toString();
    }

    private static boolean ready(Map<String, Object> status) {
        Object conditions = status.get("conditions");
        if (conditions instanceof List<?> list) {
            return list.stream()
                    .map(ClusterDump::map)
                    .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
        }
        return false;
    }

    private static int restarts(Map<String, Object> status) {
        Object containers = status.get("containerStatuses");
        if (containers instanceof List<?> list) {
            return list.stream()
                    .map(ClusterDump::map)
                    .mapToInt(c -> c.get("restartCount") instanceof Number n ? n.intValue() : 0)
                    .sum();
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
