package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import org.apache.flink.configuration.CheckpointingOptions;

/**
 * Periodic checkpoints and where checkpoints and savepoints go, from {@code checkpointing}.
 *
 * <ul>
 *   <li><b>owns</b>: nothing a user may not override;
 *   <li><b>derives</b> (a user value wins, with an advisory): {@code
 *       execution.checkpointing.interval}, {@code execution.checkpointing.dir} and {@code
 *       execution.checkpointing.savepoint-dir}, each only when its spec field is set. For Flink 1.x
 *       the ConfigMap is written with the legacy keys {@code state.checkpoints.dir} and {@code
 *       state.savepoints.dir};
 *   <li><b>overwrites / merges</b>: nothing;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class CheckpointingStep implements RenderStep {

    /** {@code checkpointing}. */
    public static final StepId ID = StepId.of("checkpointing");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only when any of interval, checkpoint dir or savepoint dir is set. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        CheckpointingSpec c = ctx.spec().checkpointing();
        return c.interval() != null || c.checkpointDir() != null || c.savepointDir() != null;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        CheckpointingSpec c = ctx.spec().checkpointing();
        Rendering out = in;
        if (c.interval() != null) {
            out = out.withConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL, c.interval());
        }
        if (c.checkpointDir() != null) {
            out = out.withConfig(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.checkpointDir());
        }
        if (c.savepointDir() != null) {
            out = out.withConfig(CheckpointingOptions.SAVEPOINT_DIRECTORY, c.savepointDir());
        }
        return out;
    }
}
