package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleSpecsTest {

    static final Path SPECS = Path.of("specs");

    static List<Path> specFiles() throws IOException {
        try (Stream<Path> files = Files.list(SPECS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("specFiles")
    void everySampleSpecReadsAndIsValid(Path file) throws IOException {
        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(Files.readString(file));

        assertThat(SpecValidator.validate(spec).violations()).isEmpty();
    }

    @Test
    void theSamplesShipTheThreeSpecsTheReadmeNames() throws IOException {
        assertThat(specFiles())
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "minimal-application.yaml",
                        "stateful-ha-application.yaml",
                        "session-cluster.yaml");
    }

    @Test
    void headlineFluentSpecEqualsItsSerializedForm() throws IOException {
        FlinkDeploymentSpec fromYaml =
                SpecSerialization.fromYaml(
                        Files.readString(SPECS.resolve("stateful-ha-application.yaml")));

        assertThat(OrdersSample.spec()).isEqualTo(SpecDefaults.apply(fromYaml));
    }
}
