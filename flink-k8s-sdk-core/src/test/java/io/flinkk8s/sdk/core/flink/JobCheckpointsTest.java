package io.flinkk8s.sdk.core.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics.CompletedCheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.util.stats.StatsSummaryDto;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JobCheckpointsTest {

    private static final long ACK = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    @Test
    void takesTheLatestCompletedCheckpointAndSavepointWithPathAndCompletionTime() {
        // given
        CheckpointingStatistics stats =
                statistics(
                        completed(7, false, "s3://cp/job/chk-7"),
                        completed(6, true, "s3://sp/savepoint-1a2b3c-0123456789ab"));
        // when
        JobCheckpoints latest = JobCheckpoints.from(stats);
        // then
        assertThat(latest.lastCheckpoint())
                .isEqualTo(new CheckpointInfo(7, "s3://cp/job/chk-7", Instant.ofEpochMilli(ACK)));
        assertThat(latest.lastSavepoint().externalPath())
                .isEqualTo("s3://sp/savepoint-1a2b3c-0123456789ab");
    }

    @Test
    void aCheckpointKeptInTheJobManagersMemoryHasNoPath() {
        CheckpointingStatistics stats =
                statistics(completed(1, false, "<checkpoint-not-externally-addressable>"), null);

        assertThat(JobCheckpoints.from(stats).lastCheckpoint().externalPath()).isNull();
    }

    @Test
    void takesWhatTheJobWasRestoredFrom() {
        // given
        CheckpointingStatistics stats =
                statistics(
                        null,
                        null,
                        new CheckpointingStatistics.RestoredCheckpointStatistics(
                                6, ACK, true, "s3://sp/savepoint-1a2b3c-0123456789ab"));
        // when
        RestoredCheckpoint restored = JobCheckpoints.from(stats).restored();
        // then
        assertThat(restored)
                .isEqualTo(
                        new RestoredCheckpoint(
                                6,
                                "s3://sp/savepoint-1a2b3c-0123456789ab",
                                true,
                                Instant.ofEpochMilli(ACK)));
    }

    @Test
    void noCompletedCheckpointsGiveNone() {
        assertThat(JobCheckpoints.from(statistics(null, null))).isEqualTo(JobCheckpoints.none());
    }

    private static CheckpointingStatistics statistics(
            CompletedCheckpointStatistics checkpoint, CompletedCheckpointStatistics savepoint) {
        return statistics(checkpoint, savepoint, null);
    }

    private static CheckpointingStatistics statistics(
            CompletedCheckpointStatistics checkpoint,
            CompletedCheckpointStatistics savepoint,
            CheckpointingStatistics.RestoredCheckpointStatistics restored) {
        StatsSummaryDto none = new StatsSummaryDto(0, 0, 0, 0, 0, 0, 0, 0);
        return new CheckpointingStatistics(
                new CheckpointingStatistics.Counts(0, 0, 0, 0, 0),
                new CheckpointingStatistics.Summary(none, none, none, none, none, none),
                new CheckpointingStatistics.LatestCheckpoints(
                        checkpoint, savepoint, null, restored),
                List.of());
    }

    /**
     * One completed checkpoint as Flink's JSON carries it, read by Flink's REST mapper: the
     * constructor takes the checkpoint type as an enum Flink keeps package-private.
     */
    private static CompletedCheckpointStatistics completed(
            long id, boolean savepoint, String path) {
        ObjectMapper mapper = RestMapperUtils.getStrictObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("className", "completed");
        json.put(CheckpointStatistics.FIELD_NAME_ID, id);
        json.put(CheckpointStatistics.FIELD_NAME_STATUS, CheckpointStatsStatus.COMPLETED.name());
        json.put(CheckpointStatistics.FIELD_NAME_IS_SAVEPOINT, savepoint);
        json.put(CheckpointStatistics.FIELD_NAME_TRIGGER_TIMESTAMP, ACK - 1000);
        json.put(CheckpointStatistics.FIELD_NAME_LATEST_ACK_TIMESTAMP, ACK);
        json.put(
                CheckpointStatistics.FIELD_NAME_CHECKPOINT_TYPE,
                savepoint ? "SAVEPOINT" : "CHECKPOINT");
        for (String zero :
                List.of(
                        CheckpointStatistics.FIELD_NAME_CHECKPOINTED_SIZE,
                        CheckpointStatistics.FIELD_NAME_STATE_SIZE,
                        CheckpointStatistics.FIELD_NAME_DURATION,
                        CheckpointStatistics.FIELD_NAME_ALIGNMENT_BUFFERED,
                        CheckpointStatistics.FIELD_NAME_PROCESSED_DATA,
                        CheckpointStatistics.FIELD_NAME_PERSISTED_DATA,
                        CheckpointStatistics.FIELD_NAME_NUM_SUBTASKS,
                        CheckpointStatistics.FIELD_NAME_NUM_ACK_SUBTASKS)) {
            json.put(zero, 0);
        }
        json.put(CompletedCheckpointStatistics.FIELD_NAME_DISCARDED, false);
        json.putObject(CheckpointStatistics.FIELD_NAME_TASKS);
        json.put(CompletedCheckpointStatistics.FIELD_NAME_EXTERNAL_PATH, path);
        return mapper.convertValue(json, CompletedCheckpointStatistics.class);
    }
}
