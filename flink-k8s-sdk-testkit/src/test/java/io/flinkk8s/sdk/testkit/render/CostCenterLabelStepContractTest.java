package io.flinkk8s.sdk.testkit.render;

import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.testkit.Specs;
import java.util.Map;

/** A user's custom step held to the contract by extending {@link RenderStepContract}. */
class CostCenterLabelStepContractTest extends RenderStepContract {

    @Override
    protected RenderStep step() {
        return new CostCenterLabelStep("cc-42");
    }

    @Override
    protected Map<String, FlinkDeploymentSpec> specs() {
        return Map.of("orders", Specs.orders(), "session", Specs.session());
    }
}
