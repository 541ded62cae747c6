package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import java.time.Instant;

/**
 * {@code FlinkStateSnapshot} resources the operator creates itself ({@code
 * FlinkStateSnapshotUtils}): named {@code <resource>-savepoint-manual-<epoch millis>}, labelled
 * with the snapshot type, trigger type and referenced job (research §1).
 */
final class Snapshots {

    private Snapshots() {}

    /** A manual savepoint of {@code deployment}'s job, as a savepoint trigger nonce asks. */
    static ObjectNode manualSavepoint(JsonNode deployment, Instant now, String directory) {
        ObjectNode snapshot = Trees.object();
        snapshot.put("apiVersion", "flink.apache.org/v1beta1");
        snapshot.put("kind", "FlinkStateSnapshot");
        ObjectNode meta = snapshot.putObject("metadata");
        meta.put("name", Trees.name(deployment) + "-savepoint-manual-" + now.toEpochMilli());
        meta.put("namespace", Trees.namespace(deployment));
        ObjectNode spec = snapshot.putObject("spec");
        spec.putObject("jobReference")
                .put("kind", "FlinkDeployment")
                .put("name", Trees.name(deployment));
        ObjectNode savepoint = spec.putObject("savepoint");
        if (directory != null) {
            savepoint.put("path", directory);
        }
        savepoint.put("alreadyExists", false);
        spec.put("backoffLimit", 0);
        return snapshot;
    }
}
