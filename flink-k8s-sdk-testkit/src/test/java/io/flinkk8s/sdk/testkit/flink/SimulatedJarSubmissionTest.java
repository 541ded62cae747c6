package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.runtime.rest.util.RestConstants;
import org.apache.flink.runtime.webmonitor.handlers.JarDeleteHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarDeleteMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarListHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarListInfo;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session-cluster jar submission over plain REST with Flink's own message types ({@code
 * JarUploadHeaders}, {@code JarRunHeaders} ...) and Flink's low-level {@link RestClient}.
 */
class SimulatedJarSubmissionTest {

    @TempDir Path tempDir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private SimulatedFlinkRuntime flink;
    private RestClient rest;

    @BeforeEach
    void startRuntime() throws Exception {
        flink = SimulatedFlinkRuntime.start();
        rest = FlinkClients.restClient(flink.restAddress(), executor);
    }

    @AfterEach
    void stopRuntime() throws Exception {
        if (rest != null) {
            rest.close();
        }
        flink.close();
        executor.shutdownNow();
    }

    @Test
    void uploadedJarRunsAsAJobThatRecordsEntryClassArgumentsAndRestorePath() throws Exception {
        // given
        String jarId = upload(TestJobs.jar(tempDir, "orders-job.jar", "com.example.OrdersJob"));
        JarRunRequestBody request =
                new JarRunRequestBody(
                        null,
                        List.of("--env", "test"),
                        2,
                        null,
                        true,
                        "s3://bucket/savepoints/savepoint-abcdef-0123456789ab",
                        null,
                        RecoveryClaimMode.NO_CLAIM,
                        Map.of());
        // when
        JobID id = send(JarRunHeaders.getInstance(), runParameters(jarId), request).getJobId();
        // then
        assertThat(flink.job(id).orElseThrow())
                .satisfies(
                        job -> {
                            assertThat(job.origin()).isEqualTo(JobOrigin.JAR_RUN);
                            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
                            assertThat(job.jarId()).isEqualTo(jarId);
                            assertThat(job.entryClass()).isEqualTo("com.example.OrdersJob");
                            assertThat(job.arguments()).containsExactly("--env", "test");
                            assertThat(job.restoreSettings().allowNonRestoredState()).isTrue();
                        });
        assertThat(flink.restoredFrom(id))
                .contains("s3://bucket/savepoints/savepoint-abcdef-0123456789ab");
    }

    @Test
    void uploadedJarIsListedUntilDeleted() throws Exception {
        // given
        String jarId = upload(TestJobs.jar(tempDir, "orders-job.jar", "com.example.OrdersJob"));
        // when
        JarListInfo listed = listJars();
        JarDeleteMessageParameters delete =
                JarDeleteHeaders.getInstance().getUnresolvedMessageParameters();
        delete.jarIdPathParameter.resolve(jarId);
        send(JarDeleteHeaders.getInstance(), delete, EmptyRequestBody.getInstance());
        // then
        assertThat(listed.jarFileList)
                .extracting(file -> file.id, file -> file.name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(jarId, "orders-job.jar"));
        assertThat(listJars().jarFileList).isEmpty();
    }

    @Test
    void runningAJarThatWasNeverUploadedAnswersBadRequest() {
        assertThatThrownBy(
                        () ->
                                send(
                                        JarRunHeaders.getInstance(),
                                        runParameters("missing_job.jar"),
                                        new JarRunRequestBody()))
                .rootCause()
                .isInstanceOfSatisfying(
                        RestClientException.class,
                        e -> assertThat(e.getHttpResponseStatus().code()).isEqualTo(400))
                .hasMessageContaining("does not exist");
    }

    @Test
    void failNextSubmissionFailsTheJarRunAsFlinkReportsAFailedProgram() throws Exception {
        String jarId = upload(TestJobs.jar(tempDir, "orders-job.jar", "com.example.OrdersJob"));
        flink.failNextSubmission();

        assertThatThrownBy(
                        () ->
                                send(
                                        JarRunHeaders.getInstance(),
                                        runParameters(jarId),
                                        new JarRunRequestBody()))
                .rootCause()
                .hasMessageContaining("Could not execute application.")
                .hasMessageContaining("SimulatedFlinkRuntime.failNextSubmission()");
        assertThat(flink.jobs()).isEmpty();
    }

    private String upload(Path jar) throws Exception {
        JarUploadResponseBody uploaded =
                await(
                        rest.sendRequest(
                                flink.restAddress().getHost(),
                                flink.restAddress().getPort(),
                                JarUploadHeaders.getInstance(),
                                EmptyMessageParameters.getInstance(),
                                EmptyRequestBody.getInstance(),
                                List.of(new FileUpload(jar, RestConstants.CONTENT_TYPE_JAR))));
        return Path.of(uploaded.getFilename()).getFileName().toString();
    }

    private JarListInfo listJars() throws Exception {
        return send(
                JarListHeaders.getInstance(),
                EmptyMessageParameters.getInstance(),
                EmptyRequestBody.getInstance());
    }

    private static JarRunMessageParameters runParameters(String jarId) {
        JarRunMessageParameters parameters =
                JarRunHeaders.getInstance().getUnresolvedMessageParameters();
        parameters.jarIdPathParameter.resolve(jarId);
        return parameters;
    }

    private <R extends RequestBody, P extends ResponseBody, M extends MessageParameters> P send(
            MessageHeaders<R, P, M> headers, M parameters, R request) throws Exception {
        return await(
                rest.sendRequest(
                        flink.restAddress().getHost(),
                        flink.restAddress().getPort(),
                        headers,
                        parameters,
                        request));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }
}
