package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.render.Advisory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a spec would do, without having written anything: to the job ({@link #jobImpact()}:
 * restart or not, why, and from which state) and object by object: created, updated (with the
 * fields that change), unchanged or pruned, in apply order (prunes last). {@code toString()} is
 * meant for people:
 *
 * <pre>
 * Plan for streaming/orders: 0 to create, 1 to update, 6 unchanged, 1 to prune
 *   job: SCALE (taskManager.replicas)
 *   ~ Deployment orders-taskmanager
 *     spec.replicas: 3 -&gt; 4
 *   - Ingress orders-rest
 * </pre>
 *
 * @param namespace the deployment's namespace
 * @param name the deployment's name
 * @param changes one entry per rendered object and per object to prune
 * @param advisories what the renderer and the deployer noticed about the spec and the deployment
 * @param jobStart may be null: a session cluster, which has no job of its own
 * @param jobImpact may be null for a plan made without one (a session job's); what the apply does
 *     to the job
 */
public record ApplyPlan(
        String namespace,
        String name,
        List<ResourceChange> changes,
        List<Advisory> advisories,
        JobStart jobStart,
        JobImpact jobImpact) {

    /**
     * What the job's pods are started from ({@code --fromSavepoint}) after this apply, and why.
     *
     * @param source where the savepoint comes from
     * @param path may be null: the savepoint's path; null for {@link Source#NONE} and for {@link
     *     Source#NEW_SAVEPOINT}, whose path is known only once taken
     * @param recorded may be null: the savepoint of the SDK's history with this path (why and when
     *     it was taken)
     */
    public record JobStart(Source source, String path, SavepointRecord recorded) {

        /** Where the savepoint a job starts from comes from. */
        public enum Source {
            /** No savepoint: the job starts with empty state. */
            NONE,
            /** The spec's {@code job.initialSavepointPath}. */
            SPEC,
            /**
             * The SDK's state record: the savepoint the current pods started from, or the one the
             * job stopped at (a suspension's, a deletion's, an interrupted upgrade's).
             */
            STATE_RECORD,
            /**
             * A savepoint this apply takes first (stop-with-savepoint of a SAVEPOINT upgrade or a
             * suspension); its path is known once taken.
             */
            NEW_SAVEPOINT,
            /**
             * Target operator: the Flink Kubernetes Operator chooses (the spec's {@code
             * job.initialSavepointPath} for its first deployment, its own savepoints after).
             */
            OPERATOR
        }

        /** Requires a source. */
        public JobStart {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return switch (source) {
                case NONE -> "job starts without state (no savepoint)";
                case SPEC -> "job starts from savepoint " + path + " (job.initialSavepointPath)";
                case STATE_RECORD ->
                        "job starts from savepoint "
                                + path
                                + " (state record"
                                + (recorded == null
                                        ? ")"
                                        : "; taken by "
                                                + recorded.reason()
                                                + " at "
                                                + recorded.takenAt()
                                                + ")");
                case NEW_SAVEPOINT ->
                        "job starts from a savepoint this apply takes first (stop-with-savepoint)";
                case OPERATOR ->
                        "the Flink Kubernetes Operator chooses what the job starts from"
                                + (path == null ? "" : " (job.initialSavepointPath " + path + ")");
            };
        }
    }

    /** Copies the lists. */
    public ApplyPlan {
        changes = List.copyOf(changes);
        advisories = List.copyOf(advisories);
    }

    /** A plan that says nothing about the job (a session cluster's). */
    public ApplyPlan(
            String namespace,
            String name,
            List<ResourceChange> changes,
            List<Advisory> advisories) {
        this(namespace, name, changes, advisories, null, null);
    }

    /** A plan with what the job's pods start from, without the job's impact. */
    public ApplyPlan(
            String namespace,
            String name,
            List<ResourceChange> changes,
            List<Advisory> advisories,
            JobStart jobStart) {
        this(namespace, name, changes, advisories, jobStart, null);
    }

    /** A copy with {@code impact} as the job's impact. */
    public ApplyPlan withJobImpact(JobImpact impact) {
        return new ApplyPlan(namespace, name, changes, advisories, jobStart, impact);
    }

    /**
     * The path of the savepoint the job's pods start from after this apply; empty when the job
     * starts without state, when the savepoint is one this apply takes first (see {@link
     * #jobStart()}), for a session cluster and when the operator chooses.
     */
    public Optional<String> restoreSavepoint() {
        return jobStart == null || jobStart.source() == JobStart.Source.OPERATOR
                ? Optional.empty()
                : Optional.ofNullable(jobStart.path());
    }

    /** Whether applying would write anything. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(ResourceChange::writes);
    }

    /** The changes with {@code action}, in plan order. */
    public List<ResourceChange> changes(ResourceChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).toList();
    }

    /** The change for one object, if the plan has one. */
    public Optional<ResourceChange> change(String kind, String objectName) {
        return changes.stream()
                .filter(c -> c.kind().equals(kind) && c.name().equals(objectName))
                .findFirst();
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("Plan for ")
                        .append(namespace)
                        .append('/')
                        .append(name)
                        .append(": ")
                        .append(changes(ResourceChange.Action.CREATE).size())
                        .append(" to create, ")
                        .append(changes(ResourceChange.Action.UPDATE).size())
                        .append(" to update, ")
                        .append(changes(ResourceChange.Action.UNCHANGED).size())
                        .append(" unchanged, ")
                        .append(changes(ResourceChange.Action.PRUNE).size())
                        .append(" to prune");
        if (jobImpact != null) {
            jobImpact
                    .toString()
                    .lines()
                    .forEach(l -> sb.append(System.lineSeparator()).append("  ").append(l));
        } else if (jobStart != null) {
            sb.append(System.lineSeparator()).append("  ").append(jobStart);
        }
        changes.stream()
                .filter(ResourceChange::writes)
                .forEach(c -> sb.append(System.lineSeparator()).append("  ").append(c));
        return sb.toString();
    }
}
