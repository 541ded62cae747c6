package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.StepContract;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInStepsContractTest {

    static Stream<Arguments> stepsAndSpecs() {
        Map<String, FlinkDeploymentSpec> specs = new TreeMap<>(RenderFixtures.samples());
        FlinkDeploymentSpec ha = RenderFixtures.statefulHaApplication();
        specs.put(
                "flink-1.20-suspended-with-sidecar",
                RenderFixtures.edit(ha)
                        .flinkVersion(FlinkVersion.V1_20)
                        .job(ha.job().withState(JobState.SUSPENDED))
                        .podTemplate(withSidecar())
                        .build());
        List<Arguments> args = new ArrayList<>();
        for (RenderStep step : RenderPipeline.standalone().steps()) {
            specs.forEach((name, spec) -> args.add(Arguments.of(step.id().value(), name, spec)));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("stepsAndSpecs")
    void builtInStepKeepsTheStepContract(String id, String specName, FlinkDeploymentSpec spec) {
        RenderContext ctx = RenderFixtures.context(spec);
        RenderStep step = RenderFixtures.builtIn(StepId.of(id));

        StepContract.check(step, ctx, RenderFixtures.inputFor(step.id(), ctx));
    }

    private static PodTemplateSpec withSidecar() {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName("log-shipper")
                .withImage("fluent-bit:3")
                .endContainer()
                .endSpec()
                .build();
    }
}
