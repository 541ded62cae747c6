package io.flinkk8s.sdk.core.deploy;

/**
 * What one {@code apply} did.
 *
 * @param plan what was found and done, object by object
 * @param transition how the job was moved, if it was
 */
public record ApplyResult(ApplyPlan plan, Transition transition) {

    /** How an apply moved the job. */
    public enum Transition {
        /** The objects were applied as planned; no running job had to be stopped. */
        NONE,
        /** The job was stopped with a savepoint and the new spec started from it. */
        SAVEPOINT_UPGRADE,
        /** The new spec was applied over the running job (STATELESS or LAST_STATE mode). */
        REDEPLOY,
        /** The job was stopped (with a savepoint unless STATELESS) and scaled to zero. */
        SUSPEND,
        /** A suspended job was started again from its recorded savepoint. */
        RESUME,
        /** An upgrade a previous deployer started and did not finish was finished. */
        RESUMED_UPGRADE
    }

    /** Whether anything was written to the cluster. */
    public boolean changedCluster() {
        return plan.hasChanges() || transition != Transition.NONE;
    }
}
