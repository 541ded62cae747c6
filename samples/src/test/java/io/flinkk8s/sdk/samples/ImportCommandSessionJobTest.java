package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandSessionJobTest {

    private static final String SESSION =
            """
            apiVersion: flink.apache.org/v1beta1
            kind: FlinkDeployment
            metadata: {name: analytics}
            spec:
              image: flink:2.2
              flinkVersion: v2_2
              serviceAccount: flink
            ---
            apiVersion: flink.apache.org/v1beta1
            kind: FlinkSessionJob
            metadata: {name: clicks}
            spec:
              deploymentName: analytics
              job: {jarURI: https://repo.example.com/clicks.jar, parallelism: 2}
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ImportCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    @Test
    void importWritesEachSessionJobBesideTheDeploymentsInItsOwnForm(@TempDir Path tmp)
            throws IOException {
        // given
        Path file = tmp.resolve("analytics.yaml");
        Files.writeString(file, SESSION);
        Path dir = tmp.resolve("specs");

        // when
        int code = run("--file", file.toString(), "--out", dir.toString());

        // then
        assertThat(code).isZero();
        FlinkSessionJobSpec job =
                SpecSerialization.sessionJobFromYaml(
                        Files.readString(dir.resolve("clicks.session-job.yaml")));
        assertThat(job.deploymentName()).isEqualTo("analytics");
        assertThat(job.job().parallelism()).isEqualTo(2);
        assertThat(dir.resolve("analytics.yaml")).exists();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Imported 2 spec(s)");
    }

    @Test
    void anInvalidSessionJobIsReportedWithItsPathsAndNothingIsWritten(@TempDir Path tmp)
            throws IOException {
        Path file = tmp.resolve("analytics.yaml");
        Files.writeString(file, SESSION.replace(", parallelism: 2", ""));
        Path dir = tmp.resolve("specs");

        int code = run("--file", file.toString(), "--out", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(dir).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("FlinkSessionJob clicks:", "job.parallelism: must be set")
                .contains("nothing was written.");
    }
}
