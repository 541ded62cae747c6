package io.flinkk8s.sdk.core.operator.importing;

import static io.flinkk8s.sdk.core.operator.importing.Document.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The operator's {@code job}: every field of its {@code JobSpec}. The desired state is carried into
 * {@link JobSpec}; the nonces are one-off triggers of an operator action (a savepoint, a
 * checkpoint, a redeploy, an autoscaler reset), which the spec has no field for, so each is noted.
 */
final class JobReader {

    private final Document doc;

    JobReader(Document doc) {
        this.doc = doc;
    }

    JobSpec read(JsonNode node, String path) {
        String jarURI = null;
        String entryClass = null;
        List<String> args = List.of();
        Integer parallelism = null;
        UpgradeMode upgradeMode = null;
        JobState state = null;
        String initialSavepointPath = null;
        Boolean allowNonRestoredState = null;
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            JsonNode value = f.getValue();
            switch (f.getKey()) {
                case "jarURI" -> jarURI = doc.text(value, at);
                case "entryClass" -> entryClass = doc.text(value, at);
                case "args" -> args = doc.stringList(value, at);
                case "parallelism" -> parallelism = doc.integer(value, at);
                case "upgradeMode" ->
                        upgradeMode = doc.constant(value, at, UpgradeMode::fromWireValue);
                case "state" -> state = doc.constant(value, at, JobState::fromWireValue);
                case "initialSavepointPath" -> initialSavepointPath = doc.text(value, at);
                case "allowNonRestoredState" -> allowNonRestoredState = doc.bool(value, at);
                case "savepointTriggerNonce" ->
                        nonce(
                                value,
                                at,
                                "triggers a savepoint (deprecated by the operator)",
                                "FlinkDeploymentHandle.triggerSavepoint()");
                case "checkpointTriggerNonce" ->
                        nonce(
                                value,
                                at,
                                "triggers a checkpoint (deprecated by the operator)",
                                "a checkpoint interval (checkpointing.interval)");
                case "savepointRedeployNonce" ->
                        nonce(
                                value,
                                at,
                                "redeploys from initialSavepointPath",
                                "a new initialSavepointPath with a changed spec");
                case "autoscalerResetNonce" ->
                        nonce(value, at, "resets the autoscaler's history", "a changed spec");
                default -> doc.lost(at, "not a field of the operator's job");
            }
        }
        return new JobSpec(
                jarURI,
                entryClass,
                args,
                parallelism,
                upgradeMode,
                state,
                initialSavepointPath,
                allowNonRestoredState);
    }

    private void nonce(JsonNode value, String path, String what, String instead) {
        if (value.isNull()) {
            return;
        }
        doc.lost(
                path,
                "a one-off trigger that "
                        + what
                        + "; the spec has no nonces (use "
                        + instead
                        + "), was "
                        + doc.text(value, path));
    }
}
