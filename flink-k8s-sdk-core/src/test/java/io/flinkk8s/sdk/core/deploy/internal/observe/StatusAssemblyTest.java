package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.RestorePoint;
import io.flinkk8s.sdk.core.flink.RestoredCheckpoint;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/** What a status says the running job started from. */
class StatusAssemblyTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final String SAVEPOINT = "s3://sp/savepoint-1a2b3c-0123456789ab";
    private static final SavepointRecord UPGRADE =
            new SavepointRecord(SAVEPOINT, "ab12", T, SavepointRecord.Reason.UPGRADE);

    @Test
    void whatFlinkRestoredWinsAndNamesTheRecordedSavepoint() {
        // given: the record and Flink agree on the path
        JobInfo job = job(new RestoredCheckpoint(6, SAVEPOINT, true, T));
        // when
        RestorePoint from = StatusAssembly.restoredFrom(record(SAVEPOINT), job, List.of(UPGRADE));
        // then
        assertThat(from)
                .isEqualTo(
                        new RestorePoint(
                                SAVEPOINT,
                                RestorePoint.Kind.SAVEPOINT,
                                RestorePoint.Origin.FLINK,
                                UPGRADE));
    }

    @Test
    void aCheckpointFlinksHaRestoredIsACheckpointTheSdkDidNotRecord() {
        String checkpoint = "s3://cp/0123/chk-42";
        JobInfo job = job(new RestoredCheckpoint(42, checkpoint, false, T));

        RestorePoint from = StatusAssembly.restoredFrom(record(SAVEPOINT), job, List.of(UPGRADE));

        assertThat(from)
                .isEqualTo(
                        new RestorePoint(
                                checkpoint,
                                RestorePoint.Kind.CHECKPOINT,
                                RestorePoint.Origin.FLINK,
                                null));
    }

    @Test
    void withoutFlinksAnswerTheRecordSaysWhatThePodsStartedFrom() {
        RestorePoint from = StatusAssembly.restoredFrom(record(SAVEPOINT), null, List.of(UPGRADE));

        assertThat(from)
                .isEqualTo(
                        new RestorePoint(
                                SAVEPOINT,
                                RestorePoint.Kind.SAVEPOINT,
                                RestorePoint.Origin.STATE_RECORD,
                                UPGRADE));
    }

    @Test
    void aRetainedCheckpointTheSpecNamedIsACheckpoint() {
        String checkpoint = "s3://cp/0123/chk-7/_metadata";

        RestorePoint from = StatusAssembly.restoredFrom(record(checkpoint), null, List.of());

        assertThat(from.kind()).isEqualTo(RestorePoint.Kind.CHECKPOINT);
        assertThat(from.recorded()).isNull();
    }

    @Test
    void aJobStartedWithoutStateWasRestoredFromNothing() {
        assertThat(StatusAssembly.restoredFrom(record(null), job(null), List.of())).isNull();
    }

    private static Optional<StateRecord> record(String restoreSavepoint) {
        return Optional.of(
                StateRecord.first(Specs.statefulHa()).withRestoreSavepoint(restoreSavepoint));
    }

    private static JobInfo job(RestoredCheckpoint restored) {
        return new JobInfo("ab12", "orders", JobStatus.RUNNING, null, null, restored);
    }
}
