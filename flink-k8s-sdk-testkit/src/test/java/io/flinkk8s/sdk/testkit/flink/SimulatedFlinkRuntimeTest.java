package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.client.JobSubmissionException;
import org.apache.flink.runtime.dispatcher.TriggerSavepointMode;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the simulated JobManager only through Flink's own {@code RestClusterClient}. */
class SimulatedFlinkRuntimeTest {

    private static final String SAVEPOINT_DIR = "s3://bucket/savepoints";
    private static final String SAVEPOINT_PATH =
            "s3://bucket/savepoints/savepoint-[0-9a-f]{6}-[0-9a-f]{12}";

    private SimulatedFlinkRuntime flink;
    private RestClusterClient<StandaloneClusterId> client;

    @BeforeEach
    void startRuntime() throws Exception {
        flink = SimulatedFlinkRuntime.builder().savepointDirectory(SAVEPOINT_DIR).start();
        client = FlinkClients.restClusterClient(flink.restAddress());
    }

    @AfterEach
    void stopRuntime() {
        if (client != null) {
            client.close();
        }
        flink.close();
    }

    @Test
    void submittedJobIsListedAndRunning() throws Exception {
        // given
        JobGraph jobGraph = TestJobs.jobGraph("orders", 2);
        // when
        JobID id = await(client.submitJob(jobGraph));
        // then
        Collection<JobStatusMessage> listed = await(client.listJobs());
        assertThat(listed)
                .singleElement()
                .satisfies(
                        job -> {
                            assertThat(job.getJobId()).isEqualTo(id);
                            assertThat(job.getJobName()).isEqualTo("orders");
                            assertThat(job.getJobState()).isEqualTo(JobStatus.RUNNING);
                        });
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
        assertThat(flink.jobs())
                .singleElement()
                .satisfies(
                        job -> {
                            assertThat(job.origin()).isEqualTo(JobOrigin.SUBMITTED_PLAN);
                            assertThat(job.restoredFrom()).isEmpty();
                        });
    }

    @Test
    void listJobsInTheTestJvmAnswersWhatTheRestOverviewLists() throws Exception {
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 2)));

        JobStatusMessage overRest = List.copyOf(await(client.listJobs())).get(0);
        assertThat(flink.listJobs())
                .singleElement()
                .satisfies(
                        job -> {
                            assertThat(job.getJobId()).isEqualTo(id);
                            assertThat(job.getJobName()).isEqualTo("orders");
                            assertThat(job.getJobState()).isEqualTo(JobStatus.RUNNING);
                            assertThat(job.getStartTime())
                                    .isPositive()
                                    .isEqualTo(overRest.getStartTime());
                        });
    }

    @Test
    void jobDetailsReportTheSubmittedVerticesInTheJobsState() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 3)));
        // when
        JobDetailsInfo details = await(client.getJobDetails(id));
        // then
        assertThat(details.getJobStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(details.getJobVertexInfos())
                .extracting(
                        JobDetailsInfo.JobVertexDetailsInfo::getName,
                        JobDetailsInfo.JobVertexDetailsInfo::getParallelism,
                        JobDetailsInfo.JobVertexDetailsInfo::getExecutionState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Source: orders", 3, ExecutionState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple(
                                "Sink: discard", 3, ExecutionState.RUNNING));
    }

    @Test
    void detailsOfAnUnknownJobAnswerNotFoundAsFlinkDoes() {
        assertThatThrownBy(() -> await(client.getJobDetails(new JobID())))
                .rootCause()
                .isInstanceOfSatisfying(
                        RestClientException.class,
                        e -> assertThat(e.getHttpResponseStatus().code()).isEqualTo(404))
                .hasMessageContaining("not found");
    }

    @Test
    void planWithUserJarsIsAcceptedWithoutABlobServer(@TempDir Path tempDir) throws Exception {
        // given
        JobGraph jobGraph = TestJobs.jobGraph("orders", 1);
        Path jar = TestJobs.jar(tempDir, "orders-udfs.jar", "com.example.Orders");
        jobGraph.addJar(new org.apache.flink.core.fs.Path(jar.toUri()));
        // when
        JobID id = await(client.submitJob(jobGraph));
        // then
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void streamGraphAsFlink2ClientsSubmitItIsCompiledIntoItsVertices() throws Exception {
        // given
        StreamGraph streamGraph = GeneratorJob.streamGraph("generator");
        streamGraph.setJobId(new JobID());
        streamGraph.serializeUserDefinedInstances();
        // when
        JobID id = await(client.submitJob(streamGraph));
        // then
        JobDetailsInfo details = await(client.getJobDetails(id));
        assertThat(details.getName()).isEqualTo("generator");
        assertThat(details.getJobVertexInfos())
                .extracting(JobDetailsInfo.JobVertexDetailsInfo::getName)
                .containsExactly("Source: generator -> Sink: Writer");
    }

    @Test
    void jobsStayCreatedUntilTheTestRunsThem() throws Exception {
        // given
        try (SimulatedFlinkRuntime manual =
                        SimulatedFlinkRuntime.builder().startJobsImmediately(false).start();
                RestClusterClient<StandaloneClusterId> manualClient =
                        FlinkClients.restClusterClient(manual.restAddress())) {
            JobID id = await(manualClient.submitJob(TestJobs.jobGraph("orders", 1)));
            assertThat(await(manualClient.getJobStatus(id))).isEqualTo(JobStatus.CREATED);
            // when
            manual.runJob(id);
            // then
            assertThat(await(manualClient.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
        }
    }

    @Test
    void triggeredSavepointGetsAPathUnderTheConfiguredDirectory() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        // when
        String path = await(client.triggerSavepoint(id, null, SavepointFormatType.CANONICAL));
        // then
        assertThat(path)
                .matches(SAVEPOINT_PATH)
                .startsWith(SAVEPOINT_DIR + "/savepoint-" + id.toString().substring(0, 6));
        assertThat(flink.savepoints())
                .containsExactly(
                        new SimulatedSavepoint(
                                id,
                                path,
                                SavepointFormatType.CANONICAL,
                                TriggerSavepointMode.SAVEPOINT));
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void savepointRequestNamingADirectoryUsesIt() throws Exception {
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));

        String path =
                await(client.triggerSavepoint(id, "file:///tmp/sp", SavepointFormatType.NATIVE));

        assertThat(path).matches("file:/tmp/sp/savepoint-[0-9a-f]{6}-[0-9a-f]{12}");
    }

    @Test
    void savepointDirectoryWithoutSchemeIsReportedAsLocalAsByFlink() throws Exception {
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));

        String path = await(client.triggerSavepoint(id, "/tmp/sp", SavepointFormatType.CANONICAL));

        assertThat(path).matches("file:/tmp/sp/savepoint-[0-9a-f]{6}-[0-9a-f]{12}");
    }

    @Test
    void savepointWithoutAnyDirectoryIsRejectedAsByFlink() throws Exception {
        try (SimulatedFlinkRuntime bare = SimulatedFlinkRuntime.start();
                RestClusterClient<StandaloneClusterId> bareClient =
                        FlinkClients.restClusterClient(bare.restAddress())) {
            JobID id = await(bareClient.submitJob(TestJobs.jobGraph("orders", 1)));

            assertThatThrownBy(
                            () ->
                                    await(
                                            bareClient.triggerSavepoint(
                                                    id, null, SavepointFormatType.CANONICAL)))
                    .rootCause()
                    .hasMessageContaining(
                            "Config key [execution.checkpointing.savepoint-dir] is not set");
        }
    }

    @Test
    void stopWithSavepointFinishesTheJobWithThatSavepoint() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        // when
        String path =
                await(client.stopWithSavepoint(id, false, null, SavepointFormatType.CANONICAL));
        // then
        assertThat(path).matches(SAVEPOINT_PATH);
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.FINISHED);
        assertThat(flink.savepoints())
                .extracting(SimulatedSavepoint::path, SimulatedSavepoint::mode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                path, TriggerSavepointMode.SUSPEND_WITH_SAVEPOINT));
        JobResult result = await(client.requestJobResult(id));
        assertThat(result.getJobStatus()).contains(JobStatus.FINISHED);
    }

    @Test
    void cancelEndsTheJobCanceledAndIsIdempotent() throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        // when
        await(client.cancel(id));
        await(client.cancel(id));
        // then
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void cancellingAFinishedJobConflictsAsInFlink() throws Exception {
        JobID id = await(client.submitJob(TestJobs.jobGraph("bounded", 1)));
        flink.completeJob(id);

        assertThatThrownBy(() -> await(client.cancel(id)))
                .rootCause()
                .isInstanceOfSatisfying(
                        RestClientException.class,
                        e -> assertThat(e.getHttpResponseStatus().code()).isEqualTo(409))
                .hasMessageContaining("already reached another terminal state (FINISHED)");
    }

    @Test
    void failNextSavepointFailsTheClientsFutureWithAClearErrorAndTheJobKeepsRunning()
            throws Exception {
        // given
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        flink.failNextSavepoint();
        // when / then
        assertThatThrownBy(
                        () ->
                                await(
                                        client.stopWithSavepoint(
                                                id, false, null, SavepointFormatType.CANONICAL)))
                .rootCause()
                .hasMessageContaining("SimulatedFlinkRuntime.failNextSavepoint()")
                .hasMessageContaining("Checkpoint was declined");
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
        assertThat(flink.savepoints()).isEmpty();
        assertThat(await(client.triggerSavepoint(id, null, SavepointFormatType.CANONICAL)))
                .matches(SAVEPOINT_PATH);
    }

    @Test
    void failNextSubmissionFailsTheSubmitAndOnlyThatOne() throws Exception {
        // given
        flink.failNextSubmission();
        // when / then
        assertThatThrownBy(() -> await(client.submitJob(TestJobs.jobGraph("orders", 1))))
                .hasCauseInstanceOf(JobSubmissionException.class)
                .rootCause()
                .hasMessageContaining("SimulatedFlinkRuntime.failNextSubmission()");
        assertThat(flink.jobs()).isEmpty();
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void restorePathOfASubmittedPlanIsRecorded() throws Exception {
        // given
        JobGraph jobGraph = TestJobs.jobGraph("orders", 1);
        String savepoint = "s3://bucket/savepoints/savepoint-abcdef-0123456789ab";
        jobGraph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, true));
        // when
        JobID id = await(client.submitJob(jobGraph));
        // then
        assertThat(flink.restoredFrom(id)).contains(savepoint);
        assertThat(flink.job(id).orElseThrow().restoreSettings().allowNonRestoredState()).isTrue();
    }

    @Test
    void completedAndFailedJobsReportTheirResult() throws Exception {
        // given
        JobID finished = await(client.submitJob(TestJobs.jobGraph("bounded", 1)));
        JobID failed = await(client.submitJob(TestJobs.jobGraph("broken", 1)));
        // when
        flink.completeJob(finished);
        flink.failJob(failed, "disk full on taskmanager-1");
        // then
        assertThat(await(client.requestJobResult(finished)).getJobStatus())
                .contains(JobStatus.FINISHED);
        JobResult result = await(client.requestJobResult(failed));
        assertThat(result.getJobStatus()).contains(JobStatus.FAILED);
        assertThat(result.getSerializedThrowable().orElseThrow())
                .hasMessageContaining("disk full on taskmanager-1");
    }

    @Test
    void applicationJobIsStartedByTheClusterWithItsRestorePath() throws Exception {
        // when
        JobID id =
                flink.startApplicationJob(
                        "com.example.Orders", List.of("--env", "test"), "s3://bucket/sp-1");
        // then
        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.RUNNING);
        assertThat(flink.job(id).orElseThrow())
                .satisfies(
                        job -> {
                            assertThat(job.origin()).isEqualTo(JobOrigin.APPLICATION);
                            assertThat(job.entryClass()).isEqualTo("com.example.Orders");
                            assertThat(job.arguments()).containsExactly("--env", "test");
                        });
        assertThat(flink.restoredFrom(id)).contains("s3://bucket/sp-1");
    }

    @Test
    void applicationJobUnderASubmissionFaultShowsUpFailed() throws Exception {
        flink.failNextSubmission();

        JobID id = flink.startApplicationJob("com.example.Orders", List.of(), null);

        assertThat(await(client.getJobStatus(id))).isEqualTo(JobStatus.FAILED);
        assertThat(flink.job(id).orElseThrow().failureCause())
                .contains("SimulatedFlinkRuntime.failNextSubmission()");
    }

    @Test
    void clusterOverviewCountsJobsAndUsedSlots() throws Exception {
        // given
        await(client.submitJob(TestJobs.jobGraph("orders", 3)));
        JobID done = await(client.submitJob(TestJobs.jobGraph("bounded", 1)));
        flink.completeJob(done);
        // when
        ClusterOverviewWithVersion overview = await(client.getClusterOverview());
        // then
        assertThat(overview.getNumTaskManagersConnected()).isEqualTo(1);
        assertThat(overview.getNumSlotsTotal()).isEqualTo(4);
        assertThat(overview.getNumSlotsAvailable()).isEqualTo(1);
        assertThat(overview.getNumJobsRunningOrPending()).isEqualTo(1);
        assertThat(overview.getNumJobsFinished()).isEqualTo(1);
        assertThat(overview.getVersion()).isNotBlank();
    }

    @Test
    void controlStepsRejectJobsInTheWrongState() throws Exception {
        JobID id = await(client.submitJob(TestJobs.jobGraph("orders", 1)));
        flink.completeJob(id);

        assertThatThrownBy(() -> flink.failJob(id, "late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is FINISHED");
        assertThatThrownBy(() -> flink.runJob(new JobID()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no job");
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }
}
