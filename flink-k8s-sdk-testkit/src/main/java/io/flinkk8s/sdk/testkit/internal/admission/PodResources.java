package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.admission.Quantities.Amount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pod's compute resources as the API server and the quota system see them: the defaulting of a
 * container's requests from its limits, and the pod's usage (Kubernetes' {@code PodUsageFunc}: the
 * containers summed, the largest init container if larger, {@code spec.overhead} added; only the
 * object count for a pod that has finished).
 */
public final class PodResources {

    /** The container lists of a pod spec, app containers first. */
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");

    private PodResources() {}

    /**
     * What the API server's defaulting does to a new pod's containers before admission: a resource
     * with a limit and no request gets the limit as its request.
     */
    public static void defaultRequestsFromLimits(ObjectNode pod) {
        for (ObjectNode container : containers(pod)) {
            JsonNode limits = container.path("resources").path("limits");
            if (!limits.isObject() || limits.isEmpty()) {
                continue;
            }
            ObjectNode requests = container.with("resources").with("requests");
            limits.fields()
                    .forEachRemaining(
                            e -> {
                                if (!requests.has(e.getKey())) {
                                    requests.set(e.getKey(), e.getValue().deepCopy());
                                }
                            });
        }
    }

    /** The containers and init containers of a pod, as stored (changes reach the pod). */
    static List<ObjectNode> containers(JsonNode pod) {
        List<ObjectNode> result = new ArrayList<>();
        for (String list : CONTAINER_LISTS) {
            for (JsonNode c : pod.path("spec").path(list)) {
                if (c instanceof ObjectNode o) {
                    result.add(o);
                }
            }
        }
        return result;
    }

    /** Whether the pod has finished ({@code Succeeded} or {@code Failed}): no compute usage. */
    static boolean isTerminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** What the pod counts against a ResourceQuota. */
    public static Map<String, Amount> usage(JsonNode pod) {
        Map<String, Amount> result = new TreeMap<>();
        result.put("count/pods", Quantities.count(1));
        if (isTerminal(pod)) {
            return result;
        }
        Map<String, Amount> requests = new TreeMap<>();
        Map<String, Amount> limits = new TreeMap<>();
        for (JsonNode c : pod.path("spec").path("containers")) {
            requests =
                    Quantities.add(requests, Quantities.list(c.path("resources").get("requests")));
            limits = Quantities.add(limits, Quantities.list(c.path("resources").get("limits")));
        }
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            requests =
                    Quantities.max(requests, Quantities.list(c.path("resources").get("requests")));
            limits = Quantities.max(limits, Quantities.list(c.path("resources").get("limits")));
        }
        Map<String, Amount> overhead = Quantities.list(pod.path("spec").get("overhead"));
        result.putAll(
                computeUsage(Quantities.add(requests, overhead), Quantities.add(limits, overhead)));
        return result;
    }

    /**
     * Kubernetes' {@code podComputeUsageHelper}: {@code pods} 1, {@code cpu}/{@code requests.cpu}
     * from the requests, {@code limits.cpu} from the limits, the same for memory, ephemeral storage
     * and huge pages, {@code requests.<name>} for other (extended) resources.
     */
    static Map<String, Amount> computeUsage(
            Map<String, Amount> requests, Map<String, Amount> limits) {
        Map<String, Amount> result = new TreeMap<>();
        result.put("pods", Quantities.count(1));
        requests.forEach(
                (name, amount) -> {
                    if (isStandard(name)) {
                        result.put(name, amount);
                    }
                    result.put("requests." + name, amount);
                });
        limits.forEach(
                (name, amount) -> {
                    if (isStandard(name) && !name.startsWith("hugepages-")) {
                        result.put("limits." + name, amount);
                    }
                });
        return result;
    }

    private static boolean isStandard(String name) {
        return name.equals("cpu")
                || name.equals("memory")
                || name.equals("ephemeral-storage")
                || name.startsWith("hugepages-");
    }
}
