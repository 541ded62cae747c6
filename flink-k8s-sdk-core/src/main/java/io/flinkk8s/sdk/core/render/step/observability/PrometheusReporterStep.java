package io.flinkk8s.sdk.core.render.step.observability;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;

/**
 * Flink's Prometheus reporter when {@code observability.prometheus} is on, on both targets (on
 * target {@code operator} the entries land in the {@code FlinkDeployment}'s {@code
 * flinkConfiguration}).
 *
 * <ul>
 *   <li><b>owns</b> (the validator refuses them in {@code flinkConfiguration}): {@value
 *       #FACTORY_CLASS_KEY} = {@value PrometheusSpec#FACTORY_CLASS}, the reporter's factory, which
 *       Flink 1.x and 2.x both read (2.x dropped the reflection-based {@code
 *       metrics.reporter.<name>.class} that old examples use), and {@value #PORT_KEY} = {@code
 *       observability.prometheus.port}. The reporter's jar is a plugin of the official images
 *       ({@code plugins/metrics-prometheus}), loaded without further configuration;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class PrometheusReporterStep implements RenderStep {

    /** {@code prometheus-reporter}. */
    public static final StepId ID = StepId.of("prometheus-reporter");

    /** The reporter's factory option. */
    public static final String FACTORY_CLASS_KEY = "metrics.reporter.prom.factory.class";

    /** The reporter's port option. */
    public static final String PORT_KEY = "metrics.reporter.prom.port";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only when {@code observability.prometheus} is on. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().observability().prometheus().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        PrometheusSpec prometheus = ctx.spec().observability().prometheus();
        return in.mapConfig(
                c ->
                        c.withValue(FACTORY_CLASS_KEY, PrometheusSpec.FACTORY_CLASS)
                                .withValue(PORT_KEY, String.valueOf(prometheus.effectivePort())));
    }
}
