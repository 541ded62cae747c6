package io.flinkk8s.sdk.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlExporterTest {

    private static final RenderedResources RENDERED =
            Renderer.standalone().render(RenderFixtures.statefulHaApplication());

    @Test
    void multiDocumentYamlReadsBackToTheSameObjectsInApplyOrder() {
        String yaml = YamlExporter.toYaml(RENDERED);

        List<HasMetadata> read =
                new KubernetesSerialization()
                        .unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

        assertThat(yaml).startsWith("---\n");
        assertThat(read).containsExactlyElementsOf(RENDERED.all());
    }

    @Test
    void stringsThatLookLikeOtherTypesStayQuoted() {
        assertThat(YamlExporter.toYaml(RENDERED))
                .contains("app.kubernetes.io/version: \"2.3\"")
                .contains("cpu: \"1\"");
    }

    @Test
    void writesOneFilePerObjectNamedByKindAndName(@TempDir Path dir) throws Exception {
        List<Path> files = YamlExporter.writeTo(RENDERED, dir.resolve("gitops"));

        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "serviceaccount-payments-flink.yaml",
                        "role-payments-flink-ha.yaml",
                        "rolebinding-payments-flink-ha.yaml",
                        "configmap-payments-flink-config.yaml",
                        "service-payments-jobmanager-rpc.yaml",
                        "service-payments-rest.yaml",
                        "deployment-payments-jobmanager.yaml",
                        "deployment-payments-taskmanager.yaml");
        assertThat(Files.readString(files.get(3)))
                .isEqualTo(YamlExporter.toYaml(RENDERED.configMap("payments-flink-config")));
    }

    @Test
    void writingTwiceGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path first = YamlExporter.writeTo(RENDERED, dir.resolve("a")).get(6);
        Path second =
                YamlExporter.writeTo(
                                Renderer.standalone()
                                        .render(RenderFixtures.statefulHaApplication()),
                                dir.resolve("b"))
                        .get(6);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void writesNoEmptyListsOrMaps() {
        for (var spec : RenderFixtures.samples().values()) {
            // an emptyDir volume source has no required field: {} is its whole, meaningful form
            String yaml =
                    YamlExporter.toYaml(Renderer.standalone().render(spec))
                            .replace("emptyDir: {}", "emptyDir");

            assertThat(yaml).doesNotContain("{}").doesNotContain("[]").doesNotContain(": null");
        }
    }
}
