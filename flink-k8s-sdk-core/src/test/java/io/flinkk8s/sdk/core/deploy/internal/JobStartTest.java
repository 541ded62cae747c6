package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.ApplyPlan.JobStart;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which savepoint an apply starts the job from, before and after a deletion. */
class JobStartTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final FlinkDeploymentSpec ORDERS = Specs.statefulHa();
    private static final SavepointRecord MANUAL =
            new SavepointRecord(
                    "s3://sp/savepoint-manual", "ab12", T, SavepointRecord.Reason.MANUAL);
    private static final SavepointRecord DELETE =
            new SavepointRecord(
                    "s3://sp/savepoint-delete",
                    "ab12",
                    T.plusSeconds(60),
                    SavepointRecord.Reason.DELETE);

    @Test
    void aFirstApplyStartsAsTheSpecSays() {
        assertThat(start(ORDERS, Optional.empty()))
                .isEqualTo(new JobStart(JobStart.Source.NONE, null, null));
        assertThat(start(withInitial(ORDERS, "s3://sp/given"), Optional.empty()))
                .isEqualTo(new JobStart(JobStart.Source.SPEC, "s3://sp/given", null));
    }

    @Test
    void aDeployedJobStartsFromTheSavepointTheRecordNamesNotTheSpecs() {
        StateRecord record =
                StateRecord.first(ORDERS).withSavepoint(MANUAL).withRestoreSavepoint(MANUAL.path());

        assertThat(start(withInitial(ORDERS, "s3://sp/given"), Optional.of(record)))
                .isEqualTo(new JobStart(JobStart.Source.STATE_RECORD, MANUAL.path(), MANUAL));
    }

    @Test
    void afterADeleteWithSavepointTheJobStartsFromIt() {
        JobStart start = start(ORDERS, Optional.of(deletedAt(DELETE.path())));

        assertThat(start)
                .isEqualTo(new JobStart(JobStart.Source.STATE_RECORD, DELETE.path(), DELETE));
        assertThat(
                        JobStarts.afterDelete(
                                effective(ORDERS), Optional.of(deletedAt(DELETE.path())), start))
                .isEmpty();
    }

    @Test
    void afterADeleteAnotherInitialSavepointPathIsTheCallersChoice() {
        JobStart start =
                start(withInitial(ORDERS, "s3://sp/chosen"), Optional.of(deletedAt(DELETE.path())));

        assertThat(start).isEqualTo(new JobStart(JobStart.Source.SPEC, "s3://sp/chosen", null));
    }

    @Test
    void afterADeleteWithoutSavepointTheJobStartsAsTheSpecSaysAndTheAdvisoryNamesTheLatest() {
        // given
        Optional<StateRecord> deleted = Optional.of(deletedAt(null));
        // when
        JobStart start = start(ORDERS, deleted);
        Optional<Advisory> advisory = JobStarts.afterDelete(effective(ORDERS), deleted, start);
        // then
        assertThat(start).isEqualTo(new JobStart(JobStart.Source.NONE, null, null));
        assertThat(advisory.orElseThrow().path()).isEqualTo("job.initialSavepointPath");
        assertThat(advisory.orElseThrow().message())
                .contains("starts the job without state, not from an older savepoint")
                .contains(
                        "The latest recorded savepoint is s3://sp/savepoint-delete (DELETE, taken at "
                                + T.plusSeconds(60)
                                + ")")
                .contains("set job.initialSavepointPath to it")
                .doesNotContain("last-state");
    }

    @Test
    void theAdvisoryOfALastStateJobWithHaSaysFlinkRecoversFromItsHaData() {
        FlinkDeploymentSpec lastState =
                ORDERS.withJob(ORDERS.job().withUpgradeMode(UpgradeMode.LAST_STATE));
        Optional<StateRecord> deleted = Optional.of(deletedAt(null));

        Optional<Advisory> advisory =
                JobStarts.afterDelete(effective(lastState), deleted, start(lastState, deleted));

        assertThat(advisory.orElseThrow().message())
                .contains("Flink recovers the job from the latest checkpoint in its HA data");
    }

    /** A record as {@code delete} leaves it: the savepoint the job stopped at, or none. */
    private static StateRecord deletedAt(String stoppedAt) {
        return StateRecord.first(ORDERS)
                .withSavepoint(MANUAL)
                .withSavepoint(DELETE)
                .withRestoreSavepoint(stoppedAt)
                .withDeletedAt(T.plusSeconds(61));
    }

    private static JobStart start(FlinkDeploymentSpec spec, Optional<StateRecord> state) {
        return JobStarts.of(effective(spec), state);
    }

    private static EffectiveSpec effective(FlinkDeploymentSpec spec) {
        return EffectiveSpec.of(spec);
    }

    private static FlinkDeploymentSpec withInitial(FlinkDeploymentSpec spec, String path) {
        return spec.withJob(spec.job().withInitialSavepointPath(path));
    }
}
