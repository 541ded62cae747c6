package io.flinkk8s.sdk.core.render;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.validation.InvalidSpecException;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import java.util.Objects;

/**
 * Turns a {@link FlinkDeploymentSpec} into the Kubernetes objects that run it: validate, apply the
 * defaults, run the {@link RenderPipeline}. Stateless and thread-safe; one instance can render any
 * number of specs.
 *
 * <pre>{@code
 * RenderedResources rendered = Renderer.standalone().render(spec);
 * Deployment tms = rendered.deployment(ResourceNames.of(spec.name()).taskManagerDeployment());
 * String yaml = YamlExporter.toYaml(rendered);
 * }</pre>
 */
public final class Renderer {

    private final RenderPipeline pipeline;

    private Renderer(RenderPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** A renderer with the built-in standalone pipeline ({@link RenderPipeline#standalone()}). */
    public static Renderer standalone() {
        return new Renderer(RenderPipeline.standalone());
    }

    /**
     * A renderer with a pipeline of the caller's choice, e.g. the standalone one with a step
     * replaced.
     */
    public static Renderer of(RenderPipeline pipeline) {
        return new Renderer(Objects.requireNonNull(pipeline, "pipeline"));
    }

    /** The pipeline this renderer runs. */
    public RenderPipeline pipeline() {
        return pipeline;
    }

    /**
     * The objects for {@code spec}, in apply order, with the advisories about it. Nothing is sent
     * anywhere.
     *
     * @throws InvalidSpecException listing every violation, before anything is rendered
     * @throws FlinkK8sException when the spec targets the Flink Kubernetes Operator, which this
     *     version cannot render yet
     */
    public RenderedResources render(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        SpecValidator.validate(spec).throwIfInvalid();
        FlinkDeploymentSpec effective = SpecDefaults.apply(spec);
        if (effective.target() == RenderTarget.OPERATOR) {
            throw new FlinkK8sException(
                    "Cannot render FlinkDeploymentSpec \""
                            + effective.name()
                            + "\": the operator target (FlinkDeployment custom resources for the"
                            + " Flink Kubernetes Operator) is not available yet in this version of"
                            + " flink-k8s-sdk. Set target: standalone (spec.withTarget("
                            + "RenderTarget.STANDALONE)) to render plain Kubernetes objects.");
        }
        return RenderedResources.of(pipeline.run(RenderContext.of(effective)));
    }
}
