package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.util.Optional;

/**
 * What a bulk call ({@link FlinkDeployer#applyAll}, {@link FlinkDeployer#planAll}) did for one
 * deployment of its input.
 *
 * @param namespace the deployment's namespace as the spec gives it (may be null for a spec that
 *     names none, which then {@link Status#FAILED failed} validation)
 * @param name the deployment's name as the spec gives it (may be null likewise)
 * @param status what happened to it
 * @param plan what was found (and, for {@code applyAll}, done) object by object; null when the
 *     deployment failed before a plan was made, or was cancelled
 * @param result what the apply did, for {@link Status#APPLIED} and {@link Status#UNCHANGED} of
 *     {@code applyAll}; null otherwise
 * @param failure why it failed, for {@link Status#FAILED} only: an {@code InvalidSpecException}
 *     with every violation (nothing was sent for it), or the apply's own exception, whose message
 *     says what was written before it failed; null otherwise
 */
public record BulkOutcome(
        String namespace,
        String name,
        Status status,
        ApplyPlan plan,
        ApplyResult result,
        FlinkK8sException failure) {

    /** What happened to one deployment of a bulk call. */
    public enum Status {
        /** {@code applyAll} wrote to the cluster (objects, the state record or a job move). */
        APPLIED,
        /**
         * The cluster already ran the spec: {@code applyAll} wrote nothing, or {@code planAll}
         * found nothing to change.
         */
        UNCHANGED,
        /** {@code planAll} found changes (nothing was written). */
        CHANGES_PLANNED,
        /** Validation or the apply (or plan) failed; see {@link #failure()}. */
        FAILED,
        /** The call was interrupted before this deployment was started: nothing was sent. */
        CANCELLED
    }

    /** Whether the deployment succeeded: applied, unchanged or planned. */
    public boolean succeeded() {
        return status != Status.FAILED && status != Status.CANCELLED;
    }

    /** The apply's result, when {@code applyAll} succeeded for this deployment. */
    public Optional<ApplyResult> applyResult() {
        return Optional.ofNullable(result);
    }

    /** {@code streaming/orders: APPLIED}, with the failure's message for a failed one. */
    @Override
    public String toString() {
        return namespace
                + "/"
                + name
                + ": "
                + status
                + (failure == null ? "" : ": " + failure.getMessage());
    }
}
