package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints controller: for every Service with a selector, a core/v1 {@code Endpoints} of the
 * same name listing the matching pods that have an IP, the Ready ones under {@code addresses} and
 * the others under {@code notReadyAddresses}, with the Service's ports resolved on each pod (a
 * named {@code targetPort} through the pod's container ports). So a pod whose readiness probe fails
 * drops out of its Services, as on a real cluster.
 *
 * <p>Simplified: one subset per distinct set of resolved ports; no EndpointSlices; Endpoints of a
 * deleted Service are removed only if this controller wrote them.
 */
public final class EndpointsController implements Controller {

    /** Annotation on the Endpoints this controller writes. */
    static final String MANAGED = "testkit.flinkk8s.io/endpoints-controller";

    @Override
    public Set<String> watches() {
        return Set.of("services", "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<JsonNode> pods = context.api().listJson(Pod.class, null);
        for (JsonNode s : context.api().listJson(Service.class, null)) {
            JsonNode selector = s.path("spec").get("selector");
            if (selector == null
                    || !selector.isObject()
                    || selector.isEmpty()
                    || Trees.isDeleting(s)) {
                continue;
            }
            write(context, s, desired(s, matching(pods, s, selector)));
        }
        for (JsonNode e : context.api().listJson(Endpoints.class, null)) {
            boolean ours = Trees.meta(e).path("annotations").has(MANAGED);
            if (ours
                    && context.api().getJson(Service.class, Trees.namespace(e), Trees.name(e))
                            == null) {
                context.api().deleteJson(Endpoints.class, e, "Background");
            }
        }
    }

    private static List<JsonNode> matching(List<JsonNode> pods, JsonNode s, JsonNode selector) {
        String namespace = Trees.namespace(s);
        return pods.stream()
                .filter(p -> namespace.equals(Trees.namespace(p)))
                .filter(p -> !Trees.isDeleting(p))
                .filter(p -> p.path("status").hasNonNull("podIP"))
                .filter(p -> Trees.containsAll(Trees.meta(p).get("labels"), selector))
                .sorted(Comparator.comparing(Trees::name))
                .toList();
    }

    private static ObjectNode desired(JsonNode s, List<JsonNode> pods) {
        Map<JsonNode, ObjectNode> subsets = new LinkedHashMap<>();
        for (JsonNode pod : pods) {
            ArrayNode ports = resolve(s, pod);
            if (ports.isEmpty()) {
                continue;
            }
            ObjectNode subset =
                    subsets.computeIfAbsent(
                            ports,
                            p -> {
                                ObjectNode created = Trees.object();
                                created.putArray("addresses");
                                created.putArray("notReadyAddresses");
                                created.set("ports", p);
                                return created;
                            });
            subset.withArray(Trees.isPodReady(pod) ? "addresses" : "notReadyAddresses")
                    .add(address(pod));
        }
        ArrayNode built = Trees.array();
        for (ObjectNode subset : subsets.values()) {
            // empty lists are left out, as fabric8's model writes them
            for (String field : List.of("addresses", "notReadyAddresses")) {
                if (subset.path(field).isEmpty()) {
                    subset.remove(field);
                }
            }
            built.add(subset);
        }
        ObjectNode endpoints = Trees.object();
        endpoints.put("apiVersion", "v1");
        endpoints.put("kind", "Endpoints");
        ObjectNode metadata = endpoints.putObject("metadata");
        metadata.set("annotations", Trees.object().put(MANAGED, "true"));
        ObjectNode labels = Trees.copyOrNull(Trees.meta(s).get("labels"));
        if (labels != null) {
            metadata.set("labels", labels);
        }
        metadata.put("name", Trees.name(s));
        metadata.put("namespace", Trees.namespace(s));
        if (!built.isEmpty()) {
            endpoints.set("subsets", built);
        }
        return endpoints;
    }

    /** The Service's ports on {@code pod}; a port whose name the pod lacks is left out. */
    private static ArrayNode resolve(JsonNode s, JsonNode pod) {
        ArrayNode ports = Trees.array();
        for (JsonNode sp : Trees.elements(s.path("spec").get("ports"))) {
            Integer number = targetPort(sp, pod);
            if (number != null) {
                // in the field order fabric8's EndpointPort writes
                ObjectNode port = ports.addObject();
                String name = Trees.text(sp, "name");
                if (name != null) {
                    port.put("name", name);
                }
                port.put("port", number);
                String protocol = Trees.text(sp, "protocol");
                port.put("protocol", protocol == null ? "TCP" : protocol);
            }
        }
        return ports;
    }

    private static Integer targetPort(JsonNode sp, JsonNode pod) {
        JsonNode target = sp.get("targetPort");
        if (target == null || target.isNull()) {
            return sp.path("port").isNumber() ? sp.path("port").intValue() : null;
        }
        if (target.isNumber()) {
            return target.intValue();
        }
        for (JsonNode c : Trees.elements(pod.path("spec").get("containers"))) {
            for (JsonNode p : Trees.elements(c.get("ports"))) {
                if (target.asText().equals(Trees.text(p, "name"))) {
                    return p.path("containerPort").intValue();
                }
            }
        }
        return null;
    }

    private static ObjectNode address(JsonNode pod) {
        // in the field order fabric8's EndpointAddress and ObjectReference write
        ObjectNode address = Trees.object();
        address.put("ip", Trees.text(pod.path("status"), "podIP"));
        String node = Trees.text(pod.path("spec"), "nodeName");
        if (node != null) {
            address.put("nodeName", node);
        }
        ObjectNode ref = address.putObject("targetRef");
        ref.put("kind", "Pod");
        ref.put("name", Trees.name(pod));
        ref.put("namespace", Trees.namespace(pod));
        ref.put("uid", Trees.uid(pod));
        return address;
    }

    private static void write(ControllerContext context, JsonNode s, ObjectNode desired) {
        JsonNode live = context.api().getJson(Endpoints.class, Trees.namespace(s), Trees.name(s));
        if (live == null) {
            context.api().createJson(Endpoints.class, desired, Workloads.CONTROLLER_MANAGER);
        } else if (!desired.path("subsets").equals(live.path("subsets"))
                || !desired.path("metadata")
                        .path("labels")
                        .equals(live.path("metadata").path("labels"))) {
            ObjectNode updated = live.deepCopy();
            set(updated, "subsets", desired.get("subsets"));
            set(updated.with("metadata"), "labels", desired.path("metadata").get("labels"));
            context.api().updateJson(Endpoints.class, updated, Workloads.CONTROLLER_MANAGER);
        }
    }

    private static void set(ObjectNode into, String field, JsonNode value) {
        if (value == null) {
            into.remove(field);
        } else {
            into.set(field, value);
        }
    }
}
