package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.flinkk8s.sdk.testkit.internal.admission.Quantities.Amount;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code LimitRanger} admission plugin for pods: first the defaults of each {@code Container}
 * item ({@code default} limits, {@code defaultRequest} requests) go into containers without them,
 * with the {@code kubernetes.io/limit-ranger} annotation saying what was set; then {@code min},
 * {@code max} and {@code maxLimitRequestRatio} of {@code Container} and {@code Pod} items are
 * checked, every violation in one 403 ({@code maximum cpu usage per Container is 2, but limit is
 * 4}). A {@code Container} item's unset defaults come from its other fields as the API server
 * defaults a stored LimitRange: {@code default} from {@code max}, {@code defaultRequest} from
 * {@code default}, then from {@code min} (computed here, not written into the stored LimitRange).
 */
public final class LimitRanger {

    static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private LimitRanger() {}

    /** Sets the defaults of the namespace's LimitRanges in {@code pod}'s containers. */
    static void applyDefaults(ClusterView view, String namespace, ObjectNode pod) {
        List<String> annotations = new ArrayList<>();
        for (JsonNode item : containerItems(view, namespace)) {
            Map<String, Amount> limits = Quantities.list(item.get("default"));
            Map<String, Amount> requests = Quantities.list(item.get("defaultRequest"));
            Quantities.list(item.get("max")).forEach(limits::putIfAbsent);
            limits.forEach(requests::putIfAbsent);
            Quantities.list(item.get("min")).forEach(requests::putIfAbsent);
            for (String list : PodResources.CONTAINER_LISTS) {
                String prefix = list.equals("containers") ? "container" : "init container";
                for (JsonNode c : pod.path("spec").path(list)) {
                    if (c instanceof ObjectNode container) {
                        merge(container, item, requests, limits, prefix, annotations);
                    }
                }
            }
        }
        if (!annotations.isEmpty()) {
            pod.with("metadata")
                    .with("annotations")
                    .put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", annotations));
        }
    }

    private static void merge(
            ObjectNode container,
            JsonNode item,
            Map<String, Amount> requests,
            Map<String, Amount> limits,
            String prefix,
            List<String> annotations) {
        TreeSet<String> setRequests = new TreeSet<>();
        TreeSet<String> setLimits = new TreeSet<>();
        ObjectNode resources = container.with("resources");
        for (String name : limits.keySet()) {
            if (!resources.path("limits").has(name)) {
                resources.with("limits").set(name, textOf(item, name, "default", "max"));
                setLimits.add(name);
            }
        }
        for (String name : requests.keySet()) {
            if (!resources.path("requests").has(name)) {
                resources
                        .with("requests")
                        .set(name, textOf(item, name, "defaultRequest", "default", "max", "min"));
                setRequests.add(name);
            }
        }
        String name = container.path("name").asText();
        if (!setRequests.isEmpty()) {
            annotations.add(String.join(", ", setRequests) + " request for " + prefix + " " + name);
        }
        if (!setLimits.isEmpty()) {
            annotations.add(String.join(", ", setLimits) + " limit for " + prefix + " " + name);
        }
    }

    /** The quantity as written in the first of {@code fields} of the item that has it. */
    private static JsonNode textOf(JsonNode item, String resource, String... fields) {
        for (String field : fields) {
            JsonNode value = item.path(field).get(resource);
            if (value != null) {
                return value.deepCopy();
            }
        }
        throw new IllegalStateException("no " + resource + " in the LimitRange item");
    }

    /**
     * Refuses a pod outside the {@code min}, {@code max} or {@code maxLimitRequestRatio} of a
     * LimitRange of its namespace.
     *
     * @throws io.flinkk8s.sdk.testkit.internal.json.ApiError 403 Forbidden listing every violation
     */
    static void validate(ClusterView view, String namespace, JsonNode pod) {
        List<String> errors = new ArrayList<>();
        if (!view.holdsAny("limitranges")) {
            return;
        }
        for (JsonNode limitRange : view.listJson(LimitRange.class, namespace)) {
            for (JsonNode item : limitRange.path("spec").path("limits")) {
                String type = item.path("type").asText();
                if (type.equals("Container")) {
                    for (JsonNode c : PodResources.containers(pod)) {
                        check(errors, "Container", item, requests(c), limits(c));
                    }
                } else if (type.equals("Pod")) {
                    Map<String, Amount> requests = new TreeMap<>();
                    Map<String, Amount> limits = new TreeMap<>();
                    for (JsonNode c : pod.path("spec").path("containers")) {
                        requests = Quantities.add(requests, requests(c));
                        limits = Quantities.add(limits, limits(c));
                    }
                    for (JsonNode c : pod.path("spec").path("initContainers")) {
                        requests = Quantities.max(requests, requests(c));
                        limits = Quantities.max(limits, limits(c));
                    }
                    check(errors, "Pod", item, requests, limits);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw AdmissionChain.forbidden(
                    "pods",
                    pod,
                    errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
    }

    private static Map<String, Amount> requests(JsonNode c) {
        return Quantities.list(c.path("resources").get("requests"));
    }

    private static Map<String, Amount> limits(JsonNode c) {
        return Quantities.list(c.path("resources").get("limits"));
    }

    private static void check(
            List<String> errors,
            String type,
            JsonNode item,
            Map<String, Amount> requests,
            Map<String, Amount> limits) {
        Quantities.list(item.get("min"))
                .forEach(
                        (r, min) -> {
                            Amount req = requests.get(r);
                            Amount lim = limits.get(r);
                            String head = "minimum " + r + " usage per " + type + " is " + min;
                            if (req == null) {
                                errors.add(head + ".  No request is specified");
                            } else if (req.compareTo(min) < 0) {
                                errors.add(head + ", but request is " + req);
                            } else if (lim != null && lim.compareTo(min) < 0) {
                                errors.add(head + ", but limit is " + lim);
                            }
                        });
        Quantities.list(item.get("max"))
                .forEach(
                        (r, max) -> {
                            Amount req = requests.get(r);
                            Amount lim = limits.get(r);
                            String head = "maximum " + r + " usage per " + type + " is " + max;
                            if (lim == null) {
                                errors.add(head + ".  No limit is specified");
                            } else if (lim.compareTo(max) > 0) {
                                errors.add(head + ", but limit is " + lim);
                            } else if (req != null && req.compareTo(max) > 0) {
                                errors.add(head + ", but request is " + req);
                            }
                        });
        Quantities.list(item.get("maxLimitRequestRatio"))
                .forEach(
                        (r, ratio) -> {
                            Amount req = requests.get(r);
                            Amount lim = limits.get(r);
                            String head =
                                    r + " max limit to request ratio per " + type + " is " + ratio;
                            if (req == null || req.value().signum() == 0) {
                                errors.add(head + ", but no request is specified or request is 0");
                            } else if (lim == null || lim.value().signum() == 0) {
                                errors.add(head + ", but no limit is specified or limit is 0");
                            } else {
                                BigDecimal observed =
                                        lim.value().divide(req.value(), MathContext.DECIMAL64);
                                if (observed.compareTo(ratio.value()) > 0) {
                                    errors.add(
                                            head
                                                    + ", but provided ratio is "
                                                    + String.format(
                                                            java.util.Locale.ROOT,
                                                            "%f",
                                                            observed.doubleValue()));
                                }
                            }
                        });
    }

    private static List<JsonNode> containerItems(ClusterView view, String namespace) {
        List<JsonNode> items = new ArrayList<>();
        if (!view.holdsAny("limitranges")) {
            return items;
        }
        for (JsonNode limitRange : view.listJson(LimitRange.class, namespace)) {
            for (JsonNode item : limitRange.path("spec").path("limits")) {
                if ("Container".equals(item.path("type").asText())) {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
