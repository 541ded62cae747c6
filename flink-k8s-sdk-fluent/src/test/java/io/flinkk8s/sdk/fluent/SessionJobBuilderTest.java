package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.Test;

class SessionJobBuilderTest {

    @Test
    void buildsTheSessionJobEveryMethodNamesWithTheDefaultsFilledIn() {
        FlinkSessionJobSpec spec =
                FlinkK8s.sessionJob("clicks")
                        .namespace("streaming")
                        .onSession("analytics")
                        .job(
                                job ->
                                        job.jarURI("https://repo.example.com/clicks-1.0.jar")
                                                .entryClass("com.acme.Clicks")
                                                .args("--topic", "clicks")
                                                .parallelism(4)
                                                .upgradeMode(UpgradeMode.SAVEPOINT))
                        .config("pipeline.name", "clicks")
                        .config(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30))
                        .addLabel("team", "web")
                        .addAnnotation("owner", "web@acme.com")
                        .build();

        assertThat(spec)
                .isEqualTo(
                        FlinkSessionJobSpec.named("clicks")
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
                                                null,
                                                false))
                                .flinkConfiguration(
                                        Map.of(
                                                "pipeline.name",
                                                "clicks",
                                                CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                                                "30 s"))
                                .labels(Map.of("team", "web"))
                                .annotations(Map.of("owner", "web@acme.com"))
                                .build());
    }

    @Test
    void buildRefusesASessionJobWithoutItsSessionAndSaysWhere() {
        SessionJobBuilder builder =
                FlinkK8s.sessionJob("clicks")
                        .job(
                                job ->
                                        job.jarURI("https://repo.example.com/clicks.jar")
                                                .parallelism(2));

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(
                        "deploymentName: must be set: the session FlinkDeployment that runs the"
                                + " job");
    }

    @Test
    void fromKeepsEveryFieldUntilABuilderMethodChangesIt() {
        FlinkSessionJobSpec spec =
                FlinkK8s.sessionJob("clicks")
                        .onSession("analytics")
                        .job(
                                job ->
                                        job.jarURI("https://repo.example.com/clicks.jar")
                                                .parallelism(2))
                        .addLabel("team", "web")
                        .build();

        FlinkSessionJobSpec rescaled =
                FlinkK8s.fromSessionJob(spec).job(job -> job.parallelism(8)).build();

        assertThat(FlinkK8s.fromSessionJob(spec).buildUnvalidated()).isEqualTo(spec);
        assertThat(rescaled).isEqualTo(spec.withJob(spec.job().withParallelism(8)));
    }
}
