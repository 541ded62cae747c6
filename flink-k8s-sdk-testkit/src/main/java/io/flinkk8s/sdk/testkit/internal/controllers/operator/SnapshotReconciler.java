package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.operator.crd.FlinkStateSnapshot;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;

/**
 * The operator's {@code StateSnapshotReconciler} and {@code StateSnapshotObserver} for savepoints
 * (research §2.7, §3.2, §4.3): a savepoint of the referenced {@code FlinkDeployment}'s or {@code
 * FlinkSessionJob}'s RUNNING job (a session job's on its session cluster) ({@code POST
 * /jobs/:id/savepoints}), COMPLETED with its path; {@code alreadyExists} records the given path as
 * COMPLETED. A failed trigger counts in {@code failures} and is retried after 10 s, 20 s, 40 s ...
 * of virtual time until {@code backoffLimit} (-1: without end) is passed, then the snapshot is
 * FAILED with the error; the job keeps running either way. The simulated Flink completes a
 * savepoint when it is triggered, so the stand-in writes COMPLETED at once instead of IN_PROGRESS
 * first. Checkpoint requests are FAILED: the stand-in takes savepoints only.
 */
final class SnapshotReconciler {

    private final ControllerContext ctx;
    private final FlinkRest flink;
    private final Map<String, Instant> retries;

    SnapshotReconciler(ControllerContext ctx, FlinkRest flink, Map<String, Instant> retries) {
        this.ctx = ctx;
        this.flink = flink;
        this.retries = retries;
    }

    void reconcile(JsonNode snapshot) {
        JsonNode current = snapshot.path("status");
        String state = Trees.text(current, "state");
        if ("COMPLETED".equals(state) || "FAILED".equals(state) || "ABANDONED".equals(state)) {
            return;
        }
        Instant retryAt = retries.get(Trees.uid(snapshot));
        if (retryAt != null && ctx.now().isBefore(retryAt)) {
            return;
        }
        ObjectNode status = current.isObject() ? current.deepCopy() : Trees.object();
        JsonNode spec = snapshot.path("spec");
        JsonNode savepoint = spec.path("savepoint");
        if (savepoint.path("alreadyExists").asBoolean(false)) {
            completed(status, savepoint.path("path").asText(null));
        } else if (!savepoint.isObject()) {
            failed(
                    status,
                    "the testkit's operator stand-in takes savepoints only, not checkpoints");
        } else {
            trigger(snapshot, spec, status);
        }
        write(snapshot, status);
    }

    private void trigger(JsonNode snapshot, JsonNode spec, ObjectNode status) {
        String ns = Trees.namespace(snapshot);
        JsonNode reference = spec.path("jobReference");
        String target = Trees.text(reference, "name");
        String kind = Trees.text(reference, "kind");
        boolean sessionJob = "FlinkSessionJob".equals(kind);
        if (!("FlinkDeployment".equals(kind) || sessionJob) || target == null) {
            failed(status, "jobReference must name a FlinkDeployment or FlinkSessionJob");
            return;
        }
        JsonNode deployment =
                ctx.api()
                        .getJson(
                                sessionJob ? FlinkSessionJob.class : FlinkDeployment.class,
                                ns,
                                target);
        // a session job's job runs on the session cluster its deploymentName names
        String cluster =
                sessionJob && deployment != null
                        ? Trees.text(deployment.path("spec"), "deploymentName")
                        : target;
        JsonNode jobStatus =
                deployment == null ? null : deployment.path("status").path("jobStatus");
        String jobId = jobStatus == null ? null : Trees.text(jobStatus, "jobId");
        if (jobId == null || !"RUNNING".equals(Trees.text(jobStatus, "state"))) {
            retryOrFail(
                    snapshot,
                    spec,
                    status,
                    "Job of " + kind + " " + ns + "/" + target + " is not RUNNING");
            return;
        }
        status.put("triggerId", UUID.nameUUIDFromBytes(Trees.uid(snapshot).getBytes()).toString());
        status.put("triggerTimestamp", ctx.now().toString());
        try {
            String path =
                    flink.triggerSavepoint(
                            ns,
                            cluster,
                            JobID.fromHexString(jobId),
                            spec.path("savepoint").path("path").asText(null));
            completed(status, path);
        } catch (FlinkK8sException e) {
            retryOrFail(snapshot, spec, status, "Savepoint failed: " + e.getMessage());
        }
    }

    private void retryOrFail(JsonNode snapshot, JsonNode spec, ObjectNode status, String error) {
        int failures = status.path("failures").asInt(0) + 1;
        status.put("failures", failures);
        status.put("error", error);
        int backoffLimit = spec.path("backoffLimit").asInt(-1);
        if (backoffLimit >= 0 && failures > backoffLimit) {
            failed(status, error);
            ctx.recordEvent(snapshot, "Warning", "SavepointError", error);
            return;
        }
        status.put("state", "TRIGGER_PENDING");
        Instant at = ctx.now().plus(Duration.ofSeconds(10L << Math.min(failures - 1, 16)));
        retries.put(Trees.uid(snapshot), at);
        ctx.wakeUpAt(at);
    }

    private void completed(ObjectNode status, String path) {
        status.put("state", "COMPLETED");
        if (path != null) {
            status.put("path", path);
        }
        status.put("resultTimestamp", ctx.now().toString());
        status.remove("error");
    }

    private void failed(ObjectNode status, String error) {
        status.put("state", "FAILED");
        status.put("error", error);
        status.put("resultTimestamp", ctx.now().toString());
    }

    /** Labels the snapshot as the operator does, then writes its status if it changed. */
    private void write(JsonNode snapshot, ObjectNode status) {
        JsonNode spec = snapshot.path("spec");
        ObjectNode relabelled = snapshot.deepCopy();
        ObjectNode labels =
                Trees.meta(relabelled).get("labels") instanceof ObjectNode l
                        ? l
                        : ((ObjectNode) Trees.meta(relabelled)).putObject("labels");
        labels.put("snapshot.type", spec.path("savepoint").isObject() ? "SAVEPOINT" : "CHECKPOINT");
        labels.put("snapshot.trigger-type", "MANUAL");
        labels.put("snapshot.state", status.path("state").asText("TRIGGER_PENDING"));
        putIfText(labels, "job-reference.kind", spec.path("jobReference").path("kind"));
        putIfText(labels, "job-reference.name", spec.path("jobReference").path("name"));
        JsonNode stored = snapshot;
        if (!labels.equals(Trees.meta(snapshot).path("labels"))) {
            stored =
                    ctx.api()
                            .updateJson(
                                    FlinkStateSnapshot.class,
                                    relabelled,
                                    "flink-kubernetes-operator");
        }
        OperatorStatus.writeIfChanged(
                ctx, FlinkStateSnapshot.class, stored, snapshot.path("status"), status);
    }

    private static void putIfText(ObjectNode into, String field, JsonNode value) {
        if (value.isTextual()) {
            into.put(field, value.asText());
        }
    }
}
