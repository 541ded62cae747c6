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

/** {@code preflight}: what would make an apply fail, printed with the object and what to do. */
class PreflightCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theMinimalSpecFindsNothingOnAnInMemoryClusterAndExitsZero() {
        int code = run("preflight", "--spec", "specs/minimal-application.yaml");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Checked against an in-memory cluster with namespace default:")
                .contains(
                        "Preflight of default/wordcount: nothing found that would make the apply"
                                + " fail");
    }

    @Test
    void aMissingSecretAndIngressClassArePrintedWithWhatToDoAndExitThree(@TempDir Path tmp)
            throws IOException {
        Path spec =
                Files.writeString(
                        tmp.resolve("spec.yaml"),
                        Files.readString(Path.of("specs/minimal-application.yaml"))
                                + "env:\n"
                                + "  - name: API_TOKEN\n"
                                + "    valueFrom: {secretKeyRef: {name: api-token, key: token}}\n"
                                + "ingress:\n"
                                + "  template: wordcount.example.com\n"
                                + "  className: nginx\n");

        int code = run("preflight", "--spec", spec.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Preflight of default/wordcount: 2 error(s), 0 warning(s)")
                .contains("ERROR [INGRESS_CLASS] IngressClass nginx: no IngressClass")
                .contains("ERROR [REFERENCE] Secret default/api-token: the Secret does not exist")
                .contains("Create it in namespace default");
    }

    @Test
    void aMissingSpecOptionIsAUsageError() {
        assertThat(run("preflight")).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(PreflightCommand.USAGE_TEXT);
    }

    @Test
    void aLastFlagWithoutAValueOrAnUnknownFlagIsAUsageErrorNamingIt() {
        assertThat(run("preflight", "--spec")).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--spec needs a value")
                .contains(PreflightCommand.USAGE_TEXT);
        err.reset();
        assertThat(run("preflight", "--spce", "x.yaml")).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --spce");
    }
}
