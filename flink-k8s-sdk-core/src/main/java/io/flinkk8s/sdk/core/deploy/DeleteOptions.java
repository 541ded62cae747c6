package io.flinkk8s.sdk.core.deploy;

/**
 * What {@link FlinkDeploymentHandle#delete(DeleteOptions)} removes besides the objects it rendered.
 * By default it keeps everything that holds state: PersistentVolumeClaims, Flink's HA ConfigMaps
 * and the SDK state record (with the savepoint history), so the deployment can be applied again
 * from where it was.
 *
 * <pre>{@code
 * handle.delete(DeleteOptions.keepState().withSavepointFirst());   // stop with a savepoint first
 * handle.delete(DeleteOptions.everything());                        // leave nothing behind
 * }</pre>
 *
 * @param savepointFirst stop the job with a savepoint (recorded in the history) before deleting; if
 *     the savepoint fails nothing is deleted
 * @param persistentVolumeClaims also delete the PersistentVolumeClaims the SDK applied
 * @param highAvailabilityData also delete Flink's HA ConfigMaps of the cluster ({@code
 *     app=<name>,configmap-type=high-availability})
 * @param stateRecord also delete the SDK state record and its savepoint history
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

    /** Deletes everything, the state record and its savepoint history included. */
    public static DeleteOptions everything() {
        return new DeleteOptions(false, true, true, true);
    }

    /** A copy that stops the job with a savepoint first. */
    public DeleteOptions withSavepointFirst() {
        return new DeleteOptions(true, persistentVolumeClaims, highAvailabilityData, stateRecord);
    }
}
