package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Session jobs" example: the fluent form builds, renders, and is its YAML form. */
class ReadmeSessionJobTest {

    private static SessionJobBuilder readmeExample() {
        return FlinkK8s.sessionJob("clicks")
                .namespace("streaming")
                .onSession("shared-analytics")
                .job(
                        job ->
                                job.jarURI("https://repo.example.com/clicks-1.0.jar")
                                        .entryClass("com.acme.Clicks")
                                        .parallelism(4)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .config("pipeline.name", "clicks");
    }

    @Test
    void theFluentExampleBuildsAndRendersOneFlinkSessionJob() {
        FlinkSessionJobSpec clicks = readmeExample().build();

        FlinkSessionJob cr =
                Renderer.defaults().render(clicks).get(FlinkSessionJob.class, "clicks");

        assertThat(cr.getSpec().deploymentName()).isEqualTo("shared-analytics");
        assertThat(cr.getSpec().job().upgradeMode()).isEqualTo("savepoint");
    }

    @Test
    void theReadmesYamlIsTheFluentExampleAsWritten() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("The same spec as YAML");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        assertThat(SpecSerialization.sessionJobFromYaml(yaml))
                .isEqualTo(readmeExample().buildUnvalidated());
    }
}
