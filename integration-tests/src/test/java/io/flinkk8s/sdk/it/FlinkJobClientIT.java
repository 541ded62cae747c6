package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flink job client against the testkit's simulated JobManager. */
class FlinkJobClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir Path tempDir;

    private SimulatedFlinkRuntime flink;
    private FlinkJobClient client;

    @BeforeEach
    void start() {
        flink = SimulatedFlinkRuntime.builder().savepointDirectory("s3://bucket/sp").start();
        client = FlinkJobClient.connect(flink.restAddress(), TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.close();
        flink.close();
    }

    @Test
    void submitsAJarToASessionClusterByUploadingAndRunningIt() throws Exception {
        // given
        Path jar = Jars.withMainClass(tempDir, "orders.jar", "com.acme.Orders");
        // when
        JobID id =
                client.submitJar(
                        jar, JarRun.of("com.acme.Orders", "--topic", "orders").withParallelism(2));
        // then
        assertThat(flink.job(id).orElseThrow())
                .satisfies(
                        job -> {
                            assertThat(job.entryClass()).isEqualTo("com.acme.Orders");
                            assertThat(job.arguments()).containsExactly("--topic", "orders");
                            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
                        });
        assertThat(client.jobStatus(id)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void runsAJarFromASavepoint() throws Exception {
        // given
        String jarId =
                client.uploadJar(Jars.withMainClass(tempDir, "orders.jar", "com.acme.Orders"));
        // when
        JobID id =
                client.runJar(jarId, JarRun.of(null).fromSavepoint("s3://bucket/sp/savepoint-1"));
        // then
        assertThat(flink.restoredFrom(id)).contains("s3://bucket/sp/savepoint-1");
    }

    @Test
    void listsJobsNewestFirst() {
        // given
        JobID first = flink.startApplicationJob("com.acme.First", null, null);
        JobID second = flink.startApplicationJob("com.acme.Second", null, null);
        flink.completeJob(first);
        // when / then
        assertThat(client.listJobs())
                .extracting(JobSummary::id, JobSummary::status)
                .containsExactlyInAnyOrder(
                        tuple(first, JobStatus.FINISHED), tuple(second, JobStatus.RUNNING));
    }

    @Test
    void triggeringASavepointKeepsTheJobRunning() {
        // given
        JobID id = flink.startApplicationJob("com.acme.Orders", null, null);
        // when
        String path = client.triggerSavepoint(id, null, TIMEOUT);
        // then
        assertThat(path).startsWith("s3://bucket/sp/savepoint-" + id.toHexString().substring(0, 6));
        assertThat(client.jobStatus(id)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void stoppingWithASavepointFinishesTheJob() {
        // given
        JobID id = flink.startApplicationJob("com.acme.Orders", null, null);
        // when
        String path = client.stopWithSavepoint(id, "s3://other/sp", TIMEOUT);
        // then
        assertThat(path).startsWith("s3://other/sp/savepoint-");
        assertThat(client.jobStatus(id)).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void cancellingEndsTheJob() {
        JobID id = flink.startApplicationJob("com.acme.Orders", null, null);

        client.cancel(id);

        assertThat(client.jobStatus(id)).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void aFailedSavepointSaysWhyAndLeavesTheJobRunning() {
        // given
        JobID id = flink.startApplicationJob("com.acme.Orders", null, null);
        flink.failNextSavepoint();
        // when / then
        assertThatThrownBy(() -> client.stopWithSavepoint(id, null, TIMEOUT))
                .isInstanceOf(FlinkJobException.class)
                .hasMessageContaining("Could not stop job " + id + " with a savepoint")
                .hasMessageContaining("failNextSavepoint");
        assertThat(client.jobStatus(id)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void anUnreachableJobManagerIsReportedWithItsAddress() {
        try (FlinkJobClient nowhere =
                FlinkJobClient.connect(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(5))) {
            assertThatThrownBy(nowhere::listJobs)
                    .isInstanceOf(FlinkJobException.class)
                    .hasMessageContaining(
                            "Could not list jobs on the JobManager at" + " http://127.0.0.1:1");
        }
    }
}
