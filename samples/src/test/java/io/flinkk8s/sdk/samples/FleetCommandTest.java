package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void appliesTheSpecOnEveryInMemoryClusterWithItsOverridesAndPrintsTheirStatus() {
        int code =
                run(
                        "fleet",
                        "--spec",
                        "specs/minimal-application.yaml",
                        "--cluster",
                        "eu",
                        "--cluster",
                        "us:replicas=3,registry=mirror.example.com,namespace=flink-us");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("applied on all 2 clusters")
                .contains("us: applied flink-us/wordcount (mirror.example.com/flink:")
                .contains("mirror.example.com/")
                .contains("  eu: RUNNING")
                .contains("  us: RUNNING");
    }

    @Test
    void anInvalidClusterSpecListsItsViolationsAndTouchesNoCluster() {
        int code =
                run(
                        "fleet",
                        "--spec",
                        "specs/minimal-application.yaml",
                        "--cluster",
                        "eu",
                        "--cluster",
                        "us:replicas=0");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("clusters[us].taskManager.replicas")
                .contains("no cluster was touched");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Applied");
    }

    @Test
    void saysWhatIsWrongWithTheCommandLine() {
        assertThat(run("fleet", "--spec", "x.yaml", "--cluster", "eu:size=3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown --cluster key size");
    }
}
