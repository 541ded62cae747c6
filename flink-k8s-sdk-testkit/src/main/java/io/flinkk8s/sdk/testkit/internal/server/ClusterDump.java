package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Renders the cluster state as text a person reads when a test fails. */
public final class ClusterDump {

    private static final int TAIL = 25;
    private static final Set<String> HIDDEN =
            Set.of("Event", "Namespace", "CustomResourceDefinition");

    private ClusterDump() {}

    /** The dump: objects with a one-line summary each, then the last events and client requests. */
    public static String render(
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
                .filter(o -> !HIDDEN.contains(o.kind()))
                .sorted(
                        Comparator.comparing(StoredObject::kind)
                                .thenComparing(o -> String.valueOf(o.namespace()))
                                .thenComparing(StoredObject::name))
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

    private static String summary(JsonNode o) {
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        JsonNode metadata = o.path("metadata");
        StringBuilder sb = new StringBuilder();
        if (metadata.hasNonNull("deletionTimestamp")) {
            sb.append(" [deleting, finalizers ").append(metadata.path("finalizers")).append(']');
        }
        switch (o.path("kind").asText()) {
            case "Deployment", "StatefulSet", "ReplicaSet" ->
                    sb.append(" replicas ")
                            .append(status.path("readyReplicas").asInt(0))
                            .append('/')
                            .append(spec.path("replicas").asInt(1))
                            .append(" ready, generation ")
                            .append(text(metadata.get("generation")))
                            .append(" observed ")
                            .append(text(status.get("observedGeneration")));
            case "Pod" ->
                    sb.append(' ')
                            .append(status.path("phase").asText("Pending"))
                            .append(ready(status) ? " Ready" : " NotReady")
                            .append(" on ")
                            .append(text(spec.get("nodeName")))
                            .append(", restarts ")
                            .append(restarts(status));
            case "Service" ->
                    sb.append(' ')
                            .append(text(spec.get("type")))
                            .append(' ')
                            .append(text(spec.get("clusterIP")));
            case "HorizontalPodAutoscaler" ->
                    sb.append(" replicas ")
                            .append(text(status.get("currentReplicas")))
                            .append(" -> ")
                            .append(text(status.get("desiredReplicas")))
                            .append(" (min ")
                            .append(text(spec.get("minReplicas")))
                            .append(", max ")
                            .append(text(spec.get("maxReplicas")))
                            .append(')');
            case "Node" ->
                    sb.append(spec.path("unschedulable").asBoolean() ? " unschedulable" : "");
            default -> sb.append(status.isEmpty() ? "" : " status " + status);
        }
        return sb.toString();
    }

    /** A value as the dump shows it: its text, or "null" when absent. */
    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asText();
    }

    private static boolean ready(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(c.path("type").asText())
                    && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static int restarts(JsonNode status) {
        int restarts = 0;
        for (JsonNode c : status.path("containerStatuses")) {
            restarts += c.path("restartCount").asInt(0);
        }
        return restarts;
    }
}
