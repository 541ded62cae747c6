package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.FlinkConfigFiles;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK's memory of one deployment, kept in the cluster (ConfigMap {@code
 * ResourceNames.sdkState()}, key {@value #DATA_KEY}) so that it survives the caller's JVM: the last
 * applied spec, the savepoint the running pods start from, the upgrade in progress and its step,
 * the savepoint history, the objects last applied and the TaskManager count kept since autoscaling
 * was turned off. The JSON layout is a wire format ({@code "format": 1}; a field added later is
 * optional, so an older record still reads).
 *
 * @param resourceVersion the ConfigMap's version when read; null for a record not stored yet
 * @param spec the last applied spec as the caller gave it (not defaulted)
 * @param restoreSavepoint may be null: the savepoint the current pods start from
 * @param upgrade may be null: the upgrade in progress
 * @param savepoints the savepoints taken, oldest first, at most {@value #HISTORY} of them
 * @param applied the objects the last apply left in the cluster
 * @param deletedAt may be null: when {@code delete} removed the deployment's objects
 * @param heldTaskManagers may be null: the HPA's last TaskManager count, kept since autoscaling was
 *     turned off until the caller asks for a count (the deployer's TaskManager hold)
 * @param revisions the applied revisions, oldest first, bounded ({@link RevisionLog})
 */
public record StateRecord(
        String resourceVersion,
        FlinkDeploymentSpec spec,
        String restoreSavepoint,
        Upgrade upgrade,
        List<SavepointRecord> savepoints,
        List<ObjectRef> applied,
        Instant deletedAt,
        Integer heldTaskManagers,
        List<Revision> revisions) {

    /** The ConfigMap key holding the JSON. */
    static final String DATA_KEY = "state.json";

    /** How many savepoints the history keeps. */
    static final int HISTORY = 20;

    private static final int FORMAT = 1;
    // Plain, configured once, never changed: thread-safe.
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An upgrade (or suspend) in progress.
     *
     * @param target the spec being moved to
     * @param step the last step the deployer started
     * @param jobId may be null: the old job's hex id
     * @param savepoint may be null until taken: the savepoint the new job starts from
     * @param owner the id of the deployer driving it
     * @param startedAt when the upgrade was claimed
     * @param updatedAt when its last step was recorded
     */
    public record Upgrade(
            FlinkDeploymentSpec target,
            UpgradeStep step,
            String jobId,
            String savepoint,
            String owner,
            Instant startedAt,
            Instant updatedAt) {

        /** A copy at step {@code next}, recorded {@code now}. */
        public Upgrade at(UpgradeStep next, Instant now) {
            return new Upgrade(target, next, jobId, savepoint, owner, startedAt, now);
        }

        /** A copy whose new job starts from the savepoint {@code path}. */
        public Upgrade withSavepoint(String path) {
            return new Upgrade(target, step, jobId, path, owner, startedAt, updatedAt);
        }

        /** A copy moving to {@code next}. */
        public Upgrade withTarget(FlinkDeploymentSpec next) {
            return new Upgrade(next, step, jobId, savepoint, owner, startedAt, updatedAt);
        }

        /** A copy driven by {@code deployer} from {@code now}. */
        public Upgrade ownedBy(String deployer, Instant now) {
            return new Upgrade(target, step, jobId, savepoint, deployer, startedAt, now);
        }
    }

    public StateRecord {
        savepoints = List.copyOf(savepoints);
        applied = List.copyOf(applied);
        revisions = List.copyOf(revisions);
    }

    /** A first record, for a deployment applied for the first time. */
    public static StateRecord first(FlinkDeploymentSpec spec) {
        String initial = spec.job() == null ? null : spec.job().initialSavepointPath();
        return new StateRecord(
                null, spec, initial, null, List.of(), List.of(), null, null, List.of());
    }

    /** The SHA-256 of the spec's JSON: what tells a re-apply of the same spec. */
    public static String hash(FlinkDeploymentSpec spec) {
        return FlinkConfigFiles.sha256(SpecSerialization.toJson(spec));
    }

    /**
     * The last applied spec's effective form: its defaults filled in, not judged again (it was when
     * it was applied).
     */
    public EffectiveSpec effective() {
        return EffectiveSpec.ofApplied(spec);
    }

    /** The most recent savepoint, if any was taken. */
    public SavepointRecord latestSavepoint() {
        return savepoints.isEmpty() ? null : savepoints.get(savepoints.size() - 1);
    }

    /** A copy with {@code next} as the last applied spec, and without a deletion mark. */
    public StateRecord withSpec(FlinkDeploymentSpec next) {
        return new StateRecord(
                resourceVersion,
                next,
                restoreSavepoint,
                upgrade,
                savepoints,
                applied,
                null,
                heldTaskManagers,
                revisions);
    }

    /** A copy whose pods start from the savepoint {@code path} (none when null). */
    public StateRecord withRestoreSavepoint(String path) {
        return new StateRecord(
                resourceVersion,
                spec,
                path,
                upgrade,
                savepoints,
                applied,
                deletedAt,
                heldTaskManagers,
                revisions);
    }

    /** A copy with {@code next} as the operation in progress (none when null). */
    public StateRecord withUpgrade(Upgrade next) {
        return new StateRecord(
                resourceVersion,
                spec,
                restoreSavepoint,
                next,
                savepoints,
                applied,
                deletedAt,
                heldTaskManagers,
                revisions);
    }

    /** A copy listing {@code objects} as applied. */
    public StateRecord withApplied(List<ObjectRef> objects) {
        return new StateRecord(
                resourceVersion,
                spec,
                restoreSavepoint,
                upgrade,
                savepoints,
                objects,
                deletedAt,
                heldTaskManagers,
                revisions);
    }

    /** A copy read or written at {@code version}. */
    public StateRecord withResourceVersion(String version) {
        return new StateRecord(
                version,
                spec,
                restoreSavepoint,
                upgrade,
                savepoints,
                applied,
                deletedAt,
                heldTaskManagers,
                revisions);
    }

    /** A copy marked deleted at {@code time}. */
    public StateRecord withDeletedAt(Instant time) {
        return new StateRecord(
                resourceVersion,
                spec,
                restoreSavepoint,
                upgrade,
                savepoints,
                applied,
                time,
                heldTaskManagers,
                revisions);
    }

    /** A copy keeping {@code count} as the TaskManager count (null: none held). */
    public StateRecord withHeldTaskManagers(Integer count) {
        return new StateRecord(
                resourceVersion,
                spec,
                restoreSavepoint,
                upgrade,
                savepoints,
                applied,
                deletedAt,
                count,
                revisions);
    }

    /** Adds a savepoint to the history (dropping the oldest beyond {@value #HISTORY}). */
    public StateRecord withSavepoint(SavepointRecord savepoint) {
        List<SavepointRecord> history = new ArrayList<>(savepoints);
        history.add(savepoint);
        while (history.size() > HISTORY) {
            history.remove(0);
        }
        return new StateRecord(
                resourceVersion,
                spec,
                restoreSavepoint,
                upgrade,
                history,
                applied,
                deletedAt,
                heldTaskManagers,
                revisions);
    }

    /** A copy whose revision history is {@code next} (oldest first). */
    public StateRecord withRevisions(List<Revision> next) {
        return new StateRecord(
                resourceVersion,
                spec,
                restoreSavepoint,
                upgrade,
                savepoints,
                applied,
                deletedAt,
                heldTaskManagers,
                next);
    }

    /** The JSON stored under {@value #DATA_KEY}. */
    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("spec", specNode(spec));
        root.put("specSha256", hash(spec));
        putNullable(root, "restoreSavepoint", restoreSavepoint);
        if (upgrade != null) {
            ObjectNode u = root.putObject("upgrade");
            u.set("target", specNode(upgrade.target()));
            u.put("step", upgrade.step().name());
            putNullable(u, "jobId", upgrade.jobId());
            putNullable(u, "savepoint", upgrade.savepoint());
            u.put("owner", upgrade.owner());
            u.put("startedAt", upgrade.startedAt().toString());
            u.put("updatedAt", upgrade.updatedAt().toString());
        }
        writeSavepoints(root.putArray("savepoints"), savepoints);
        ArrayNode objects = root.putArray("applied");
        for (ObjectRef o : applied) {
            objects.addObject()
                    .put("apiVersion", o.apiVersion())
                    .put("kind", o.kind())
                    .put("name", o.name());
        }
        putNullable(root, "deletedAt", deletedAt == null ? null : deletedAt.toString());
        if (heldTaskManagers != null) {
            root.put("heldTaskManagers", heldTaskManagers.intValue());
        }
        RevisionCodec.write(root.putArray("revisions"), revisions);
        return root.toPrettyString();
    }

    /**
     * Reads a stored record.
     *
     * @throws IllegalStateException when the JSON is not a record this version understands
     */
    static StateRecord fromJson(String json, String namespace, String resourceVersion) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root.path("format").asInt() != FORMAT) {
                throw new IllegalStateException("unknown format " + root.path("format"));
            }
            JsonNode u = root.path("upgrade");
            Upgrade upgrade =
                    u.isObject()
                            ? new Upgrade(
                                    spec(u.get("target")),
                                    UpgradeStep.valueOf(u.path("step").asText()),
                                    text(u, "jobId"),
                                    text(u, "savepoint"),
                                    u.path("owner").asText(),
                                    Instant.parse(u.path("startedAt").asText()),
                                    Instant.parse(u.path("updatedAt").asText()))
                            : null;
            List<SavepointRecord> history = readSavepoints(root.path("savepoints"));
            List<ObjectRef> applied = new ArrayList<>();
            for (JsonNode n : root.path("applied")) {
                applied.add(
                        new ObjectRef(
                                n.path("apiVersion").asText(),
                                n.path("kind").asText(),
                                namespace,
                                n.path("name").asText()));
            }
            String deleted = text(root, "deletedAt");
            JsonNode held = root.path("heldTaskManagers");
            return new StateRecord(
                    resourceVersion,
                    spec(root.get("spec")),
                    text(root, "restoreSavepoint"),
                    upgrade,
                    history,
                    applied,
                    deleted == null ? null : Instant.parse(deleted),
                    held.isInt() ? held.intValue() : null,
                    RevisionCodec.read(root.path("revisions")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException(
                    "the SDK state record cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Writes a savepoint history as every record of the SDK stores it. */
    static void writeSavepoints(ArrayNode history, List<SavepointRecord> savepoints) {
        for (SavepointRecord s : savepoints) {
            ObjectNode n = history.addObject();
            n.put("path", s.path());
            putNullable(n, "jobId", s.jobId());
            n.put("takenAt", s.takenAt().toString());
            n.put("reason", s.reason().name());
        }
    }

    /** Reads a savepoint history {@link #writeSavepoints} wrote. */
    static List<SavepointRecord> readSavepoints(JsonNode history) {
        List<SavepointRecord> result = new ArrayList<>();
        for (JsonNode n : history) {
            result.add(
                    new SavepointRecord(
                            n.path("path").asText(),
                            text(n, "jobId"),
                            Instant.parse(n.path("takenAt").asText()),
                            SavepointRecord.Reason.valueOf(n.path("reason").asText())));
        }
        return result;
    }

    static JsonNode specNode(FlinkDeploymentSpec s) {
        try {
            return JSON.readTree(SpecSerialization.toJson(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SDK bug: a spec's JSON could not be parsed", e);
        }
    }

    static FlinkDeploymentSpec spec(JsonNode node) {
        return SpecSerialization.fromJson(node.toString());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    static void putNullable(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
