package io.flinkk8s.sdk.core.deploy.status;

/**
 * Hears of every change of a deployment's status in a {@link DeploymentStatusView}: the lifecycle,
 * ready pods, restarts, the job, the upgrade step or the savepoints.
 *
 * <p>Called on the view's own thread, one change at a time and in order per deployment; keep it
 * quick (hand longer work to an executor of yours). An exception it throws is logged and otherwise
 * ignored.
 */
@FunctionalInterface
public interface StatusListener {

    /**
     * Handles one change.
     *
     * @param previous may be null: the view had not seen the deployment before (it was applied, or
     *     the view just started)
     * @param current the status now; lifecycle {@link Lifecycle#DELETED} once the deployment's
     *     objects are gone, after which the view forgets it unless its state record remains
     */
    void onStatusChange(DeploymentStatus previous, DeploymentStatus current);
}
