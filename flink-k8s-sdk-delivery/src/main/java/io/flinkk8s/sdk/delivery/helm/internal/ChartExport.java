package io.flinkk8s.sdk.delivery.helm.internal;

import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import io.flinkk8s.sdk.delivery.helm.ChartValue;
import io.flinkk8s.sdk.delivery.helm.internal.TemplateDerivation.Derivation;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A spec's chart: validated and rendered once (both targets, by the spec's {@code target}), its
 * values derived, its files written in memory.
 *
 * @param metadata what {@code Chart.yaml} says
 * @param values the chart's values, in {@code values.yaml}'s order
 * @param files every file, by its path in the chart's folder
 */
public record ChartExport(
        ChartMetadata metadata, List<ChartValue> values, SortedMap<String, String> files) {

    /** Copies the values and the files, unmodifiable. */
    public ChartExport {
        values = List.copyOf(values);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /**
     * The chart of {@code spec}, version {@code version}.
     *
     * @throws io.flinkk8s.sdk.core.error.InvalidSpecException listing every violation of the spec
     */
    public static ChartExport of(FlinkDeploymentSpec spec, String version) {
        EffectiveSpec effective = EffectiveSpec.of(spec);
        Renderer renderer = Renderer.defaults();
        RenderedResources rendered = renderer.render(effective);
        FlinkDeploymentSpec s = effective.spec();
        ChartMetadata metadata =
                new ChartMetadata(
                        s.name(),
                        "Flink deployment "
                                + s.name()
                                + " ("
                                + s.target().name().toLowerCase(java.util.Locale.ROOT)
                                + " target), exported by flink-k8s-sdk",
                        version,
                        appVersion(s),
                        s.namespace());
        Derivation derivation =
                TemplateDerivation.derive(s, rendered, ValueCatalog.of(s, s.name()), renderer);
        List<ChartValue> values =
                derivation.values().stream()
                        .filter(ValueDefinition::inValues)
                        .map(v -> new ChartValue(v.path(), v.defaultValue(), v.description()))
                        .toList();
        return new ChartExport(metadata, values, ChartFiles.of(metadata, rendered, derivation));
    }

    /** The image's tag, or the Flink version when the image has none (or a digest). */
    private static String appVersion(FlinkDeploymentSpec spec) {
        String image = spec.image() == null ? "" : spec.image();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash && !image.contains("@")) {
            return image.substring(colon + 1);
        }
        return spec.flinkVersion().majorMinor();
    }
}
