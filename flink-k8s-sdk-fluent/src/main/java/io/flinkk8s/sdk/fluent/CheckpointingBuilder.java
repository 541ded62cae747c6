package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import java.time.Duration;

/**
 * Builds the {@link CheckpointingSpec} part of a deployment: how often checkpoints are taken and
 * where checkpoints and savepoints are written (Flink file system URIs such as {@code
 * s3://bucket/cp}). Obtained in {@code FlinkDeploymentBuilder.checkpoints(cp -> ...)}. A {@code
 * null} argument unsets the value.
 *
 * <p>Mutable and not thread-safe.
 */
public final class CheckpointingBuilder {

    private Duration interval;
    private String checkpointDir;
    private String savepointDir;

    CheckpointingBuilder(CheckpointingSpec spec) {
        interval = spec.interval();
        checkpointDir = spec.checkpointDir();
        savepointDir = spec.savepointDir();
    }

    /** Takes a checkpoint every {@code interval} ({@code execution.checkpointing.interval}). */
    public CheckpointingBuilder every(Duration interval) {
        this.interval = interval;
        return this;
    }

    /** Writes checkpoints under {@code checkpointDir} ({@code execution.checkpointing.dir}). */
    public CheckpointingBuilder to(String checkpointDir) {
        this.checkpointDir = checkpointDir;
        return this;
    }

    /**
     * Writes savepoints under {@code savepointDir} ({@code execution.checkpointing.savepoint-dir});
     * the savepoint upgrade mode needs it.
     */
    public CheckpointingBuilder savepointsTo(String savepointDir) {
        this.savepointDir = savepointDir;
        return this;
    }

    CheckpointingSpec build() {
        return new CheckpointingSpec(interval, checkpointDir, savepointDir);
    }
}
