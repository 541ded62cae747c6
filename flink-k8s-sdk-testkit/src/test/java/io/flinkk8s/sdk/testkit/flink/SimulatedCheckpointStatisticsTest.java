package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /jobs/:jobid/checkpoints} of the simulated JobManager, read with Flink's own client
 * and message headers.
 */
class SimulatedCheckpointStatisticsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final SimulatedFlinkRuntime flink =
            SimulatedFlinkRuntime.builder()
                    .savepointDirectory("s3://bucket/savepoints")
                    .flinkConfiguration(
                            Map.of("execution.checkpointing.dir", "s3://bucket/checkpoints"))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .start();
    private final RestClusterClient<StandaloneClusterId> client = client(flink);

    @AfterEach
    void stop() {
        client.close();
        flink.close();
    }

    @Test
    void aJobWithoutCheckpointsReportsNoneLatest() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 2)));
        // when
        CheckpointingStatistics stats = checkpoints(id);
        // then
        assertThat(stats.getCounts().getNumberCompletedCheckpoints()).isZero();
        assertThat(stats.getLatestCheckpoints().getCompletedCheckpointStatistics()).isNull();
        assertThat(stats.getLatestCheckpoints().getSavepointStatistics()).isNull();
        assertThat(stats.getLatestCheckpoints().getRestoredCheckpointStatistics()).isNull();
        assertThat(stats.getHistory()).isEmpty();
    }

    @Test
    void aJobStartedFromASavepointReportsItAsRestored() throws Exception {
        // given
        String savepoint = "s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab";
        // when
        JobID id = flink.startApplicationJob("com.acme.OrdersJob", List.of(), savepoint);
        // then
        CheckpointingStatistics.RestoredCheckpointStatistics restored =
                checkpoints(id).getLatestCheckpoints().getRestoredCheckpointStatistics();
        assertThat(restored.getExternalPath()).isEqualTo(savepoint);
        assertThat(restored.isSavepoint()).isTrue();
        assertThat(restored.getRestoreTimestamp()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aJobStartedFromARetainedCheckpointReportsThatCheckpointAsRestored() throws Exception {
        // given
        String checkpoint = "s3://bucket/checkpoints/0123456789abcdef0123456789abcdef/chk-42";
        // when
        JobID id = flink.startApplicationJob("com.acme.OrdersJob", List.of(), checkpoint);
        // then
        CheckpointingStatistics.RestoredCheckpointStatistics restored =
                checkpoints(id).getLatestCheckpoints().getRestoredCheckpointStatistics();
        assertThat(restored.getExternalPath()).isEqualTo(checkpoint);
        assertThat(restored.isSavepoint()).isFalse();
        assertThat(restored.getId()).isEqualTo(42);
    }

    @Test
    void theRestoredCheckpointIsOnTheWireWithFlinksFieldNames() throws Exception {
        // given
        JobID id =
                flink.startApplicationJob(
                        "com.acme.OrdersJob",
                        List.of(),
                        "s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab");
        // when
        SortedSet<String> fields =
                JsonShapes.of(flink.restAddress(), "/jobs/" + id + "/checkpoints");
        // then
        assertThat(fields)
                .contains(
                        "latest.restored.id",
                        "latest.restored.restore_timestamp",
                        "latest.restored.is_savepoint",
                        "latest.restored.external_path");
    }

    @Test
    void aCompletedCheckpointIsTheLatestWithItsPathUnderTheCheckpointDirectory() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 2)));
        // when
        long first = flink.completeCheckpoint(id);
        long second = flink.completeCheckpoint(id);
        // then
        CheckpointStatistics.CompletedCheckpointStatistics latest =
                checkpoints(id).getLatestCheckpoints().getCompletedCheckpointStatistics();
        assertThat(first).isEqualTo(1);
        assertThat(latest.getId()).isEqualTo(second).isEqualTo(2);
        assertThat(latest.isSavepoint()).isFalse();
        assertThat(latest.getExternalPath()).isEqualTo("s3://bucket/checkpoints/" + id + "/chk-2");
        assertThat(latest.getLatestAckTimestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(latest.getNumSubtasks()).as("2 vertices x 2").isEqualTo(4);
        assertThat(checkpoints(id).getHistory())
                .extracting(CheckpointStatistics::getId)
                .containsExactly(2L, 1L);
    }

    @Test
    void aSavepointIsTheLatestSavepointAndSharesTheIdSequence() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        flink.completeCheckpoint(id);
        // when
        String path = await(client.triggerSavepoint(id, null, SavepointFormatType.CANONICAL));
        // then
        CheckpointingStatistics.LatestCheckpoints latest = checkpoints(id).getLatestCheckpoints();
        assertThat(latest.getSavepointStatistics().getExternalPath()).isEqualTo(path);
        assertThat(latest.getSavepointStatistics().getId()).isEqualTo(2);
        assertThat(latest.getSavepointStatistics().isSavepoint()).isTrue();
        assertThat(latest.getCompletedCheckpointStatistics().getId()).isEqualTo(1);
    }

    @Test
    void aStopWithSavepointIsReportedAfterTheJobFinished() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        // when
        String path =
                await(client.stopWithSavepoint(id, false, null, SavepointFormatType.CANONICAL));
        // then
        assertThat(
                        checkpoints(id)
                                .getLatestCheckpoints()
                                .getSavepointStatistics()
                                .getExternalPath())
                .isEqualTo(path);
    }

    @Test
    void withoutACheckpointDirectoryTheCheckpointIsNotExternallyAddressable() throws Exception {
        try (SimulatedFlinkRuntime plain = SimulatedFlinkRuntime.start();
                RestClusterClient<StandaloneClusterId> plainClient = client(plain)) {
            // given
            JobID id = await(plainClient.submitJob(TestJobs.jobGraph("orders", 1)));
            // when
            plain.completeCheckpoint(id);
            // then
            assertThat(
                            checkpoints(plainClient, id)
                                    .getLatestCheckpoints()
                                    .getCompletedCheckpointStatistics()
                                    .getExternalPath())
                    .isEqualTo("<checkpoint-not-externally-addressable>");
        }
    }

    @Test
    void checkpointsOfAnUnknownJobAnswerNotFound() {
        assertThatThrownBy(() -> checkpoints(new JobID()))
                .rootCause()
                .isInstanceOfSatisfying(
                        RestClientException.class,
                        e -> assertThat(e.getHttpResponseStatus().code()).isEqualTo(404));
    }

    @Test
    void onlyARunningJobCheckpoints() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        await(client.cancel(id));
        // then
        assertThatThrownBy(() -> flink.completeCheckpoint(id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CANCELED");
    }

    private CheckpointingStatistics checkpoints(JobID id) throws Exception {
        return checkpoints(client, id);
    }

    private static CheckpointingStatistics checkpoints(
            RestClusterClient<StandaloneClusterId> client, JobID id) throws Exception {
        CheckpointingStatisticsHeaders headers = CheckpointingStatisticsHeaders.getInstance();
        JobMessageParameters parameters = headers.getUnresolvedMessageParameters();
        parameters.jobPathParameter.resolve(id);
        return await(client.sendRequest(headers, parameters, EmptyRequestBody.getInstance()));
    }

    private static RestClusterClient<StandaloneClusterId> client(SimulatedFlinkRuntime runtime) {
        try {
            return FlinkClients.restClusterClient(runtime.restAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }
}
