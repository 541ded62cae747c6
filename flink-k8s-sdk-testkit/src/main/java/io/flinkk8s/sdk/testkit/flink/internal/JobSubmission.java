package io.flinkk8s.sdk.testkit.flink.internal;

import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * Everything a simulated job is started with, whichever way it arrived.
 *
 * @param entryClass may be null: plans carry none
 * @param jarId may be null: only jar runs have one
 */
public record JobSubmission(
        JobID id,
        String name,
        JobKind origin,
        SavepointRestoreSettings restoreSettings,
        String entryClass,
        List<String> arguments,
        String jarId,
        JobTopology topology) {

    /** Copies the arguments. */
    public JobSubmission {
        arguments = List.copyOf(arguments);
    }
}
