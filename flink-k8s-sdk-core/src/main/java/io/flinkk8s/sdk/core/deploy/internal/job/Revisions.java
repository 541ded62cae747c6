package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RevisionLog;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.List;

/** The revisions the outcome of a savepoint upgrade or rollback adds to the state record. */
final class Revisions {

    /** The most characters of a failure's message a revision keeps. */
    private static final int MAX_CAUSE = 1000;

    private Revisions() {}

    /** The failure's message, shortened to {@value #MAX_CAUSE} characters. */
    static String cause(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.length() <= MAX_CAUSE ? message : message.substring(0, MAX_CAUSE) + "…";
    }

    /** A start from {@code path}, or without state when it is null. */
    static Start startFrom(String path) {
        return path == null ? Start.of(Start.Kind.NONE) : new Start(Start.Kind.SAVEPOINT, path);
    }

    /**
     * The record after a new version did not become ready and the previous spec was applied again
     * from {@code previousFrom}: the new version is a revision rolled back because of {@code
     * cause}, and the previous spec a new revision, a rollback of the one current before the
     * attempt.
     *
     * @param rolling the record during the rollback: the previous spec, no upgrade yet cleared
     * @param attempted the new version's spec, as written
     * @param start what the new version started from
     * @param taken may be null: the savepoint taken from the previous version's job
     * @param rollbackOf may be null: the revision the new version itself rolled back to
     */
    static StateRecord rolledBack(
            DeployerContext ctx,
            StateRecord rolling,
            FlinkDeploymentSpec attempted,
            Start start,
            String taken,
            Integer rollbackOf,
            String previousFrom,
            String cause) {
        FlinkDeploymentSpec previous = rolling.spec();
        Integer before = current(rolling);
        StateRecord tried =
                RevisionLog.applied(
                        ctx, rolling.withSpec(attempted), start, taken, rollbackOf, null);
        return RevisionLog.applied(
                ctx, tried.withSpec(previous), startFrom(previousFrom), null, before, cause);
    }

    /** The number of the current revision; null when there is none. */
    private static Integer current(StateRecord state) {
        List<Revision> revisions = state.revisions();
        if (revisions.isEmpty()) {
            return null;
        }
        Revision newest = revisions.get(revisions.size() - 1);
        return newest.current() ? newest.number() : null;
    }
}
