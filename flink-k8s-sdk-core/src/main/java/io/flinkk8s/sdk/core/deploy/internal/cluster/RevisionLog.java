package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.deploy.status.Revision.Ending;
import io.flinkk8s.sdk.core.deploy.status.Revision.Start;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The revision history's rules, on a {@link StateRecord} about to be written: a revision is added
 * when the applied spec's hash differs from the newest revision's (or the newest was deleted), the
 * newest one then ends (superseded, or rolled back), and the oldest are dropped beyond the count
 * the deployer keeps and beyond {@value #MAX_RECORD_CHARS} characters of record JSON, so the state
 * record's ConfigMap stays under Kubernetes' 1 MiB. Pure: the caller writes the record.
 */
public final class RevisionLog {

    /**
     * The most characters of JSON the state record may hold before the oldest revisions are dropped
     * (the newest is always kept): under the 1 MiB a ConfigMap may hold, leaving room for its
     * metadata. The JSON is ASCII unless a spec holds other characters, which the bound counts as
     * bytes.
     */
    static final int MAX_RECORD_CHARS = 900 * 1024;

    private RevisionLog() {}

    /**
     * What the record's revisions become when its spec was applied.
     *
     * @param state the record about to be written, holding the applied spec
     * @param start what the job started from
     * @param taken may be null: a savepoint taken from the previous revision's job by this apply,
     *     recorded as where the previous revision ended (otherwise the start's path, for a start
     *     from a savepoint or checkpoint)
     * @param rollbackOf may be null: the revision this one rolls back to
     * @param cause may be null: why the previous revision was rolled back
     * @param limit how many revisions to keep
     * @return {@code state} with the new revision, or as it was when its spec is the newest
     *     revision's already
     */
    public static StateRecord applied(
            StateRecord state,
            Start start,
            String taken,
            Integer rollbackOf,
            String cause,
            Instant now,
            String fieldManager,
            int limit) {
        List<Revision> revisions = new ArrayList<>(state.revisions());
        Revision newest = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        String hash = StateRecord.hash(state.spec());
        if (newest != null
                && newest.specHash().equals(hash)
                && (newest.ending() == null || newest.ending().kind() != Ending.Kind.DELETED)) {
            return state;
        }
        int number = newest == null ? 1 : newest.number() + 1;
        if (newest != null && newest.ending() == null) {
            String savepoint =
                    taken != null
                            ? taken
                            : start.kind() == Start.Kind.SAVEPOINT
                                            || start.kind() == Start.Kind.CHECKPOINT
                                            || start.kind() == Start.Kind.LAST_STATE
                                    ? start.path()
                                    : null;
            Ending.Kind kind =
                    rollbackOf == null ? Ending.Kind.SUPERSEDED : Ending.Kind.ROLLED_BACK;
            revisions.set(
                    revisions.size() - 1,
                    newest.endedAs(new Ending(kind, now, number, savepoint, cause)));
        }
        FlinkDeploymentSpec spec = state.spec();
        revisions.add(
                new Revision(
                        number,
                        hash,
                        spec,
                        spec.image(),
                        now,
                        fieldManager,
                        start,
                        rollbackOf,
                        null));
        return bounded(state.withRevisions(revisions), limit);
    }

    /**
     * {@link #applied(StateRecord, Start, String, Integer, String, Instant, String, int)} by the
     * deployer's clock, field manager and revision history limit.
     */
    public static StateRecord applied(
            DeployerContext ctx,
            StateRecord state,
            Start start,
            String taken,
            Integer rollbackOf,
            String cause) {
        return applied(
                state,
                start,
                taken,
                rollbackOf,
                cause,
                ctx.options().clock().instant(),
                ctx.options().fieldManager(),
                ctx.options().revisionHistoryLimit());
    }

    /**
     * The record with its current revision ended as {@code kind} (failed, deleted); as it was when
     * no revision is current.
     */
    public static StateRecord ended(
            StateRecord state, Ending.Kind kind, Instant now, String savepoint, String cause) {
        List<Revision> revisions = new ArrayList<>(state.revisions());
        if (revisions.isEmpty() || revisions.get(revisions.size() - 1).ending() != null) {
            return state;
        }
        int last = revisions.size() - 1;
        revisions.set(
                last, revisions.get(last).endedAs(new Ending(kind, now, null, savepoint, cause)));
        return state.withRevisions(revisions);
    }

    /** Drops the oldest revisions beyond {@code limit} and beyond the record's size bound. */
    static StateRecord bounded(StateRecord state, int limit) {
        List<Revision> revisions = new ArrayList<>(state.revisions());
        while (revisions.size() > limit) {
            revisions.remove(0);
        }
        StateRecord next = state.withRevisions(revisions);
        while (revisions.size() > 1 && size(next) > MAX_RECORD_CHARS) {
            revisions.remove(0);
            next = state.withRevisions(revisions);
        }
        return next;
    }

    private static int size(StateRecord state) {
        return state.toJson().getBytes(StandardCharsets.UTF_8).length;
    }
}
