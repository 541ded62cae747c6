package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.JobImpact;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;

/**
 * What a revision written by a plain apply (no savepoint upgrade, no suspension) started from, as
 * the apply decided it: from the job's impact and the savepoint the pods were rendered with.
 */
final class RevisionStarts {

    private RevisionStarts() {}

    /**
     * @param impact may be null: the apply's job impact
     * @param start may be null: the savepoint the JobManager's pods start with
     */
    static Start of(EffectiveSpec spec, JobImpact impact, JobStart start) {
        if (spec.spec().job() == null) {
            return Start.of(Start.Kind.NONE);
        }
        if (spec.spec().job().state() == JobState.SUSPENDED) {
            return Start.of(Start.Kind.NOT_STARTED);
        }
        JobImpact.Kind kind = impact == null ? JobImpact.Kind.NEW_JOB : impact.kind();
        return switch (kind) {
            case NONE, SCALE -> Start.of(Start.Kind.NOT_RESTARTED);
            case SUSPEND -> Start.of(Start.Kind.NOT_STARTED);
            case RESTART_STATELESS -> Start.of(Start.Kind.NONE);
            case LAST_STATE_REDEPLOY -> new Start(Start.Kind.LAST_STATE, checkpoint(impact));
            case SAVEPOINT_REDEPLOY -> Start.of(Start.Kind.BY_OPERATOR);
            case NEW_JOB -> firstStart(spec, start);
            case RESUME, RECREATE -> fromPods(start);
        };
    }

    /**
     * A new job: on the operator target the operator starts it from the spec's {@code
     * job.initialSavepointPath}, if any.
     */
    private static Start firstStart(EffectiveSpec spec, JobStart start) {
        if (start != null && start.source() == JobStart.Source.OPERATOR) {
            String initial = spec.spec().job().initialSavepointPath();
            return initial == null
                    ? Start.of(Start.Kind.NONE)
                    : new Start(Start.Kind.SAVEPOINT, initial);
        }
        return fromPods(start);
    }

    private static Start fromPods(JobStart start) {
        if (start == null) {
            return Start.of(Start.Kind.NONE);
        }
        return switch (start.source()) {
            case SPEC, STATE_RECORD ->
                    start.path() == null
                            ? Start.of(Start.Kind.NONE)
                            : new Start(Start.Kind.SAVEPOINT, start.path());
            case OPERATOR, NEW_SAVEPOINT -> Start.of(Start.Kind.BY_OPERATOR);
            case NONE -> Start.of(Start.Kind.NONE);
        };
    }

    private static String checkpoint(JobImpact impact) {
        JobImpact.RestoreSource r = impact.restore();
        return r != null
                        && (r.type() == JobImpact.RestoreSource.Type.CHECKPOINT
                                || r.type() == JobImpact.RestoreSource.Type.SAVEPOINT)
                ? r.path()
                : null;
    }
}
