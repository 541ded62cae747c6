package io.flinkk8s.sdk.testkit.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import java.util.Map;

/**
 * A well-behaved custom step, as a user would write one: a ConfigMap with the deployment's cost
 * center, with the metadata every rendered object carries ({@code RenderContext.metadata}).
 */
final class CostCenterLabelStep implements RenderStep {

    private final String costCenter;

    CostCenterLabelStep(String costCenter) {
        this.costCenter = costCenter;
    }

    @Override
    public StepId id() {
        return StepId.of("cost-center");
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        ConfigMap configMap = new ConfigMap();
        configMap.setMetadata(
                ctx.metadata(ctx.names().configMap() + "-cost-center", Component.JOB_MANAGER));
        configMap.setData(Map.of("costCenter", costCenter));
        return in.withResource(configMap);
    }
}
