package io.flinkk8s.sdk.core.render;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.render.internal.SessionJobRendering;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link FlinkDeploymentSpec} into the Kubernetes objects that run it: judge it and apply
 * the defaults ({@link EffectiveSpec}), run the {@link RenderPipeline} of the spec's {@code
 * target}. Stateless and thread-safe; one instance can render any number of specs.
 *
 * <pre>{@code
 * RenderedResources rendered = Renderer.defaults().render(spec);
 * // target standalone: ConfigMap, Deployments, Services, ...
 * Deployment tms = rendered.deployment(ResourceNames.of(spec.name()).taskManagerDeployment());
 * // target operator: one FlinkDeployment custom resource for the Flink Kubernetes Operator
 * GenericKubernetesResource cr = rendered.flinkDeployment(spec.name());
 * String yaml = YamlExporter.toYaml(rendered);
 * // a session job: one FlinkSessionJob custom resource for the operator
 * FlinkSessionJob job = Renderer.defaults().render(sessionJob)
 *     .get(FlinkSessionJob.class, sessionJob.name());
 * }</pre>
 */
public final class Renderer {

    private final Map<RenderTarget, RenderPipeline> pipelines;

    private Renderer(Map<RenderTarget, RenderPipeline> pipelines) {
        this.pipelines = pipelines;
    }

    /**
     * A renderer with the built-in pipeline of each target: {@link RenderPipeline#standalone()} and
     * {@link RenderPipeline#operator()}; a spec is rendered with the one of its {@code target}.
     */
    public static Renderer defaults() {
        Map<RenderTarget, RenderPipeline> pipelines = new EnumMap<>(RenderTarget.class);
        pipelines.put(RenderTarget.STANDALONE, RenderPipeline.standalone());
        pipelines.put(RenderTarget.OPERATOR, RenderPipeline.operator());
        return new Renderer(pipelines);
    }

    /**
     * A renderer with only the built-in standalone pipeline ({@link RenderPipeline#standalone()}):
     * a spec with {@code target: operator} is refused. {@link #defaults()} renders both targets.
     */
    public static Renderer standalone() {
        return of(RenderPipeline.standalone());
    }

    /**
     * A renderer with only {@code pipeline}, for specs of target standalone, e.g. the standalone
     * one with a step replaced; {@link #with} adds a pipeline for the operator target.
     */
    public static Renderer of(RenderPipeline pipeline) {
        Map<RenderTarget, RenderPipeline> pipelines = new EnumMap<>(RenderTarget.class);
        pipelines.put(RenderTarget.STANDALONE, Objects.requireNonNull(pipeline, "pipeline"));
        return new Renderer(pipelines);
    }

    /**
     * A copy of this renderer that renders specs of {@code target} with {@code pipeline}, e.g.
     * {@code Renderer.defaults().with(RenderTarget.OPERATOR,
     * RenderPipeline.operator().with(step))}.
     */
    public Renderer with(RenderTarget target, RenderPipeline pipeline) {
        Map<RenderTarget, RenderPipeline> copy = new EnumMap<>(pipelines);
        copy.put(
                Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(pipeline, "pipeline"));
        return new Renderer(copy);
    }

    /** The pipeline this renderer runs for specs of target standalone. */
    public RenderPipeline pipeline() {
        return pipelines.get(RenderTarget.STANDALONE);
    }

    /** The pipeline this renderer runs for specs of {@code target}, if it has one. */
    public Optional<RenderPipeline> pipeline(RenderTarget target) {
        return Optional.ofNullable(pipelines.get(target));
    }

    /**
     * The objects for {@code spec}, in apply order, with the advisories about it. Nothing is sent
     * anywhere.
     *
     * @throws InvalidSpecException listing every violation, before anything is rendered
     * @throws FlinkK8sException when this renderer has no pipeline for the spec's target
     */
    public RenderedResources render(FlinkDeploymentSpec spec) {
        return render(EffectiveSpec.of(spec));
    }

    /**
     * The objects for a spec judged and with its defaults applied already, in apply order, with the
     * advisories about it. Nothing is sent anywhere.
     *
     * @throws FlinkK8sException when this renderer has no pipeline for the spec's target
     */
    public RenderedResources render(EffectiveSpec spec) {
        FlinkDeploymentSpec effective = Objects.requireNonNull(spec, "spec").spec();
        RenderPipeline pipeline = pipelines.get(effective.target());
        if (pipeline == null) {
            throw new FlinkK8sException(
                    "Cannot render FlinkDeploymentSpec \""
                            + effective.name()
                            + "\" with target "
                            + effective.target().wireValue()
                            + ": this renderer has pipelines for "
                            + pipelines.keySet().stream().map(RenderTarget::wireValue).toList()
                            + " only. Use Renderer.defaults(), which renders every target, or add"
                            + " one with Renderer.with(RenderTarget."
                            + effective.target().name()
                            + ", pipeline).");
        }
        return RenderedResources.of(pipeline.run(RenderContext.of(spec)));
    }

    /**
     * The Flink Kubernetes Operator's {@code FlinkSessionJob} for {@code sessionJob}, with the
     * advisories about it. A session job has one rendering, the operator's custom resource, so it
     * does not go through this renderer's pipelines. Nothing is sent anywhere.
     *
     * @throws InvalidSpecException listing every violation ({@code SessionJobValidator}), before
     *     anything is rendered
     */
    public RenderedResources render(FlinkSessionJobSpec sessionJob) {
        return render(EffectiveSessionJob.of(sessionJob));
    }

    /**
     * The {@code FlinkSessionJob} for a session job judged and with its defaults applied already,
     * with the advisories about it. Nothing is sent anywhere.
     */
    public RenderedResources render(EffectiveSessionJob sessionJob) {
        return SessionJobRendering.render(Objects.requireNonNull(sessionJob, "sessionJob"));
    }
}
