package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an apply does to the job, decided before anything is written: its {@link Kind}, the spec
 * fields that cause it, and for every start of the job the {@link RestoreSource}: which savepoint
 * or checkpoint the new job starts from, its path and age. Read it before a change; {@code
 * toString()} is meant for people:
 *
 * <pre>
 * job: SAVEPOINT_REDEPLOY (image, taskManager.resource.memory)
 *   job starts from a savepoint this apply takes first (stop-with-savepoint into s3://flink/sp)
 * </pre>
 *
 * @param kind what happens to the job
 * @param reasons the spec's field paths whose change causes it, e.g. {@code image}, {@code
 *     taskManager.replicas}; empty for a first deployment and when nothing changed
 * @param restore may be null: the job does not start (NONE, SCALE without restart, SUSPEND of a job
 *     that cannot take a savepoint); otherwise what it starts from
 * @param lost may be null: for {@link Kind#RECREATE}, what is lost
 * @param refusal may be null: why the apply refuses this change and writes nothing (the restore
 *     policy, a switch that would lose state); the job stays as it is
 */
public record JobImpact(
        Kind kind, List<String> reasons, RestoreSource restore, String lost, String refusal) {

    /** What an apply does to the job. */
    public enum Kind {
        /**
         * The first deployment: a new job starts (from {@code job.initialSavepointPath} if set).
         */
        NEW_JOB,
        /** The job is not touched: metadata, services or nothing changes. */
        NONE,
        /**
         * Only the TaskManager count changes: no restart, or an in-place rescale (reactive mode,
         * the operator's SCALE).
         */
        SCALE,
        /** The job is restarted without state (upgrade mode {@code stateless}). */
        RESTART_STATELESS,
        /** The job is stopped with a savepoint and started again from it. */
        SAVEPOINT_REDEPLOY,
        /** The job is redeployed and recovers its latest checkpoint (upgrade mode last-state). */
        LAST_STATE_REDEPLOY,
        /** The job is stopped (with a savepoint unless stateless) and its pods scaled to zero. */
        SUSPEND,
        /** A suspended job is started again. */
        RESUME,
        /**
         * The deployment is replaced: an immutable field or the render target changes; {@link
         * #lost()} says what is lost.
         */
        RECREATE
    }

    /**
     * What a starting job restores.
     *
     * @param type the kind of state
     * @param path may be null: the savepoint or checkpoint path; for {@link Type#NEW_SAVEPOINT} the
     *     directory it is written to
     * @param takenAt may be null: when the savepoint was taken or the checkpoint completed
     * @param age may be null: {@code takenAt} to the plan, when known
     * @param origin may be null: where the SDK learned it (the state record, Flink's checkpoint
     *     statistics, the spec), or why the job starts without state
     */
    public record RestoreSource(
            Type type, String path, Instant takenAt, Duration age, String origin) {

        /** The kind of state a job starts from. */
        public enum Type {
            /** None: the job starts empty. */
            NONE,
            /** A savepoint this apply takes first (stop-with-savepoint); age zero. */
            NEW_SAVEPOINT,
            /** A savepoint that exists. */
            SAVEPOINT,
            /** A completed checkpoint. */
            CHECKPOINT,
            /** Could not be told (e.g. Flink could not be read); {@code origin} says why. */
            UNKNOWN
        }

        /** Requires a type. */
        public RestoreSource {
            Objects.requireNonNull(type, "type");
        }

        /** The job starts without state, because of {@code why} (may be null). */
        public static RestoreSource none(String why) {
            return new RestoreSource(Type.NONE, null, null, null, why);
        }

        @Override
        public String toString() {
            String from = origin == null ? "" : " (" + origin + ")";
            return switch (type) {
                case NONE -> "job starts without state" + from;
                case NEW_SAVEPOINT ->
                        "job starts from a savepoint this apply takes first (stop-with-savepoint"
                                + (path == null ? "" : " into " + path)
                                + ")";
                case SAVEPOINT -> "job starts from savepoint " + path + when() + from;
                case CHECKPOINT -> "job starts from checkpoint " + path + when() + from;
                case UNKNOWN -> "what the job starts from is unknown" + from;
            };
        }

        private String when() {
            if (takenAt == null) {
                return "";
            }
            return ", taken at "
                    + takenAt
                    + (age == null ? "" : ", " + FlinkDurations.readable(age) + " old");
        }
    }

    /** Copies the list; requires a kind. */
    public JobImpact {
        Objects.requireNonNull(kind, "kind");
        reasons = List.copyOf(reasons);
    }

    /** Whether the apply refuses this change (and writes nothing). */
    public boolean refused() {
        return refusal != null;
    }

    /** What the job starts from, when it starts. */
    public Optional<RestoreSource> restoreSource() {
        return Optional.ofNullable(restore);
    }

    /** {@code job: KIND (reasons)} followed by the restore source, what is lost, a refusal. */
    @Override
    public String toString() {
        String nl = System.lineSeparator() + "  ";
        StringBuilder sb = new StringBuilder("job: ").append(kind);
        if (!reasons.isEmpty()) {
            sb.append(" (").append(String.join(", ", reasons)).append(')');
        }
        if (restore != null) {
            sb.append(nl).append(restore);
        }
        if (lost != null) {
            sb.append(nl).append("loses: ").append(lost);
        }
        if (refusal != null) {
            sb.append(nl).append("REFUSED: ").append(refusal);
        }
        return sb.toString();
    }
}
