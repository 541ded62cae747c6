package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;

/**
 * Periodic checkpoints and where checkpoints and savepoints are written. Directories are Flink file
 * system URIs ({@code s3://bucket/cp}, {@code file:///flink-data/cp}).
 *
 * @param interval may be null: no periodic checkpoints; written as Flink writes durations ({@code
 *     30 s}), read from Flink's notation ({@code 30s}, {@code 1 min}) or ISO-8601 ({@code PT30S})
 * @param checkpointDir may be null: {@code execution.checkpointing.dir} left unset
 * @param savepointDir may be null: {@code execution.checkpointing.savepoint-dir} left unset; the
 *     {@link UpgradeMode#SAVEPOINT} upgrade mode needs it
 */
public record CheckpointingSpec(
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration interval,
        String checkpointDir,
        String savepointDir) {

    /** No checkpointing configured. */
    public static CheckpointingSpec none() {
        return new CheckpointingSpec(null, null, null);
    }
}
