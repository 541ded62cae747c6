package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.time.Deadline;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.util.concurrent.FutureUtils;
import org.apache.flink.util.concurrent.ScheduledExecutorServiceAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client calls the simulated runtime answers, against a real Flink MiniCluster: one cluster for
 * the class (it costs seconds to start) and one end-to-end scenario.
 */
class MiniClusterRuntimeTest {

    private static final String SAVEPOINT_NAME = "savepoint-[0-9a-f]{6}-[0-9a-f]{12}";

    @TempDir static Path savepoints;

    private static MiniClusterRuntime flink;
    private static RestClusterClient<StandaloneClusterId> client;
    private static ScheduledExecutorService poller;

    @BeforeAll
    static void startCluster() throws Exception {
        flink =
                MiniClusterRuntime.builder()
                        .savepointDirectory(savepoints.toUri().toString())
                        .start();
        client = FlinkClients.restClusterClient(flink.restAddress());
        poller = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (poller != null) {
            poller.shutdownNow();
        }
        flink.close();
    }

    @Test
    void submittedJobsSavepointRestoresAnApplicationJobRunFromTheTestClasspath() throws Exception {
        // given
        JobID submitted = await(client.submitJob(GeneratorJob.jobGraph("orders")));
        awaitAllTasksRunning(submitted);
        // when
        String savepoint =
                await(client.triggerSavepoint(submitted, null, SavepointFormatType.CANONICAL));
        await(client.cancel(submitted));
        JobID restored =
                flink.startApplicationJob(
                        GeneratorJob.class.getName(), List.of("orders-restored"), savepoint);
        awaitAllTasksRunning(restored);
        // then
        assertThat(Paths.get(URI.create(savepoint)))
                .isDirectory()
                .hasParent(savepoints)
                .satisfies(dir -> assertThat(dir.getFileName().toString()).matches(SAVEPOINT_NAME));
        assertThat(await(client.requestJobResult(submitted)).getJobStatus())
                .contains(JobStatus.CANCELED);
        assertThat(restoredFrom(restored)).isEqualTo(savepoint);
        assertThat(flink.restoredFrom(restored))
                .as("restoredFrom reads Flink's checkpoint statistics")
                .contains(savepoint);
        assertThat(flink.restoredFrom(submitted)).as("started without state").isEmpty();
        try (SimulatedFlinkRuntime simulated = SimulatedFlinkRuntime.start()) {
            JobID fake =
                    simulated.startApplicationJob(
                            GeneratorJob.class.getName(), List.of("orders-restored"), savepoint);
            assertThat(restoredFields(simulated.restAddress(), fake))
                    .as("fields of latest.restored in GET /jobs/:jobid/checkpoints")
                    .isNotEmpty()
                    .isEqualTo(restoredFields(flink.restAddress(), restored));
        }
        await(client.cancel(restored));
    }

    private static SortedSet<String> restoredFields(URI restAddress, JobID id) throws Exception {
        return new TreeSet<>(
                JsonShapes.of(restAddress, "/jobs/" + id + "/checkpoints").stream()
                        .filter(path -> path.startsWith("latest.restored"))
                        .toList());
    }

    @Test
    void simulatedRuntimeAnswersWithTheSameJsonFieldsAsTheRealCluster() throws Exception {
        try (SimulatedFlinkRuntime simulated = SimulatedFlinkRuntime.start();
                RestClusterClient<StandaloneClusterId> simulatedClient =
                        FlinkClients.restClusterClient(simulated.restAddress())) {
            // given
            JobID real = await(client.submitJob(GeneratorJob.jobGraph("parity")));
            JobID fake = await(simulatedClient.submitJob(GeneratorJob.jobGraph("parity")));
            awaitAllTasksRunning(real);
            // when / then
            for (String path :
                    List.of(
                            "/config",
                            "/overview",
                            "/jobs",
                            "/jobs/overview",
                            "/jobs/%s",
                            "/jobs/%s/status")) {
                assertThat(JsonShapes.of(simulated.restAddress(), path.formatted(fake)))
                        .as("fields of GET %s", path)
                        .isEqualTo(JsonShapes.of(flink.restAddress(), path.formatted(real)));
            }
            await(client.cancel(real));
            await(client.requestJobResult(real));
            await(simulatedClient.cancel(fake));
            assertThat(JsonShapes.of(simulated.restAddress(), resultPath(fake)))
                    .as("fields of GET /jobs/:jobid/execution-result of a cancelled job")
                    .isEqualTo(JsonShapes.of(flink.restAddress(), resultPath(real)));
        }
    }

    private static String resultPath(JobID id) {
        return "/jobs/" + id + "/execution-result";
    }

    private static String restoredFrom(JobID id) throws Exception {
        JobMessageParameters parameters =
                CheckpointingStatisticsHeaders.getInstance().getUnresolvedMessageParameters();
        parameters.jobPathParameter.resolve(id);
        CheckpointingStatistics statistics =
                await(
                        client.sendRequest(
                                CheckpointingStatisticsHeaders.getInstance(),
                                parameters,
                                EmptyRequestBody.getInstance()));
        return statistics
                .getLatestCheckpoints()
                .getRestoredCheckpointStatistics()
                .getExternalPath();
    }

    /** Polls job details (cached 100 ms by the cluster) until every task runs, for at most 30 s. */
    private static void awaitAllTasksRunning(JobID id) throws Exception {
        await(
                FutureUtils.retrySuccessfulWithDelay(
                        () -> client.getJobDetails(id),
                        Duration.ofMillis(50),
                        Deadline.fromNow(Duration.ofSeconds(30)),
                        MiniClusterRuntimeTest::allTasksRunning,
                        new ScheduledExecutorServiceAdapter(poller)));
    }

    private static boolean allTasksRunning(JobDetailsInfo details) {
        return details.getJobStatus() == JobStatus.RUNNING
                && details.getJobVertexInfos().stream()
                        .allMatch(vertex -> vertex.getExecutionState() == ExecutionState.RUNNING);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }
}
