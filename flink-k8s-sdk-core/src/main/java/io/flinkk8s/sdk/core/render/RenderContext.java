package io.flinkk8s.sdk.core.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Everything a {@link RenderStep} may read: the effective spec and what is derived from it once
 * (names, labels, Flink version, target). It is the only input of rendering; it deliberately
 * exposes no environment, files, clock or client, so that rendering is a pure function of the spec.
 * Immutable.
 */
public final class RenderContext {

    private final EffectiveSpec effective;
    private final FlinkDeploymentSpec spec;
    private final ResourceNames names;
    private final ResourceLabels labels;

    private RenderContext(EffectiveSpec effective) {
        this.effective = effective;
        this.spec = effective.spec();
        this.names = ResourceNames.of(spec.name());
        this.labels =
                new ResourceLabels(spec.name(), spec.flinkVersion().majorMinor(), spec.labels());
    }

    /** The context for {@code effective}, which {@link Renderer#render} renders. */
    public static RenderContext of(EffectiveSpec effective) {
        return new RenderContext(Objects.requireNonNull(effective, "effective"));
    }

    /**
     * The context for {@code spec}, judged and with its defaults applied ({@link
     * EffectiveSpec#of}), e.g. for a step test.
     *
     * @throws InvalidSpecException listing every violation of {@code spec}
     */
    public static RenderContext of(FlinkDeploymentSpec spec) {
        return of(EffectiveSpec.of(spec));
    }

    /**
     * The effective spec: defaults applied, never null where {@link SpecDefaults} fills a value.
     */
    public FlinkDeploymentSpec spec() {
        return spec;
    }

    /** The effective spec with the spec as written. */
    public EffectiveSpec effectiveSpec() {
        return effective;
    }

    /** The name of every object rendered for this spec. */
    public ResourceNames names() {
        return names;
    }

    /** The common and selector labels for this spec. */
    public ResourceLabels labels() {
        return labels;
    }

    /** The Flink version the configuration is written for. */
    public FlinkVersion flinkVersion() {
        return spec.flinkVersion();
    }

    /** What the spec is rendered into. */
    public RenderTarget target() {
        return spec.target();
    }

    /**
     * The metadata every rendered object carries, for a step's own objects: {@code name}, the
     * spec's namespace, the common labels of {@code component} and the spec's annotations. A new
     * object with maps of its own each call.
     */
    public ObjectMeta metadata(String name, Component component) {
        // Built directly: fabric8's builders cost more than the objects.
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(spec.namespace());
        metadata.setLabels(new LinkedHashMap<>(labels().common(component)));
        // A spec's maps are sorted already (it copies them into sorted maps).
        metadata.setAnnotations(new LinkedHashMap<>(spec.annotations()));
        return metadata;
    }

    /** Contexts are equal when their effective specs are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RenderContext other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return "RenderContext[" + spec.name() + ", " + spec.flinkVersion().majorMinor() + "]";
    }
}
