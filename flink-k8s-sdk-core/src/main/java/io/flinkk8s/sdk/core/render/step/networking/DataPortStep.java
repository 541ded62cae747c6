package io.flinkk8s.sdk.core.render.step.networking;

import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;

/**
 * A fixed TaskManager data port when {@code networking.networkPolicy} is on, on both targets: Flink
 * picks a random one otherwise, which no NetworkPolicy can name.
 *
 * <ul>
 *   <li><b>derives</b>: {@code taskmanager.data.port} = {@value FlinkPorts#TASK_MANAGER_DATA}
 *       unless the config already has one (a single port the user set, which the validator checks);
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class DataPortStep implements RenderStep {

    /** {@code network-policy-data-port}. */
    public static final StepId ID = StepId.of("network-policy-data-port");

    /** Flink's option for the TaskManagers' data exchange port. */
    public static final String DATA_PORT_KEY = "taskmanager.data.port";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only when {@code networking.networkPolicy} is on. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().networking().networkPolicy().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        String user = ctx.spec().flinkConfiguration().get(DATA_PORT_KEY);
        if (user != null || in.config().value(DATA_PORT_KEY).isPresent()) {
            return in;
        }
        return in.mapConfig(
                c -> c.withValue(DATA_PORT_KEY, String.valueOf(FlinkPorts.TASK_MANAGER_DATA)));
    }

    /** The data port the final config names, {@value FlinkPorts#TASK_MANAGER_DATA} when none. */
    static int dataPort(Rendering r) {
        return r.config()
                .value(DATA_PORT_KEY)
                .map(String::trim)
                .map(Integer::parseInt)
                .orElse(FlinkPorts.TASK_MANAGER_DATA);
    }
}
