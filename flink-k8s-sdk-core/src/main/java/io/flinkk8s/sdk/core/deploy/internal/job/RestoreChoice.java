package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.JobImpact.RestoreSource;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.flink.CheckpointInfo;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a restart starts from under the spec's {@link RestorePolicy}: the one judge that the plan,
 * upgrades and resume share (and a rollback can use), so that what the plan says is what the apply
 * does. A candidate state is a savepoint (from the state record) or a checkpoint (from Flink's
 * checkpoint statistics); the policy picks among them, then measures the age against {@code
 * restore.maxAge}: too old refuses, or starts without state when {@code restore.whenTooOld} says
 * so.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class RestoreChoice {

    private RestoreChoice() {}

    /**
     * The choice: what the job starts from, or why it must not restart.
     *
     * @param source what the job starts from; for a refusal, the state that was too old
     * @param refusal may be null: why the restart is refused (nothing is written)
     */
    public record Choice(RestoreSource source, String refusal) {

        /** Whether the restart is refused. */
        public boolean refused() {
            return refusal != null;
        }

        /** The path the job starts from; null without state. */
        public String path() {
            return source.type() == RestoreSource.Type.SAVEPOINT
                            || source.type() == RestoreSource.Type.CHECKPOINT
                    ? source.path()
                    : null;
        }
    }

    /** A savepoint the state record holds, as a candidate; null when {@code path} is null. */
    public static RestoreSource recordedSavepoint(String path, StateRecord state, Instant now) {
        if (path == null) {
            return null;
        }
        SavepointRecord taken =
                state.savepoints().stream()
                        .filter(s -> s.path().equals(path))
                        .reduce((first, second) -> second)
                        .orElse(null);
        if (taken == null) {
            return new RestoreSource(
                    RestoreSource.Type.SAVEPOINT, path, null, null, "state record");
        }
        return new RestoreSource(
                RestoreSource.Type.SAVEPOINT,
                path,
                taken.takenAt(),
                age(taken.takenAt(), now),
                "state record; taken by " + taken.reason());
    }

    /** A completed checkpoint from Flink's statistics, as a candidate; null when unknown. */
    public static RestoreSource checkpoint(CheckpointInfo info, String jobId, Instant now) {
        if (info == null || info.externalPath() == null) {
            return null;
        }
        return new RestoreSource(
                RestoreSource.Type.CHECKPOINT,
                info.externalPath(),
                info.completedAt(),
                age(info.completedAt(), now),
                "Flink checkpoint statistics of job " + jobId);
    }

    /**
     * Judges a restart that would start from {@code savepoint} or {@code checkpoint} (either may be
     * null; the checkpoint counts only when the policy allows checkpoints and it is newer).
     *
     * @param what what restarts, for the messages: "the resume", "the upgrade"
     */
    public static Choice judge(
            RestorePolicy policy, RestoreSource savepoint, RestoreSource checkpoint, String what) {
        if (policy.from() == RestoreFrom.NONE) {
            return new Choice(
                    RestoreSource.none(
                            "restore.from is none"
                                    + (savepoint == null
                                            ? ""
                                            : "; savepoint "
                                                    + savepoint.path()
                                                    + " stays in the savepoint history")),
                    null);
        }
        RestoreSource chosen = savepoint;
        if (policy.from() == RestoreFrom.LATEST_CHECKPOINT_OR_SAVEPOINT
                && checkpoint != null
                && (chosen == null || newer(checkpoint, chosen))) {
            chosen = checkpoint;
        }
        if (chosen == null) {
            return new Choice(RestoreSource.none("no savepoint or checkpoint to start from"), null);
        }
        if (policy.maxAge() == null
                || chosen.type() == RestoreSource.Type.NEW_SAVEPOINT
                || (chosen.age() != null && !policy.tooOld(chosen.age()))) {
            return new Choice(chosen, null);
        }
        String limit = FlinkDurations.format(policy.maxAge());
        String old =
                chosen.type().name().toLowerCase(Locale.ROOT)
                        + " "
                        + chosen.path()
                        + (chosen.age() == null
                                ? " has no known age"
                                : " is " + FlinkDurations.readable(chosen.age()) + " old")
                        + ", over restore.maxAge "
                        + limit;
        if (policy.startsWithoutStateWhenTooOld()) {
            return new Choice(
                    RestoreSource.none(
                            "restore policy: "
                                    + old
                                    + " and restore.whenTooOld is start-without-state; it stays"
                                    + " in the savepoint history"),
                    null);
        }
        return new Choice(
                chosen,
                "the restore policy refuses "
                        + what
                        + ": "
                        + old
                        + " (restore.whenTooOld: refuse). To go on, take a newer savepoint,"
                        + " raise restore.maxAge, or set restore.whenTooOld to"
                        + " start-without-state to start the job without state.");
    }

    /** A savepoint this apply takes first: always fresh, unless the policy starts empty. */
    public static Choice newSavepoint(RestorePolicy policy, String directory) {
        if (policy.from() == RestoreFrom.NONE) {
            return judge(policy, null, null, "the upgrade");
        }
        return new Choice(
                new RestoreSource(
                        RestoreSource.Type.NEW_SAVEPOINT,
                        directory,
                        null,
                        Duration.ZERO,
                        "taken by this apply"),
                null);
    }

    private static boolean newer(RestoreSource a, RestoreSource b) {
        return a.takenAt() != null && (b.takenAt() == null || a.takenAt().isAfter(b.takenAt()));
    }

    private static Duration age(Instant takenAt, Instant now) {
        return takenAt == null || now == null ? null : Duration.between(takenAt, now);
    }
}
