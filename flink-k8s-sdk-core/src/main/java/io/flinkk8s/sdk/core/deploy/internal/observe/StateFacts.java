package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.UpgradeStep;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import java.util.List;

/**
 * What a deployment's status takes from its state record, decided once per record: whether it is
 * deleted, whom it targets, whether it runs a job and whether that job is suspended, the upgrade in
 * progress and the savepoint history. The status view keeps these (a few hundred bytes) in place of
 * the parsed record (about 10 KiB with its spec, applied objects and revisions), and a status made
 * from them is the one made from the record.
 *
 * <p>Internal: not API, may change in any release.
 *
 * @param deleted {@code delete} removed the deployment's objects
 * @param operatorTarget the applied spec's target is the operator (and it is not deleted)
 * @param application the applied spec (defaults applied) runs a job
 * @param suspended that job is suspended
 * @param upgrading an upgrade (or suspend) is in progress
 * @param upgradeStep may be null: its last step
 * @param restoreSavepoint may be null: the savepoint the current pods start from
 * @param savepoints the savepoints taken, oldest first
 */
public record StateFacts(
        boolean deleted,
        boolean operatorTarget,
        boolean application,
        boolean suspended,
        boolean upgrading,
        UpgradeStep upgradeStep,
        String restoreSavepoint,
        List<SavepointRecord> savepoints) {

    /** The facts of {@code record}, with its defaults applied once. */
    public static StateFacts of(StateRecord record) {
        FlinkDeploymentSpec spec = record.effective().spec();
        boolean deleted = record.deletedAt() != null;
        return new StateFacts(
                deleted,
                !deleted && spec.target() == RenderTarget.OPERATOR,
                spec.job() != null,
                spec.job() != null && spec.job().state() == JobState.SUSPENDED,
                record.upgrade() != null,
                record.upgrade() == null ? null : record.upgrade().step(),
                record.restoreSavepoint(),
                List.copyOf(record.savepoints()));
    }

    /** The savepoint taken last; null when none was. */
    SavepointRecord latestSavepoint() {
        return savepoints.isEmpty() ? null : savepoints.get(savepoints.size() - 1);
    }
}
