package io.flinkk8s.sdk.core.spec.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkSessionJobSpecTest {

    static FlinkSessionJobSpec clicks() {
        return FlinkSessionJobSpec.named("clicks")
                .edit()
                .namespace("streaming")
                .deploymentName("analytics")
                .job(
                        new JobSpec(
                                "https://repo.example.com/clicks-1.0.jar",
                                "com.acme.Clicks",
                                List.of("--topic", "clicks"),
                                4,
                                UpgradeMode.SAVEPOINT,
                                JobState.RUNNING,
                                "s3://bucket/sp/sp-1",
                                true))
                .flinkConfiguration(Map.of("pipeline.name", "clicks"))
                .labels(Map.of("team", "web"))
                .annotations(Map.of("owner", "web@acme.com"))
                .build();
    }

    @Test
    void readsBackWhatItWritesAsYamlAndAsJson() {
        FlinkSessionJobSpec spec = clicks();

        assertThat(SpecSerialization.sessionJobFromYaml(SpecSerialization.toYaml(spec)))
                .isEqualTo(spec);
        assertThat(SpecSerialization.sessionJobFromJson(SpecSerialization.toJson(spec)))
                .isEqualTo(spec);
    }

    @Test
    void writesTheOperatorsFieldNamesAndLeavesUnsetFieldsOut() {
        FlinkSessionJobSpec spec =
                FlinkSessionJobSpec.named("clicks")
                        .edit()
                        .deploymentName("analytics")
                        .job(JobSpec.ofJar("https://repo.example.com/clicks.jar"))
                        .build();

        assertThat(SpecSerialization.toYaml(spec))
                .isEqualTo(
                        """
                        name: clicks
                        deploymentName: analytics
                        job:
                          jarURI: https://repo.example.com/clicks.jar
                        """);
    }

    @Test
    void refusesAnUnknownFieldWithItsPath() {
        String yaml =
                """
                name: clicks
                deploymentName: analytics
                job:
                  jarURI: https://repo.example.com/clicks.jar
                  paralelism: 2
                """;

        assertThatThrownBy(() -> SpecSerialization.sessionJobFromYaml(yaml))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageContaining("job.paralelism")
                .hasMessageContaining("unknown field");
    }

    @Test
    void theEditorChangesOneComponentAndKeepsTheOthers() {
        FlinkSessionJobSpec spec = clicks();

        FlinkSessionJobSpec moved = spec.edit().deploymentName("analytics-2").build();

        assertThat(moved.deploymentName()).isEqualTo("analytics-2");
        assertThat(moved.edit().deploymentName("analytics").build()).isEqualTo(spec);
    }

    @Test
    void defaultsFillTheNamespaceAndTheJobsModesAsTheOperatorDoes() {
        FlinkSessionJobSpec spec =
                FlinkSessionJobSpec.named("clicks")
                        .edit()
                        .deploymentName("analytics")
                        .job(JobSpec.ofJar("https://repo.example.com/clicks.jar"))
                        .build();

        FlinkSessionJobSpec effective = SpecDefaults.apply(spec);

        assertThat(effective.namespace()).isEqualTo("default");
        assertThat(effective.job().upgradeMode()).isEqualTo(UpgradeMode.STATELESS);
        assertThat(effective.job().state()).isEqualTo(JobState.RUNNING);
        assertThat(effective.job().allowNonRestoredState()).isFalse();
        assertThat(SpecDefaults.apply(effective)).isEqualTo(effective);
    }
}
