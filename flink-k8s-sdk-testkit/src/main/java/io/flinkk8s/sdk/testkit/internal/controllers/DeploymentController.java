package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The Deployment controller: one ReplicaSet per pod template ({@code <deployment>-<hash>}, with the
 * {@code pod-template-hash} label on it, its selector and its pods), scaled as the strategy says
 * (RollingUpdate with maxSurge/maxUnavailable, or Recreate), and the Deployment status: replicas,
 * updated/ready/available/unavailable counts, observedGeneration and the Available and Progressing
 * conditions, and a ReplicaSet's {@code ReplicaFailure} condition (pods the API server refused)
 * copied as Kubernetes does.
 */
public final class DeploymentController implements Controller {

    /** The label and selector key that ties pods to the ReplicaSet of their template. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final TemplateHashes hashes = new TemplateHashes();

    @Override
    public Set<String> watches() {
        return Set.of("deployments", "replicasets");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<JsonNode> all = context.api().listJson(ReplicaSet.class, null);
        List<JsonNode> deployments = context.api().listJson(Deployment.class, null);
        Set<String> live = new HashSet<>();
        deployments.forEach(d -> live.add(Trees.uid(d)));
        hashes.retain(live);
        for (JsonNode d : deployments) {
            if (Trees.isDeleting(d)) {
                continue;
            }
            // the Deployment's ReplicaSets, each replaced by what this run writes
            List<JsonNode> owned =
                    new ArrayList<>(
                            all.stream().filter(rs -> Workloads.isControlledBy(rs, d)).toList());
            String hash = hashes.of(d, d.path("spec").path("template"));
            if (!d.path("spec").path("paused").asBoolean(false)) {
                int newRs = ensureNewReplicaSet(context, d, owned, hash);
                rollout(context, d, newRs, owned);
            }
            // The owned list holds what this run created and scaled (a scale changes no status),
            // so it stands for a fresh list of the Deployment's namespace.
            String namespace = Trees.namespace(d);
            List<JsonNode> current =
                    owned.stream()
                            .filter(rs -> Objects.equals(namespace, Trees.namespace(rs)))
                            .toList();
            writeStatus(context, d, current, hash);
        }
    }

    /** The index in {@code owned} of the ReplicaSet of the current template, created if need be. */
    private static int ensureNewReplicaSet(
            ControllerContext context, JsonNode d, List<JsonNode> owned, String hash) {
        for (int i = 0; i < owned.size(); i++) {
            if (hash.equals(Trees.label(owned.get(i), POD_TEMPLATE_HASH))) {
                return i;
            }
        }
        int revision =
                owned.stream().mapToInt(DeploymentController::revisionOf).max().orElse(0) + 1;
        ObjectNode template = d.path("spec").path("template").deepCopy();
        template.with("metadata").with("labels").put(POD_TEMPLATE_HASH, hash);
        ObjectNode rs = Trees.object();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode metadata = rs.putObject("metadata");
        metadata.set("annotations", Trees.object().put(REVISION, String.valueOf(revision)));
        metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        metadata.put("name", Trees.name(d) + "-" + hash);
        metadata.put("namespace", Trees.namespace(d));
        metadata.set("ownerReferences", Trees.array().add(Workloads.controllerRef(d)));
        ObjectNode spec = rs.putObject("spec");
        JsonNode minReadySeconds = d.path("spec").get("minReadySeconds");
        if (minReadySeconds != null && !minReadySeconds.isNull()) {
            spec.set("minReadySeconds", minReadySeconds.deepCopy());
        }
        spec.put("replicas", 0);
        ObjectNode selector =
                d.path("spec").get("selector") instanceof ObjectNode s
                        ? s.deepCopy()
                        : Trees.object();
        selector.with("matchLabels").put(POD_TEMPLATE_HASH, hash);
        spec.set("selector", selector);
        spec.set("template", template);
        owned.add(context.api().createJson(ReplicaSet.class, rs, Workloads.CONTROLLER_MANAGER));
        return owned.size() - 1;
    }

    private static int revisionOf(JsonNode rs) {
        String revision = Trees.annotation(rs, REVISION);
        return revision == null ? 0 : Integer.parseInt(revision);
    }

    private static int replicas(JsonNode rs) {
        return Workloads.count(rs.path("spec"), "replicas");
    }

    private static void rollout(
            ControllerContext context, JsonNode d, int newRs, List<JsonNode> owned) {
        int desired = Workloads.replicas(d.path("spec"));
        List<Integer> old =
                IntStream.range(0, owned.size())
                        .filter(i -> i != newRs)
                        .boxed()
                        .sorted(Comparator.comparing(i -> revisionOf(owned.get(i))))
                        .toList();
        JsonNode strategy = d.path("spec").path("strategy");
        boolean recreate = "Recreate".equals(Trees.text(strategy, "type"));
        int oldReplicas = old.stream().mapToInt(i -> replicas(owned.get(i))).sum();
        if (recreate) {
            old.forEach(i -> scale(context, d, owned, i, 0));
            int oldPods =
                    old.stream()
                            .mapToInt(i -> Workloads.count(owned.get(i).path("status"), "replicas"))
                            .sum();
            if (oldReplicas == 0 && oldPods == 0) {
                scale(context, d, owned, newRs, desired);
            }
            return;
        }
        if (oldReplicas == 0) {
            scale(context, d, owned, newRs, desired);
            return;
        }
        JsonNode ru = strategy.path("rollingUpdate");
        int maxSurge = Workloads.resolve(ru.get("maxSurge"), desired, true, 25);
        int maxUnavailable = Workloads.resolve(ru.get("maxUnavailable"), desired, false, 25);
        if (maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        int newReplicas = replicas(owned.get(newRs));
        int total = oldReplicas + newReplicas;
        if (total < desired + maxSurge && newReplicas < desired) {
            scale(
                    context,
                    d,
                    owned,
                    newRs,
                    Math.min(desired, newReplicas + desired + maxSurge - total));
            return;
        }
        scaleDownOld(context, d, owned, newRs, old, desired - maxUnavailable);
    }

    /** Kubernetes' reconcileOldReplicaSets: unhealthy old pods first, then down to minAvailable. */
    private static void scaleDownOld(
            ControllerContext context,
            JsonNode d,
            List<JsonNode> owned,
            int newRs,
            List<Integer> old,
            int minAvailable) {
        int newReplicas = replicas(owned.get(newRs));
        int allPods = newReplicas + old.stream().mapToInt(i -> replicas(owned.get(i))).sum();
        int maxScaledDown = allPods - minAvailable - (newReplicas - available(owned.get(newRs)));
        if (maxScaledDown <= 0) {
            return;
        }
        int cleaned = 0;
        for (int i : old) {
            int replicas = replicas(owned.get(i));
            int unhealthy = replicas - available(owned.get(i));
            if (cleaned >= maxScaledDown || unhealthy <= 0) {
                continue;
            }
            int by = Math.min(maxScaledDown - cleaned, unhealthy);
            scale(context, d, owned, i, replicas - by);
            cleaned += by;
        }
        int availableNow =
                available(owned.get(newRs))
                        + old.stream().mapToInt(i -> available(owned.get(i))).sum();
        int toScaleDown = availableNow - minAvailable;
        for (int i : old) {
            int replicas = replicas(owned.get(i));
            int by = Math.min(replicas, toScaleDown);
            if (by > 0) {
                scale(context, d, owned, i, replicas - by);
                toScaleDown -= by;
            }
        }
    }

    private static int available(JsonNode rs) {
        return Workloads.count(rs.path("status"), "availableReplicas");
    }

    /** Scales {@code owned[index]} and puts what the API server stored in its place. */
    private static void scale(
            ControllerContext context, JsonNode d, List<JsonNode> owned, int index, int replicas) {
        JsonNode rs = owned.get(index);
        int current = replicas(rs);
        if (current == replicas) {
            return;
        }
        JsonNode latest =
                context.api().getJson(ReplicaSet.class, Trees.namespace(rs), Trees.name(rs));
        ObjectNode scaled = latest.deepCopy();
        scaled.with("spec").put("replicas", replicas);
        JsonNode stored =
                context.api().updateJson(ReplicaSet.class, scaled, Workloads.CONTROLLER_MANAGER);
        owned.set(index, stored == null ? scaled : stored);
        context.recordEvent(
                d,
                "Normal",
                "ScalingReplicaSet",
                "Scaled "
                        + (replicas > current ? "up" : "down")
                        + " replica set "
                        + Trees.name(rs)
                        + " from "
                        + current
                        + " to "
                        + replicas);
    }

    private static void writeStatus(
            ControllerContext context, JsonNode d, List<JsonNode> owned, String hash) {
        int desired = Workloads.replicas(d.path("spec"));
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (JsonNode rs : owned) {
            int pods = Workloads.count(rs.path("status"), "replicas");
            replicas += pods;
            ready += Workloads.count(rs.path("status"), "readyReplicas");
            available += available(rs);
            if (hash.equals(Trees.label(rs, POD_TEMPLATE_HASH))) {
                updated += pods;
            }
        }
        int maxUnavailable =
                Workloads.resolve(
                        d.path("spec").path("strategy").path("rollingUpdate").get("maxUnavailable"),
                        desired,
                        false,
                        25);
        boolean complete = updated == desired && replicas == desired && available == desired;
        boolean minimum = available >= desired - maxUnavailable;
        JsonNode old = d.path("status");
        String newRsName = Trees.name(d) + "-" + hash;
        ArrayNode conditions = Trees.array();
        conditions.add(
                condition(
                        old,
                        "Available",
                        minimum,
                        minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                        "Deployment "
                                + (minimum ? "has" : "does not have")
                                + " minimum availability.",
                        context));
        conditions.add(
                condition(
                        old,
                        "Progressing",
                        true,
                        complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                        "ReplicaSet \""
                                + newRsName
                                + "\" "
                                + (complete ? "has successfully progressed." : "is progressing."),
                        context));
        JsonNode failure = replicaFailure(owned, newRsName);
        if (failure != null) {
            conditions.add(
                    condition(
                            old,
                            ReplicaSetController.REPLICA_FAILURE,
                            true,
                            Trees.text(failure, "reason"),
                            Trees.text(failure, "message"),
                            context));
        }
        // in the field order fabric8's DeploymentStatus writes
        ObjectNode status = Trees.object();
        status.put("availableReplicas", available);
        status.set("conditions", conditions);
        JsonNode generation = Trees.meta(d).get("generation");
        if (generation != null && !generation.isNull()) {
            status.set("observedGeneration", generation.deepCopy());
        }
        status.put("readyReplicas", ready);
        status.put("replicas", replicas);
        if (replicas - available > 0) {
            status.put("unavailableReplicas", replicas - available);
        }
        status.put("updatedReplicas", updated);
        if (!status.equals(old)) {
            ObjectNode written = d.deepCopy();
            written.set("status", status);
            context.api().updateStatusJson(Deployment.class, written);
        }
    }

    /**
     * The {@code ReplicaFailure} condition of the new ReplicaSet, else of an old one (Kubernetes'
     * {@code getReplicaFailures}), or null.
     */
    private static JsonNode replicaFailure(List<JsonNode> owned, String newRsName) {
        JsonNode found = null;
        for (JsonNode rs : owned) {
            JsonNode c =
                    Trees.find(
                            rs.path("status").get("conditions"),
                            "type",
                            ReplicaSetController.REPLICA_FAILURE);
            if (c != null && "True".equals(Trees.text(c, "status"))) {
                if (newRsName.equals(Trees.name(rs))) {
                    return c;
                }
                found = found == null ? c : found;
            }
        }
        return found;
    }

    private static JsonNode condition(
            JsonNode old,
            String type,
            boolean value,
            String reason,
            String message,
            ControllerContext context) {
        JsonNode previous = Trees.find(old.get("conditions"), "type", type);
        String status = value ? "True" : "False";
        String now = context.now().toString();
        if (previous != null
                && status.equals(Trees.text(previous, "status"))
                && Objects.equals(Trees.text(previous, "reason"), reason)
                && Objects.equals(Trees.text(previous, "message"), message)) {
            return previous.deepCopy();
        }
        String transition =
                previous != null && status.equals(Trees.text(previous, "status"))
                        ? Trees.text(previous, "lastTransitionTime")
                        : now;
        ObjectNode condition = Trees.object();
        condition.put("lastTransitionTime", transition);
        condition.put("lastUpdateTime", now);
        condition.put("message", message);
        condition.put("reason", reason);
        condition.put("status", status);
        condition.put("type", type);
        return condition;
    }
}
