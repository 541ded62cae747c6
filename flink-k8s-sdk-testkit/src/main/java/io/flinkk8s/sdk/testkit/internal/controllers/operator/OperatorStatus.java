package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import java.util.Objects;

/**
 * The parts of a Flink resource's {@code status} that the operator keeps alike for {@code
 * FlinkDeployment} and {@code FlinkSessionJob} ({@code CommonStatus}, {@code
 * ReconciliationStatus}): {@code jobStatus} and {@code reconciliationStatus} with its last
 * reconciled and last stable spec. One per reconcile pass, over the status being built.
 */
final class OperatorStatus {

    private final ObjectNode status;
    private String lastSpecText;
    private JsonNode lastSpec;

    OperatorStatus(ObjectNode status) {
        this.status = status;
    }

    /** The status a pass works on: a copy of the resource's stored status, or an empty one. */
    static ObjectNode workingCopy(JsonNode cr) {
        return cr.get("status") instanceof ObjectNode s ? s.deepCopy() : Trees.object();
    }

    /**
     * Writes {@code status} to the resource's {@code /status} when the pass changed it from {@code
     * before}; an unchanged status is not written again, so the resource keeps its resourceVersion,
     * as the operator's status patches leave it.
     */
    static void writeIfChanged(
            ControllerContext ctx,
            Class<? extends HasMetadata> kind,
            JsonNode cr,
            JsonNode before,
            ObjectNode status) {
        if (!status.equals(before)) {
            ObjectNode written = cr.deepCopy();
            written.set("status", status);
            ctx.api().updateStatusJson(kind, written);
        }
    }

    /** {@code status.reconciliationStatus}, created when missing. */
    ObjectNode reconciliation() {
        return status.get("reconciliationStatus") instanceof ObjectNode r
                ? r
                : status.putObject("reconciliationStatus");
    }

    /** {@code status.jobStatus}, created when missing. */
    ObjectNode jobStatus() {
        return status.get("jobStatus") instanceof ObjectNode j ? j : status.putObject("jobStatus");
    }

    /**
     * The last reconciled spec, parsed once per text it has during the pass (read-only: copy it to
     * change it).
     */
    JsonNode lastSpec() {
        String text = Trees.text(status.path("reconciliationStatus"), "lastReconciledSpec");
        if (lastSpec == null || !Objects.equals(text, lastSpecText)) {
            lastSpecText = text;
            lastSpec = ReconciledSpecs.spec(text);
        }
        return lastSpec;
    }

    /** The last reconciled spec becomes the last stable one ({@code ReconciliationUtils}). */
    void stable() {
        ObjectNode r = reconciliation();
        r.put("lastStableSpec", Trees.text(r, "lastReconciledSpec"));
    }

    /** Records {@code recorded} as the last reconciled spec, unless it is that already. */
    void recordSpec(JsonNode recorded, boolean firstDeployment) {
        if (recorded.equals(lastSpec())) {
            return;
        }
        ObjectNode r = reconciliation();
        if (!r.has("state")) {
            r.put("state", "DEPLOYED");
        }
        r.put("lastReconciledSpec", ReconciledSpecs.write(recorded, firstDeployment));
    }
}
