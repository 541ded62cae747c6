package io.flinkk8s.sdk.core.deploy;

/**
 * What {@link FlinkDeploymentHandle#delete(DeleteOptions)} removes besides the objects it rendered.
 * By default it keeps everything that holds state: PersistentVolumeClaims, Flink's HA ConfigMaps
 * and the SDK state record (with the savepoint history), so the deployment can be applied again
 * from where it was: the next apply of its spec starts the job from the savepoint the delete took
 * ({@link #withSavepointFirst()}), or from a suspended job's savepoint, unless the spec names
 * another {@code job.initialSavepointPath} than the one last applied. A delete that took no
 * savepoint leaves none to start from: the next apply starts the job as the spec says and its plan
 * carries an advisory naming the latest recorded savepoint, never restoring an older one silently.
 * (With upgrade mode last-state and Kubernetes HA, the HA ConfigMaps a delete keeps let Flink
 * recover the job from its latest checkpoint on its own when the JobManager starts again.)
 *
 * <pre>{@code
 * handle.delete(DeleteOptions.keepState().withSavepointFirst());   // stop with a savepoint first
 * handle.delete(DeleteOptions.everything());                        // leave nothing behind
 * }</pre>
 *
 * @param savepointFirst stop the job with a savepoint (recorded in the history) before deleting,
 *     holding the upgrade Lease as an upgrade does; if the savepoint fails, or another deployer
 *     holds the Lease, nothing is deleted. A suspended job is not asked again: it stopped at its
 *     suspension's savepoint
 * @param persistentVolumeClaims also delete the PersistentVolumeClaims the SDK applied
 * @param highAvailabilityData also delete Flink's HA ConfigMaps of the cluster ({@code
 *     app=<name>,configmap-type=high-availability})
 * @param stateRecord also delete the SDK state record, its savepoint history and the upgrade Lease
 */
public record DeleteOptions(
        boolean savepointFirst,
        boolean persistentVolumeClaims,
        boolean highAvailabilityData,
        boolean stateRecord) {

    /** Deletes the rendered objects only; keeps PVCs, HA data and the state record. */
    public static DeleteOptions keepState() {
        return new DeleteOptions(false, false, false, false);
    }

    /**
     * Deletes everything: PersistentVolumeClaims, Flink's HA ConfigMaps, the state record with its
     * savepoint history, and the upgrade Lease.
     */
    public static DeleteOptions everything() {
        return new DeleteOptions(false, true, true, true);
    }

    /** A copy that stops the job with a savepoint first. */
    public DeleteOptions withSavepointFirst() {
        return new DeleteOptions(true, persistentVolumeClaims, highAvailabilityData, stateRecord);
    }
}
