package io.flinkk8s.sdk.core.deploy.internal.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK's memory of one session job on a session cluster it deployed with target standalone, kept
 * in the cluster as a deployment's {@link StateRecord} is (ConfigMap {@code
 * ResourceNames.sessionJobState()}, key {@value StateRecord#DATA_KEY}, written by {@link
 * StateStore} with the same optimistic concurrency, never pruned, deleted only on request): the
 * last applied spec, the job submitted for it, the jar uploaded for it, the savepoint the next
 * start restores from and the savepoint history. The JSON layout is a wire format ({@code "format":
 * 1}, {@code "kind": "FlinkSessionJob"}).
 *
 * <p>The record is written before each step against Flink: a job id is chosen and recorded before
 * the jar runs under it, and a stopped job's id is cleared together with the savepoint it stopped
 * at. So a record with a spec whose job runs and no job id owes a start, which the next apply (of
 * any deployer) makes from {@link #restoreSavepoint()}.
 *
 * @param resourceVersion the ConfigMap's version when read; null for a record not stored yet
 * @param spec the last applied spec as the caller gave it (not defaulted); its {@code job.state}
 *     says whether the job is suspended
 * @param jobId may be null: the hex id of the job submitted for {@code spec}; null while suspended
 *     or once stopped
 * @param jarId may be null: the id of the jar last uploaded to the session cluster for it
 * @param restoreSavepoint may be null: the savepoint the job started from, or, with no job id, the
 *     one the next start restores from
 * @param savepoints the savepoints taken, oldest first, at most {@value StateRecord#HISTORY}
 * @param deletedAt may be null: when {@code delete} cancelled the job and kept the record
 */
public record SessionJobRecord(
        String resourceVersion,
        FlinkSessionJobSpec spec,
        String jobId,
        String jarId,
        String restoreSavepoint,
        List<SavepointRecord> savepoints,
        Instant deletedAt) {

    private static final int FORMAT = 1;
    private static final String KIND = "FlinkSessionJob";
    // Plain, configured once, never changed: thread-safe.
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the history. */
    public SessionJobRecord {
        savepoints = List.copyOf(savepoints);
    }

    /** A first record of {@code spec}, no job submitted yet. */
    public static SessionJobRecord first(FlinkSessionJobSpec spec) {
        return new SessionJobRecord(null, spec, null, null, null, List.of(), null);
    }

    /** The last applied spec with its defaults filled in (judged when it was applied). */
    public FlinkSessionJobSpec effective() {
        return EffectiveSessionJob.ofApplied(spec).spec();
    }

    /** Whether the last applied spec suspends the job. */
    public boolean suspended() {
        return effective().job().state() == JobState.SUSPENDED;
    }

    /** The most recent savepoint, if any was taken. */
    public SavepointRecord latestSavepoint() {
        return savepoints.isEmpty() ? null : savepoints.get(savepoints.size() - 1);
    }

    /** A copy with {@code next} as the last applied spec, and without a deletion mark. */
    public SessionJobRecord withSpec(FlinkSessionJobSpec next) {
        return new SessionJobRecord(
                resourceVersion, next, jobId, jarId, restoreSavepoint, savepoints, null);
    }

    /** A copy whose job is {@code id} (none when null), run from the jar {@code jar}. */
    public SessionJobRecord withJob(String id, String jar) {
        return new SessionJobRecord(
                resourceVersion, spec, id, jar, restoreSavepoint, savepoints, deletedAt);
    }

    /** A copy whose job starts, or started, from the savepoint {@code path} (none when null). */
    public SessionJobRecord withRestoreSavepoint(String path) {
        return new SessionJobRecord(
                resourceVersion, spec, jobId, jarId, path, savepoints, deletedAt);
    }

    /** A copy read or written at {@code version}. */
    public SessionJobRecord withResourceVersion(String version) {
        return new SessionJobRecord(
                version, spec, jobId, jarId, restoreSavepoint, savepoints, deletedAt);
    }

    /** A copy marked deleted at {@code time}. */
    public SessionJobRecord withDeletedAt(Instant time) {
        return new SessionJobRecord(
                resourceVersion, spec, jobId, jarId, restoreSavepoint, savepoints, time);
    }

    /** Adds a savepoint to the history (dropping the oldest beyond the history's length). */
    public SessionJobRecord withSavepoint(SavepointRecord savepoint) {
        List<SavepointRecord> history = new ArrayList<>(savepoints);
        history.add(savepoint);
        while (history.size() > StateRecord.HISTORY) {
            history.remove(0);
        }
        return new SessionJobRecord(
                resourceVersion, spec, jobId, jarId, restoreSavepoint, history, deletedAt);
    }

    /** The JSON stored under the record's data key. */
    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", KIND);
        try {
            root.set("spec", JSON.readTree(SpecSerialization.toJson(spec)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SDK bug: a session job's JSON could not be parsed", e);
        }
        StateRecord.putNullable(root, "jobId", jobId);
        StateRecord.putNullable(root, "jarId", jarId);
        StateRecord.putNullable(root, "restoreSavepoint", restoreSavepoint);
        StateRecord.writeSavepoints(root.putArray("savepoints"), savepoints);
        StateRecord.putNullable(root, "deletedAt", deletedAt == null ? null : deletedAt.toString());
        return root.toPrettyString();
    }

    /**
     * Reads a stored record.
     *
     * @throws IllegalStateException when the JSON is not a record this version understands
     */
    static SessionJobRecord fromJson(String json, String resourceVersion) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root.path("format").asInt() != FORMAT || !KIND.equals(root.path("kind").asText())) {
                throw new IllegalStateException(
                        "unknown format " + root.path("format") + " or kind " + root.path("kind"));
            }
            String deleted = StateRecord.text(root, "deletedAt");
            return new SessionJobRecord(
                    resourceVersion,
                    SpecSerialization.sessionJobFromJson(root.get("spec").toString()),
                    StateRecord.text(root, "jobId"),
                    StateRecord.text(root, "jarId"),
                    StateRecord.text(root, "restoreSavepoint"),
                    StateRecord.readSavepoints(root.path("savepoints")),
                    deleted == null ? null : Instant.parse(deleted));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException(
                    "the SDK state record of a session job cannot be read (" + e.getMessage() + ")",
                    e);
        }
    }
}
