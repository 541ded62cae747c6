package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan}: what an apply would do to the job and the objects, against a previous spec. */
class PlanCommandTest {

    private static final Path HEADLINE = Path.of("specs/stateful-ha-application.yaml");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The headline spec with {@code from} replaced by {@code to}, written to {@code dir}. */
    private static Path edited(Path dir, String from, String to) throws IOException {
        String spec = Files.readString(HEADLINE);
        assertThat(spec).contains(from);
        return Files.writeString(dir.resolve("next.yaml"), spec.replace(from, to));
    }

    @Test
    void anImageChangePlansASavepointRedeployIntoTheSavepointDirectory(@TempDir Path tmp)
            throws IOException {
        // given
        Path next = edited(tmp, "orders:1.4.2", "orders:1.4.3");
        // when
        int code = run("plan", "--spec", next.toString(), "--previous", HEADLINE.toString());
        // then
        assertThat(code).isZero();
        assertThat(out())
                .contains("Planned against an in-memory cluster running orders")
                .contains("Plan for streaming/orders: 0 to create, 2 to update")
                .contains(
                        "  job: SAVEPOINT_REDEPLOY (image)\n"
                                + "    job starts from a savepoint this apply takes first"
                                + " (stop-with-savepoint into s3://acme-flink/orders/savepoints)")
                .contains("  ~ Deployment orders-jobmanager");
    }

    @Test
    void aChangeOfTheTaskManagerRangePlansScale(@TempDir Path tmp) throws IOException {
        // given
        Path next = edited(tmp, "maxTaskManagers: 12", "maxTaskManagers: 16");
        // when
        int code = run("plan", "--spec", next.toString(), "--previous", HEADLINE.toString());
        // then
        assertThat(code).isZero();
        assertThat(out()).contains("  job: SCALE (autoscaling.maxTaskManagers)");
    }

    @Test
    void withoutAPreviousSpecThePlanIsAFirstDeployment() {
        // when
        int code = run("plan", "--spec", HEADLINE.toString());
        // then
        assertThat(code).isZero();
        assertThat(out())
                .contains("Planned against an empty in-memory cluster:")
                .contains("  job: NEW_JOB\n    job starts without state (a new job)");
    }

    @Test
    void aPreviousSpecAndAKubeconfigTogetherAreAUsageError() {
        // when
        int code =
                run(
                        "plan",
                        "--spec",
                        HEADLINE.toString(),
                        "--previous",
                        HEADLINE.toString(),
                        "--kubeconfig",
                        "kubeconfig");
        // then
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("give one of them")
                .contains(PlanCommand.USAGE_TEXT);
    }

    @Test
    void anUnreadableKubeconfigIsReportedWithoutPlanning(@TempDir Path tmp) {
        // when
        int code =
                run(
                        "plan",
                        "--spec",
                        HEADLINE.toString(),
                        "--kubeconfig",
                        tmp.resolve("missing").toString());
        // then
        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing");
    }

    @Test
    void anInvalidSpecPrintsItsViolationsAndExitsOne(@TempDir Path tmp) throws IOException {
        // given
        Path next = edited(tmp, "replicas: 3", "replicas: 0");
        // when
        int code = run("plan", "--spec", next.toString(), "--previous", HEADLINE.toString());
        // then
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("taskManager.replicas");
    }
}
