package io.flinkk8s.sdk.testkit.flink;

import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * What a test sees of one job of a {@link SimulatedFlinkRuntime}: an immutable snapshot taken when
 * {@link SimulatedFlinkRuntime#jobs()} was called.
 *
 * @param id the job id
 * @param name the job name from the plan; for jar runs and application jobs the entry class
 * @param status the status at the time of the snapshot
 * @param origin how the job was started
 * @param restoreSettings the savepoint the job was started from, {@link
 *     SavepointRestoreSettings#none()} when it started without state
 * @param entryClass may be null: jobs submitted as a plan have none
 * @param arguments program arguments of a jar run or application job, never null
 * @param jarId may be null: the uploaded jar a jar run used
 * @param failureCause may be null: why the job FAILED
 */
public record SimulatedJob(
        JobID id,
        String name,
        JobStatus status,
        JobOrigin origin,
        SavepointRestoreSettings restoreSettings,
        String entryClass,
        List<String> arguments,
        String jarId,
        String failureCause) {

    /** Normalises: copies {@code arguments}, a null list becomes empty. */
    public SimulatedJob {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /** The savepoint or checkpoint path the job was restored from, if it was. */
    public Optional<String> restoredFrom() {
        return restoreSettings.restoreSavepoint()
                ? Optional.of(restoreSettings.getRestorePath())
                : Optional.empty();
    }
}
