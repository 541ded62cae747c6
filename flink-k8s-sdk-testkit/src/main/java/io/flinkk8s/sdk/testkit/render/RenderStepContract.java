package io.flinkk8s.sdk.testkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every render step keeps, as a test to extend for your own steps: the step never
 * changes the rendering it is handed, two runs give equal output, every object it emits has a name,
 * the spec's namespace and the recommended labels, no object is emitted twice, and the pipeline
 * with the step still renders. The SDK's built-in steps are held to the same contract.
 *
 * <pre>{@code
 * class CostCenterLabelStepContractTest extends RenderStepContract {
 *     protected RenderStep step() { return new CostCenterLabelStep("cc-42"); }
 *     protected Map<String, FlinkDeploymentSpec> specs() {
 *         return Map.of("orders", OrdersSpecs.production(), "session", OrdersSpecs.session());
 *     }
 * }
 * }</pre>
 *
 * The step is handed what the pipeline would hand it: the result of the {@link #pipeline()} steps
 * listed before it in its phase and of every earlier phase (a CONFIGURE step sees no pod drafts). A
 * built-in step's replacement takes its place ({@link RenderPipeline#replacing}); any other step
 * runs as if added last ({@link RenderPipeline#with}). Each check is its own dynamic test, named
 * for the spec and the rule, so a failure says which one broke.
 */
public abstract class RenderStepContract {

    // Only turns objects into text for comparison; configured once, never changed.
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The step under test; called once per spec. */
    protected abstract RenderStep step();

    /** The specs to check the step on, by a name that shows in the test report. */
    protected abstract Map<String, FlinkDeploymentSpec> specs();

    /**
     * The pipeline the step runs in; its steps before the step make the input. Default: {@link
     * RenderPipeline#standalone()}.
     */
    protected RenderPipeline pipeline() {
        return RenderPipeline.standalone();
    }

    /** One container per spec with a dynamic test per rule of the contract. */
    @TestFactory
    Stream<DynamicNode> keepsTheRenderStepContract() {
        return specs().entrySet().stream()
                .map(e -> DynamicContainer.dynamicContainer(e.getKey(), checks(e.getValue())));
    }

    private Stream<DynamicNode> checks(FlinkDeploymentSpec spec) {
        RenderStep step = step();
        RenderPipeline pipeline = withStep(pipeline(), step);
        RenderContext ctx = RenderContext.of(spec);
        return Stream.of(
                DynamicTest.dynamicTest(
                        "does not change the rendering it is handed",
                        () -> checkInputUnchanged(step, ctx, input(pipeline, step, ctx))),
                DynamicTest.dynamicTest(
                        "gives equal output on every run",
                        () -> checkDeterministic(step, ctx, input(pipeline, step, ctx))),
                DynamicTest.dynamicTest(
                        "names, places and labels every object it emits, each once",
                        () -> checkEmitted(step, ctx, input(pipeline, step, ctx))),
                DynamicTest.dynamicTest(
                        "leaves a pipeline that renders",
                        () ->
                                assertThat(RenderedResources.of(pipeline.run(ctx)).size())
                                        .as("objects rendered by the pipeline with '%s'", step.id())
                                        .isPositive()));
    }

    /**
     * Checks the whole contract of {@code step} on one spec, for callers that drive their own
     * parameterized tests.
     *
     * @throws AssertionError naming the rule the step breaks
     */
    public static void check(RenderStep step, RenderPipeline pipeline, FlinkDeploymentSpec spec) {
        RenderPipeline with = withStep(pipeline, step);
        RenderContext ctx = RenderContext.of(spec);
        checkInputUnchanged(step, ctx, input(with, step, ctx));
        checkDeterministic(step, ctx, input(with, step, ctx));
        checkEmitted(step, ctx, input(with, step, ctx));
        RenderedResources.of(with.run(ctx));
    }

    /**
     * What {@code pipeline} hands {@code step}: the result of the steps listed before it in its
     * phase and of every earlier phase, without pod drafts for a CONFIGURE step.
     *
     * @throws IllegalArgumentException when no step of {@code pipeline} has {@code step}'s id
     */
    public static Rendering input(RenderPipeline pipeline, RenderStep step, RenderContext ctx) {
        if (!pipeline.ids().contains(step.id())) {
            throw new IllegalArgumentException(
                    "step '" + step.id() + "' is not in the pipeline " + pipeline.ids());
        }
        List<RenderStep> before = new ArrayList<>();
        for (RenderStep s : pipeline.steps()) {
            if (s.id().equals(step.id())) {
                break;
            }
            if (s.phase().compareTo(step.phase()) <= 0) {
                before.add(s);
            }
        }
        Rendering r = RenderPipeline.of(before).run(ctx);
        return step.phase() == Phase.CONFIGURE ? r.withoutPodDrafts() : r;
    }

    /**
     * Everything in {@code r} as text (the config entries, the pod drafts and the emitted objects
     * as YAML, the advisories), to compare two renderings or one before and after a step.
     */
    public static String snapshot(Rendering r) {
        StringBuilder sb = new StringBuilder();
        sb.append("config: ").append(r.config().asMap()).append('\n');
        if (r.hasPodDrafts()) {
            sb.append(SERIALIZATION.asYaml(r.jobManagerPod().pod()));
            sb.append(SERIALIZATION.asYaml(r.jobManagerPod().mainContainer()));
            sb.append(SERIALIZATION.asYaml(r.taskManagerPod().pod()));
            sb.append(SERIALIZATION.asYaml(r.taskManagerPod().mainContainer()));
        }
        for (HasMetadata o : r.resources()) {
            sb.append(SERIALIZATION.asYaml(o));
        }
        sb.append("advisories: ").append(r.advisories()).append('\n');
        return sb.toString();
    }

    /** {@code pipeline} with {@code step} in the place of the step with its id, or added last. */
    private static RenderPipeline withStep(RenderPipeline pipeline, RenderStep step) {
        return pipeline.ids().contains(step.id())
                ? pipeline.replacing(step.id(), step)
                : pipeline.with(step);
    }

    private static void checkInputUnchanged(RenderStep step, RenderContext ctx, Rendering input) {
        String before = snapshot(input);
        if (step.appliesTo(ctx)) {
            step.apply(ctx, input.attributedTo(step.id()));
        }
        assertThat(snapshot(input))
                .as("step '%s' must not change the rendering it is handed", step.id())
                .isEqualTo(before);
    }

    private static void checkDeterministic(RenderStep step, RenderContext ctx, Rendering input) {
        if (!step.appliesTo(ctx)) {
            return;
        }
        Rendering first = step.apply(ctx, input.attributedTo(step.id()));
        Rendering second = step.apply(ctx, input.attributedTo(step.id()));
        assertThat(snapshot(second))
                .as("step '%s' must give equal output on every run", step.id())
                .isEqualTo(snapshot(first));
    }

    private static void checkEmitted(RenderStep step, RenderContext ctx, Rendering input) {
        if (!step.appliesTo(ctx)) {
            return;
        }
        Rendering output = step.apply(ctx, input.attributedTo(step.id()));
        Set<ResourceKey> keys = new HashSet<>();
        for (HasMetadata o : output.resources()) {
            ResourceKey key = ResourceKey.of(o);
            assertThat(keys.add(key)).as("step '%s' emits %s once", step.id(), key).isTrue();
            assertThat(o.getMetadata().getName()).as("name of %s", o.getKind()).isNotBlank();
            assertThat(o.getMetadata().getNamespace())
                    .as("namespace of %s", key)
                    .isEqualTo(ctx.spec().namespace());
            assertThat(o.getMetadata().getLabels())
                    .as("labels of %s", key)
                    .containsKeys(
                            ResourceLabels.NAME,
                            ResourceLabels.INSTANCE,
                            ResourceLabels.COMPONENT,
                            ResourceLabels.VERSION,
                            ResourceLabels.MANAGED_BY);
        }
    }
}
