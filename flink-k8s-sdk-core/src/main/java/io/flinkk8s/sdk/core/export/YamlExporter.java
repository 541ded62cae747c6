package io.flinkk8s.sdk.core.export;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import io.flinkk8s.sdk.core.render.RenderedResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@link RenderedResources} as YAML that {@code kubectl apply} accepts: one multi-document
 * stream, or a GitOps folder with one file per object. Output is deterministic: objects in apply
 * order, fields in fabric8's fixed order, maps sorted by the renderer, and every string quoted the
 * way fabric8 quotes it, so that YAML 1.1 readers (kubectl) never mistake {@code "yes"} or {@code
 * "0123"} for a boolean or a number.
 *
 * <pre>{@code
 * RenderedResources rendered = Renderer.standalone().render(spec);
 * Files.writeString(Path.of("orders.yaml"), YamlExporter.toYaml(rendered));
 * // deploy/orders/configmap-orders-flink-config.yaml, deployment-orders-jobmanager.yaml, ...
 * YamlExporter.writeTo(rendered, Path.of("deploy/orders"));
 * }</pre>
 */
public final class YamlExporter {

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private YamlExporter() {}

    /** Every object as one YAML document, each starting with {@code ---}, in apply order. */
    public static String toYaml(RenderedResources rendered) {
        StringBuilder sb = new StringBuilder();
        for (HasMetadata object : rendered.all()) {
            sb.append(toYaml(object));
        }
        return sb.toString();
    }

    /** One object as a YAML document starting with {@code ---}. */
    public static String toYaml(HasMetadata object) {
        return SERIALIZATION.asYaml(object);
    }

    /** {@code <kind>-<name>.yaml} in lower case, e.g. {@code deployment-orders-jobmanager.yaml}. */
    public static String fileName(HasMetadata object) {
        return (object.getKind() + "-" + object.getMetadata().getName()).toLowerCase(Locale.ROOT)
                + ".yaml";
    }

    /**
     * Writes one file per object into {@code dir} (created if needed), named by {@link #fileName},
     * replacing files of those names. Files of objects no longer rendered are not deleted: the
     * folder's owner decides about them.
     *
     * @return the files written, in apply order
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<Path> writeTo(RenderedResources rendered, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            for (HasMetadata object : rendered.all()) {
                Path file = dir.resolve(fileName(object));
                Files.writeString(file, toYaml(object), StandardCharsets.UTF_8);
                written.add(file);
            }
            return List.copyOf(written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rendered objects to " + dir, e);
        }
    }
}
