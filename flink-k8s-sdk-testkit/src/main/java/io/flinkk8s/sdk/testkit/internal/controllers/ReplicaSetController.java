package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} pods per ReplicaSet, named {@code
 * <replicaset>-<5 chars>}, labelled from the template and owned by the ReplicaSet; removes surplus
 * pods unscheduled first, then not-ready, then newest; writes the status counts. A pod the API
 * server refuses (admission: quota, limit range, pod security) leaves what Kubernetes' controller
 * leaves: a Warning {@code FailedCreate} Event on the ReplicaSet ({@code Error creating: pods "..."
 * is forbidden: ...}), a {@code ReplicaFailure} condition in its status (removed once creates
 * succeed), and no further creates in that run. It runs again when pods, quotas, limit ranges or
 * namespaces change.
 */
public final class ReplicaSetController implements Controller {

    /** The condition type of a ReplicaSet whose pods cannot be created. */
    static final String REPLICA_FAILURE = "ReplicaFailure";

    @Override
    public Set<String> watches() {
        return Set.of("replicasets", "pods", "resourcequotas", "limitranges", "namespaces");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<JsonNode> pods = context.api().listJson(Pod.class, null);
        for (JsonNode rs : context.api().listJson(ReplicaSet.class, null)) {
            if (Trees.isDeleting(rs)) {
                continue;
            }
            List<JsonNode> owned =
                    pods.stream()
                            .filter(p -> Workloads.isControlledBy(p, rs) && !Trees.isDeleting(p))
                            .toList();
            int want = Workloads.replicas(rs.path("spec"));
            String refused = null;
            if (owned.size() < want) {
                for (int i = owned.size(); i < want && refused == null; i++) {
                    refused = create(context, rs);
                }
                owned =
                        context.api().listJson(Pod.class, Trees.namespace(rs)).stream()
                                .filter(p -> Workloads.isControlledBy(p, rs))
                                .toList();
            } else if (owned.size() > want) {
                List<JsonNode> surplus =
                        owned.stream().sorted(deletionOrder()).limit(owned.size() - want).toList();
                surplus.forEach(p -> context.api().deleteJson(Pod.class, p, "Background"));
                owned = owned.stream().filter(p -> !surplus.contains(p)).toList();
            }
            writeStatus(context, rs, owned, refused);
        }
    }

    /** Creates one pod of {@code rs}; answers the API server's refusal, or null when created. */
    private static String create(ControllerContext context, JsonNode rs) {
        JsonNode template = rs.path("spec").path("template");
        ObjectNode pod = Trees.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        ObjectNode annotations = Trees.copyOrNull(template.path("metadata").get("annotations"));
        if (annotations != null) {
            metadata.set("annotations", annotations);
        }
        metadata.put("generateName", Trees.name(rs) + "-");
        ObjectNode labels = Trees.copyOrNull(template.path("metadata").get("labels"));
        if (labels != null) {
            metadata.set("labels", labels);
        }
        metadata.put("namespace", Trees.namespace(rs));
        metadata.set("ownerReferences", Trees.array().add(Workloads.controllerRef(rs)));
        if (template.get("spec") instanceof ObjectNode spec) {
            pod.set("spec", spec.deepCopy());
        }
        JsonNode created;
        try {
            created = context.api().createJson(Pod.class, pod, Workloads.CONTROLLER_MANAGER);
        } catch (ApiError e) {
            context.recordEvent(rs, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
            return e.getMessage();
        }
        context.recordEvent(
                rs, "Normal", "SuccessfulCreate", "Created pod: " + Trees.name(created));
        return null;
    }

    private static Comparator<JsonNode> deletionOrder() {
        return Comparator.comparing((JsonNode p) -> p.path("spec").hasNonNull("nodeName"))
                .thenComparing(Trees::isPodReady)
                .thenComparing(
                        (JsonNode p) -> Trees.text(Trees.meta(p), "creationTimestamp"),
                        Comparator.nullsFirst(Comparator.reverseOrder()))
                .thenComparing(Trees::name, Comparator.reverseOrder());
    }

    private static void writeStatus(
            ControllerContext context, JsonNode rs, List<JsonNode> owned, String refused) {
        int ready = (int) owned.stream().filter(Trees::isPodReady).count();
        // in the field order fabric8's ReplicaSetStatus writes
        ObjectNode status = Trees.object();
        status.put("availableReplicas", ready);
        JsonNode failure = Trees.find(rs.path("status").get("conditions"), "type", REPLICA_FAILURE);
        if (refused != null && failure != null) {
            // Kubernetes keeps the first failure's condition while creates keep failing
            status.set("conditions", Trees.array().add(failure.deepCopy()));
        } else if (refused != null) {
            ObjectNode condition = Trees.object();
            condition.put("lastTransitionTime", context.now().toString());
            condition.put("message", refused);
            condition.put("reason", "FailedCreate");
            condition.put("status", "True");
            condition.put("type", REPLICA_FAILURE);
            status.set("conditions", Trees.array().add(condition));
        }
        status.put("fullyLabeledReplicas", owned.size());
        JsonNode generation = Trees.meta(rs).get("generation");
        if (generation != null && !generation.isNull()) {
            status.set("observedGeneration", generation.deepCopy());
        }
        status.put("readyReplicas", ready);
        status.put("replicas", owned.size());
        if (!status.equals(rs.path("status"))) {
            ObjectNode written = rs.deepCopy();
            written.set("status", status);
            context.api().updateStatusJson(ReplicaSet.class, written);
        }
    }
}
