package io.flinkk8s.sdk.core.deploy.status;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One applied revision of a deployment, as the SDK keeps it in the cluster (in the state record,
 * next to the savepoint history): the spec as it was applied, when and by which field manager, the
 * state its job started from, and how it ended. A revision is added when an apply changes the spec
 * (its hash); a re-apply of the same spec adds none. Read them with {@code handle.history()},
 * newest first; roll back to one with {@code handle.rollback(number)}.
 *
 * <p>The spec is the one the caller applied (not defaulted), in the SDK's serialized form: it
 * references Secrets by name and never holds a Secret's value.
 *
 * @param number counts from 1 per deployment, one up per revision; never reused
 * @param specHash the SHA-256 of the spec's serialized JSON
 * @param spec the spec applied
 * @param image the container image the spec names (null when the spec left it to the default)
 * @param appliedAt when it was applied, by the deployer's clock
 * @param fieldManager the server-side-apply field manager of the deployer that applied it
 * @param startedFrom what its job started from, as the apply or upgrade decided it
 * @param rollbackOf may be null: the revision this one rolled back to (a {@code rollback}, or the
 *     automatic rollback of a savepoint upgrade whose new version did not become ready)
 * @param ending may be null while this is the current revision: how it ended
 */
public record Revision(
        int number,
        String specHash,
        FlinkDeploymentSpec spec,
        String image,
        Instant appliedAt,
        String fieldManager,
        Start startedFrom,
        Integer rollbackOf,
        Ending ending) {

    /** Requires the number, hash, spec, time, field manager and start. */
    public Revision {
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(fieldManager, "fieldManager");
        Objects.requireNonNull(startedFrom, "startedFrom");
    }

    /** Whether this is the deployment's current revision (it has not ended). */
    public boolean current() {
        return ending == null;
    }

    /**
     * The savepoint (or retained checkpoint) recorded when this revision ended, which a rollback to
     * it starts from: the one its successor started from, or the one taken to suspend or delete it.
     */
    public Optional<String> endSavepoint() {
        return ending == null ? Optional.empty() : Optional.ofNullable(ending.savepoint());
    }

    /** A copy that ended as {@code end}. */
    public Revision endedAs(Ending end) {
        return new Revision(
                number,
                specHash,
                spec,
                image,
                appliedAt,
                fieldManager,
                startedFrom,
                rollbackOf,
                end);
    }

    /**
     * What a revision's job started from.
     *
     * @param kind the kind of start
     * @param path may be null: the savepoint or checkpoint path, when known
     */
    public record Start(Kind kind, String path) {

        /** The kind of start. */
        public enum Kind {
            /** A new job without state. */
            NONE,
            /** A new job from the savepoint at {@code path}. */
            SAVEPOINT,
            /** A new job from the retained checkpoint at {@code path}. */
            CHECKPOINT,
            /**
             * A new job recovered by Flink's Kubernetes HA from its latest checkpoint (upgrade mode
             * last-state); {@code path} is that checkpoint when Flink reported it.
             */
            LAST_STATE,
            /** The job was not restarted: the change left it running (metadata, a scale). */
            NOT_RESTARTED,
            /** No job started: the revision suspended it. */
            NOT_STARTED,
            /**
             * The Flink Kubernetes Operator moved the job by its upgrade mode (operator target);
             * the savepoint it took is in the {@code FlinkDeployment}'s status. In upgrade mode
             * SAVEPOINT the SDK reads it from there once the operator finished the upgrade and the
             * job runs (at the next apply, or a rollback), and the revision then reads as started
             * from that {@link #SAVEPOINT}.
             */
            BY_OPERATOR
        }

        /** Requires a kind. */
        public Start {
            Objects.requireNonNull(kind, "kind");
        }

        /** A start of {@code kind} without a path. */
        public static Start of(Kind kind) {
            return new Start(kind, null);
        }

        @Override
        public String toString() {
            return path == null ? kind.name() : kind + " " + path;
        }
    }

    /**
     * How a revision ended.
     *
     * @param kind the kind of ending
     * @param at when, by the deployer's clock
     * @param byRevision may be null: the revision that replaced it
     * @param savepoint may be null: the savepoint (or checkpoint) recorded when it ended, which its
     *     successor started from or which was taken to stop its job; what a rollback to it uses
     * @param cause may be null: why it failed or was rolled back automatically
     */
    public record Ending(
            Kind kind, Instant at, Integer byRevision, String savepoint, String cause) {

        /** The kind of ending. */
        public enum Kind {
            /** A later apply replaced it. */
            SUPERSEDED,
            /** Its job did not become ready and it was not rolled back; {@code cause} says why. */
            FAILED,
            /** A rollback replaced it, asked for or automatic after a failure ({@code cause}). */
            ROLLED_BACK,
            /** The deployment was deleted while it was current. */
            DELETED
        }

        /** Requires a kind and a time. */
        public Ending {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(at, "at");
        }
    }

    @Override
    public String toString() {
        return "revision "
                + number
                + " ("
                + appliedAt
                + ", "
                + fieldManager
                + (image == null ? "" : ", " + image)
                + "): started from "
                + startedFrom
                + (rollbackOf == null ? "" : ", rollback of revision " + rollbackOf)
                + (ending == null
                        ? ", current"
                        : ", "
                                + ending.kind()
                                + (ending.byRevision() == null
                                        ? ""
                                        : " by revision " + ending.byRevision())
                                + (ending.savepoint() == null
                                        ? ""
                                        : " at savepoint " + ending.savepoint())
                                + (ending.cause() == null ? "" : ": " + ending.cause()));
    }
}
