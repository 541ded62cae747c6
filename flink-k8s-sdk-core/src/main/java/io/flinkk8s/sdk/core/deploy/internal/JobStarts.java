package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.Optional;

/**
 * What a job starts from as the cluster runs it: the savepoint the state record names, the spec's
 * {@code initialSavepointPath} the first time, the savepoint a {@code delete} stopped at; and what
 * the plan says when a delete left none.
 */
final class JobStarts {

    private JobStarts() {}

    /**
     * What the job of {@code spec} starts from as this cluster runs it: the savepoint the state
     * record names (the spec's {@code initialSavepointPath} counts the first time only); after a
     * {@code delete}, the savepoint the job stopped at (the one the delete took, or its
     * suspension's), unless the caller's spec names another {@code initialSavepointPath} than the
     * last applied one; without such a savepoint, as the spec says. Null for a session cluster.
     */
    static JobStart of(EffectiveSpec spec, Optional<StateRecord> state) {
        FlinkDeploymentSpec effective = spec.spec();
        if (effective.job() == null) {
            return null;
        }
        String given = effective.job().initialSavepointPath();
        // The operator tracks the savepoints it restores from itself; the CR carries the spec's.
        if (effective.target() == RenderTarget.OPERATOR) {
            return new JobStart(JobStart.Source.OPERATOR, given, null);
        }
        if (state.isPresent() && state.get().deletedAt() == null) {
            return recorded(state.get().restoreSavepoint(), state.get());
        }
        if (state.isPresent() && !chosenAnew(given, state.get())) {
            // Deletion left the savepoint the job stopped at, or none: never an older one.
            String stoppedAt = state.get().restoreSavepoint();
            if (stoppedAt != null) {
                return recorded(stoppedAt, state.get());
            }
        }
        return given == null
                ? new JobStart(JobStart.Source.NONE, null, null)
                : new JobStart(JobStart.Source.SPEC, given, null);
    }

    /** Whether the caller's spec names another initial savepoint than the last applied spec. */
    private static boolean chosenAnew(String given, StateRecord state) {
        JobSpec before = state.effective().spec().job();
        return given != null
                && !given.equals(before == null ? null : before.initialSavepointPath());
    }

    /** The job starts from {@code path} (none when null), as the state record has it. */
    static JobStart recorded(String path, StateRecord state) {
        if (path == null) {
            return new JobStart(JobStart.Source.NONE, null, null);
        }
        SavepointRecord taken =
                state.savepoints().stream()
                        .filter(s -> s.path().equals(path))
                        .reduce((first, second) -> second)
                        .orElse(null);
        return new JobStart(JobStart.Source.STATE_RECORD, path, taken);
    }

    /**
     * The advisory of an apply after a {@code delete} that left no savepoint to start from while
     * the history holds one: the job does not silently start from an older savepoint, so say which
     * one there is and how to start from it.
     */
    static Optional<Advisory> afterDelete(
            EffectiveSpec effective, Optional<StateRecord> state, JobStart start) {
        if (start == null
                || start.source() == JobStart.Source.STATE_RECORD
                || start.source() == JobStart.Source.OPERATOR
                || state.isEmpty()
                || state.get().deletedAt() == null
                || state.get().latestSavepoint() == null) {
            return Optional.empty();
        }
        SavepointRecord latest = state.get().latestSavepoint();
        String startsFrom =
                start.source() == JobStart.Source.SPEC
                        ? "from job.initialSavepointPath " + start.path()
                        : "without state";
        StringBuilder message =
                new StringBuilder("the deployment was deleted at ")
                        .append(state.get().deletedAt())
                        .append(" without stopping its job with a savepoint, so this apply starts")
                        .append(" the job ")
                        .append(startsFrom)
                        .append(", not from an older savepoint. The latest recorded savepoint is ")
                        .append(latest.path())
                        .append(" (")
                        .append(latest.reason())
                        .append(", taken at ")
                        .append(latest.takenAt())
                        .append("); to start from it, set job.initialSavepointPath to it.");
        if (effective.spec().job().upgradeMode() == UpgradeMode.LAST_STATE
                && effective.spec().highAvailability().enabled()) {
            message.append(
                    " With upgrade mode last-state and Kubernetes HA, Flink recovers the job from"
                            + " the latest checkpoint in its HA data on its own when the JobManager"
                            + " starts, if the delete kept that data (the default; not with"
                            + " DeleteOptions.everything()).");
        }
        return Optional.of(new Advisory("job.initialSavepointPath", message.toString()));
    }
}
