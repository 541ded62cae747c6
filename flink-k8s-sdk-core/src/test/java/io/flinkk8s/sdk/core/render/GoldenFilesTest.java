package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole rendered output of each sample spec, one file per object, against {@code
 * src/test/resources/golden/<case>/<kind>-<name>.yaml}. They complement the targeted assertions and
 * show every change to the output in review. Regenerate with {@code mvn verify
 * -Dgolden.update=true} and read the diff.
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    static Stream<Arguments> samples() {
        return Stream.concat(
                        RenderFixtures.samples().entrySet().stream(),
                        RenderFixtures.operatorSamples().entrySet().stream())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void renderedYamlMatchesTheGoldenFiles(String name, FlinkDeploymentSpec spec)
            throws IOException {
        // given
        Path dir = GOLDEN.resolve(name);
        Map<String, String> rendered = new TreeMap<>();
        for (HasMetadata o : Renderer.defaults().render(spec).all()) {
            rendered.put(YamlExporter.fileName(o), YamlExporter.toYaml(o));
        }
        if (Boolean.getBoolean("golden.update")) {
            rewrite(dir, rendered);
        }
        // when
        Map<String, String> golden = read(dir);
        // then
        assertThat(rendered.keySet())
                .as("files in %s (regenerate with -Dgolden.update=true)", dir)
                .containsExactlyElementsOf(golden.keySet());
        rendered.forEach(
                (file, yaml) ->
                        assertThat(yaml).as("%s/%s", name, file).isEqualTo(golden.get(file)));
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    files.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return files;
    }

    private static void rewrite(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (String stale : read(dir).keySet()) {
            Files.delete(dir.resolve(stale));
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
    }
}
