package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink job client end to end against a real Flink MiniCluster: a jar submitted to the session
 * cluster runs, a savepoint is written to disk, and the job is cancelled.
 */
class FlinkJobClientMiniClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path tempDir;

    @Test
    void submitsSavepointsAndCancelsARealJob() throws Exception {
        Path savepoints = Files.createDirectories(tempDir.resolve("savepoints"));
        try (MiniClusterRuntime flink =
                        MiniClusterRuntime.builder()
                                .savepointDirectory(savepoints.toUri().toString())
                                .start();
                FlinkJobClient client = FlinkJobClient.connect(flink.restAddress(), TIMEOUT)) {
            // given
            Path jar = Jars.withMainClass(tempDir, "generator.jar", GeneratorJob.class.getName());
            // when
            JobID id = client.submitJar(jar, JarRun.of(null, "generator-e2e"));
            String savepoint = savepointOnceRunning(client, id);
            client.cancel(id);
            // then
            assertThat(Path.of(URI.create(savepoint))).isDirectory().startsWith(savepoints);
            assertThat(awaitTerminal(client, id)).isEqualTo(JobStatus.CANCELED);
        }
    }

    /** A savepoint fails until every task runs; retry until it succeeds, within a bound. */
    private static String savepointOnceRunning(FlinkJobClient client, JobID id) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                return client.triggerSavepoint(id, null, TIMEOUT);
            } catch (FlinkJobException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    private static JobStatus awaitTerminal(FlinkJobClient client, JobID id) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        JobStatus status = client.jobStatus(id);
        while (!status.isGloballyTerminalState() && Instant.now().isBefore(deadline)) {
            status = client.jobStatus(id);
        }
        return status;
    }
}
