package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionJobRecordTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    private static FlinkSessionJobSpec clicks() {
        return FlinkSessionJobSpec.named("clicks")
                .edit()
                .namespace("streaming")
                .deploymentName("analytics")
                .job(JobSpec.ofJar("file:///jobs/clicks.jar").withParallelism(2))
                .flinkConfiguration(Map.of("pipeline.name", "clicks"))
                .build();
    }

    @Test
    void survivesItsJsonForm() {
        SessionJobRecord record =
                SessionJobRecord.first(clicks())
                        .withJob("ab12", "f00-clicks.jar")
                        .withRestoreSavepoint("s3://sp/savepoint-1")
                        .withSavepoint(
                                new SavepointRecord(
                                        "s3://sp/savepoint-1",
                                        "ab11",
                                        T,
                                        SavepointRecord.Reason.UPGRADE))
                        .withDeletedAt(T.plusSeconds(9));

        SessionJobRecord read = SessionJobRecord.fromJson(record.toJson(), "42");

        assertThat(read).isEqualTo(record.withResourceVersion("42"));
    }

    @Test
    void aSuspendedSpecMakesASuspendedRecordAndANewSpecClearsTheDeletionMark() {
        FlinkSessionJobSpec suspended =
                clicks().withJob(clicks().job().withState(JobState.SUSPENDED));

        SessionJobRecord deleted = SessionJobRecord.first(clicks()).withDeletedAt(T);

        assertThat(SessionJobRecord.first(suspended).suspended()).isTrue();
        assertThat(SessionJobRecord.first(clicks()).suspended()).isFalse();
        assertThat(deleted.withSpec(clicks()).deletedAt()).isNull();
    }

    @Test
    void theHistoryKeepsTheLatestTwentySavepoints() {
        SessionJobRecord record = SessionJobRecord.first(clicks());
        for (int i : IntStream.range(0, 25).toArray()) {
            record =
                    record.withSavepoint(
                            new SavepointRecord("sp-" + i, null, T, SavepointRecord.Reason.MANUAL));
        }

        assertThat(record.savepoints()).hasSize(20);
        assertThat(record.savepoints().get(0).path()).isEqualTo("sp-5");
        assertThat(record.latestSavepoint().path()).isEqualTo("sp-24");
    }

    @Test
    void aDeploymentsRecordDoesNotReadAsASessionJobs() {
        String deployment = StateRecord.first(Specs.statefulHa()).toJson();

        assertThatThrownBy(() -> SessionJobRecord.fromJson(deployment, "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session job");
    }
}
