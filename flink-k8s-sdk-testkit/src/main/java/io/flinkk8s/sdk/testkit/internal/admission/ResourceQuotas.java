package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.flinkk8s.sdk.testkit.internal.admission.Quantities.Amount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code ResourceQuota} admission plugin and the quota controller's usage: a create in a
 * namespace with quotas is refused (403) when what it adds would take a quota's {@code used} over
 * its {@code hard}, with Kubernetes' message ({@code exceeded quota: <name>, requested: cpu=2,
 * used: cpu=4, limited: cpu=5}), or when a pod leaves out a CPU or memory request or limit a quota
 * constrains ({@code failed quota: <name>: must specify limits.cpu for: app}). Evaluated: pods
 * (counts, CPU, memory, ephemeral storage, huge pages, extended requests), PersistentVolumeClaims
 * ({@code persistentvolumeclaims}, {@code requests.storage}, per storage class) and {@code
 * count/<resource>[.<group>]} (plus the legacy {@code services}, {@code configmaps}, {@code
 * secrets}, {@code replicationcontrollers}, {@code resourcequotas}) for every kind. The usage is
 * computed from the stored objects at each admission, so it is never stale; quotas with {@code
 * scopes} or a {@code scopeSelector} are not enforced.
 */
public final class ResourceQuotas {

    /** The resources a pod must set in every container when a quota constrains them. */
    private static final Set<String> MUST_SPECIFY =
            Set.of(
                    "cpu",
                    "memory",
                    "requests.cpu",
                    "requests.memory",
                    "limits.cpu",
                    "limits.memory");

    private static final Set<String> LEGACY_COUNTS =
            Set.of(
                    "services",
                    "configmaps",
                    "secrets",
                    "replicationcontrollers",
                    "resourcequotas",
                    "persistentvolumeclaims",
                    "pods");

    private ResourceQuotas() {}

    /** The quotas of {@code namespace} this plugin enforces (unscoped), by name. */
    public static List<JsonNode> enforced(ClusterView view, String namespace) {
        List<JsonNode> quotas = new ArrayList<>();
        if (!view.holdsAny("resourcequotas")) {
            return quotas;
        }
        for (JsonNode q : view.listJson(ResourceQuota.class, namespace)) {
            JsonNode spec = q.path("spec");
            if (spec.path("scopes").isEmpty() && !spec.hasNonNull("scopeSelector")) {
                quotas.add(q);
            }
        }
        quotas.sort(Comparator.comparing(q -> q.path("metadata").path("name").asText()));
        return quotas;
    }

    /**
     * Refuses the create of {@code object} (of {@code group}/{@code plural}) when it does not fit a
     * quota of its namespace.
     *
     * @throws io.flinkk8s.sdk.testkit.internal.json.ApiError 403 Forbidden with the quota's message
     */
    static void admit(
            ClusterView view, String group, String plural, String namespace, JsonNode object) {
        List<JsonNode> quotas = enforced(view, namespace);
        if (quotas.isEmpty()) {
            return;
        }
        Map<String, Amount> delta = usageOf(group, plural, object);
        for (JsonNode quota : quotas) {
            String name = quota.path("metadata").path("name").asText();
            Map<String, Amount> hard = Quantities.list(quota.path("spec").get("hard"));
            if (isPod(group, plural)) {
                String missing = missingResources(object, hard.keySet());
                if (!missing.isEmpty()) {
                    throw AdmissionChain.forbidden(
                            plural, object, "failed quota: " + name + ": must specify " + missing);
                }
            }
            Map<String, Amount> requested = new TreeMap<>();
            delta.forEach(
                    (k, v) -> {
                        if (hard.containsKey(k)) {
                            requested.put(k, v);
                        }
                    });
            if (requested.isEmpty()) {
                continue;
            }
            Map<String, Amount> used = used(view, namespace, hard.keySet());
            Map<String, Amount> exceededRequested = new TreeMap<>();
            Map<String, Amount> exceededUsed = new TreeMap<>();
            Map<String, Amount> exceededHard = new TreeMap<>();
            requested.forEach(
                    (k, v) -> {
                        Amount now = used.getOrDefault(k, Amount.ZERO);
                        if (now.plus(v).compareTo(hard.get(k)) > 0) {
                            exceededRequested.put(k, v);
                            exceededUsed.put(k, now);
                            exceededHard.put(k, hard.get(k));
                        }
                    });
            if (!exceededRequested.isEmpty()) {
                throw AdmissionChain.forbidden(
                        plural,
                        object,
                        "exceeded quota: "
                                + name
                                + ", requested: "
                                + Quantities.print(exceededRequested)
                                + ", used: "
                                + Quantities.print(exceededUsed)
                                + ", limited: "
                                + Quantities.print(exceededHard));
            }
        }
    }

    /**
     * What the stored objects of {@code namespace} use of each of {@code resources} (a quota's
     * {@code hard} names): every one present, 0 when nothing uses it, as the quota controller
     * writes {@code status.used}.
     */
    public static Map<String, Amount> used(
            ClusterView view, String namespace, Set<String> resources) {
        Map<String, Amount> total = new TreeMap<>();
        boolean pods =
                resources.stream()
                        .anyMatch(r -> !isCount(r) && !isStorage(r) || r.equals("count/pods"));
        if (pods) {
            for (JsonNode pod : view.listJson(Pod.class, namespace)) {
                if (!pod.path("metadata").hasNonNull("deletionTimestamp")) {
                    total = Quantities.add(total, PodResources.usage(pod));
                }
            }
        }
        if (resources.stream().anyMatch(ResourceQuotas::isStorage)) {
            for (JsonNode claim : view.listJson(PersistentVolumeClaim.class, namespace)) {
                total = Quantities.add(total, claimUsage(claim));
            }
        }
        Map<String, Amount> result = new TreeMap<>();
        for (String r : resources) {
            Amount counted = countOf(view, namespace, r);
            result.put(r, counted != null ? counted : total.getOrDefault(r, Amount.ZERO));
        }
        return result;
    }

    /** The count of a {@code count/...} or legacy count resource, or null for other resources. */
    private static Amount countOf(ClusterView view, String namespace, String resource) {
        String target;
        if (resource.startsWith("count/")) {
            target = resource.substring("count/".length());
        } else if (LEGACY_COUNTS.contains(resource) && !resource.equals("pods")) {
            target = resource;
        } else {
            return null;
        }
        if (target.equals("pods")) {
            return null; // counted from the pods, with the terminal ones
        }
        int dot = target.indexOf('.');
        String plural = dot < 0 ? target : target.substring(0, dot);
        String group = dot < 0 ? "" : target.substring(dot + 1);
        return Quantities.count(view.count(group, plural, namespace));
    }

    private static boolean isCount(String resource) {
        return resource.startsWith("count/")
                || LEGACY_COUNTS.contains(resource) && !resource.equals("pods");
    }

    private static boolean isStorage(String resource) {
        return resource.equals("requests.storage")
                || resource.contains(".storageclass.storage.k8s.io/");
    }

    private static boolean isPod(String group, String plural) {
        return group.isEmpty() && plural.equals("pods");
    }

    /** What creating {@code object} adds to the quotas' usage. */
    static Map<String, Amount> usageOf(String group, String plural, JsonNode object) {
        Map<String, Amount> usage = new TreeMap<>();
        if (isPod(group, plural)) {
            usage.putAll(PodResources.usage(object));
        } else if (group.isEmpty() && plural.equals("persistentvolumeclaims")) {
            usage.putAll(claimUsage(object));
        }
        String count = "count/" + plural + (group.isEmpty() ? "" : "." + group);
        usage.put(count, Quantities.count(1));
        if (group.isEmpty() && LEGACY_COUNTS.contains(plural)) {
            usage.put(plural, Quantities.count(1));
        }
        return usage;
    }

    private static Map<String, Amount> claimUsage(JsonNode claim) {
        Map<String, Amount> usage = new TreeMap<>();
        usage.put("persistentvolumeclaims", Quantities.count(1));
        usage.put("count/persistentvolumeclaims", Quantities.count(1));
        JsonNode storage = claim.path("spec").path("resources").path("requests").get("storage");
        String storageClass = claim.path("spec").path("storageClassName").asText("");
        if (storage != null) {
            usage.put("requests.storage", Quantities.parse(storage));
        }
        if (!storageClass.isEmpty()) {
            String prefix = storageClass + ".storageclass.storage.k8s.io/";
            usage.put(prefix + "persistentvolumeclaims", Quantities.count(1));
            if (storage != null) {
                usage.put(prefix + "requests.storage", Quantities.parse(storage));
            }
        }
        return usage;
    }

    /**
     * {@code limits.cpu for: app; requests.memory for: app,sidecar}: the constrained CPU and memory
     * resources some container of the pod leaves out; empty when none.
     */
    private static String missingResources(JsonNode pod, Set<String> hard) {
        Set<String> required = new TreeSet<>(hard);
        required.retainAll(MUST_SPECIFY);
        if (required.isEmpty()) {
            return "";
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        for (JsonNode c : PodResources.containers(pod)) {
            Map<String, Amount> has =
                    PodResources.computeUsage(
                            Quantities.list(c.path("resources").get("requests")),
                            Quantities.list(c.path("resources").get("limits")));
            for (String r : required) {
                if (!has.containsKey(r)) {
                    missing.computeIfAbsent(r, k -> new TreeSet<>()).add(c.path("name").asText());
                }
            }
        }
        List<String> segments = new ArrayList<>();
        missing.forEach(
                (r, containers) -> segments.add(r + " for: " + String.join(",", containers)));
        return String.join("; ", segments);
    }
}
