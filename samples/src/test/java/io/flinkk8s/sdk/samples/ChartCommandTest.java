package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartCommandTest {

    @TempDir Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exportsTheSampleSpecAsAChartAndPrintsItsValues() {
        Path chart = tmp.resolve("orders-chart");

        int code =
                run(
                        "chart",
                        "--spec",
                        "specs/stateful-ha-application.yaml",
                        "--out",
                        chart.toString(),
                        "--version",
                        "1.4.2");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(chart.resolve("Chart.yaml"))
                .content()
                .contains("name: \"orders\"", "version: \"1.4.2\"");
        assertThat(chart.resolve("values.schema.json")).exists();
        assertThat(chart.resolve("templates"))
                .isDirectoryContaining("glob:**/*-deployment-orders-taskmanager.yaml");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "image = registry.example.com/orders:1.4.2",
                        "autoscaling.maxTaskManagers = 12",
                        "helm install orders " + chart + " --namespace streaming")
                // the sample's HPA owns the TaskManager count: a value would change nothing
                .doesNotContain("taskManager.replicas");
    }

    @Test
    void operatorTargetExportsTheFlinkDeploymentTemplate() {
        Path chart = tmp.resolve("minimal-chart");

        int code =
                run(
                        "chart",
                        "--spec",
                        "specs/minimal-application.yaml",
                        "--out",
                        chart.toString(),
                        "--target",
                        "operator");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(chart.resolve("templates"))
                .isDirectoryContaining("glob:**/*-flinkdeployment-wordcount.yaml");
    }

    @Test
    void anInvalidSpecPrintsEveryViolationAndWritesNothing() throws Exception {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(
                spec,
                Files.readString(Path.of("specs/stateful-ha-application.yaml"))
                        .replace("replicas: 3", "replicas: 0")
                        .replace("image: registry.example.com/orders:1.4.2", "image: ''"));
        Path chart = tmp.resolve("chart");

        int code = run("chart", "--spec", spec.toString(), "--out", chart.toString());

        assertThat(code).isEqualTo(RenderCommand.INVALID_SPEC);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("image", "taskManager.replicas", "nothing was written");
        assertThat(chart).doesNotExist();
    }

    @Test
    void aFolderWithFilesTheSdkDidNotWriteIsRefused() throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("chart"));
        Files.writeString(
                chart.resolve("Chart.yaml"), "apiVersion: v2\nname: mine\nversion: 1.0.0\n");

        int code =
                run(
                        "chart",
                        "--spec",
                        "specs/stateful-ha-application.yaml",
                        "--out",
                        chart.toString());

        assertThat(code).isEqualTo(RenderCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("was not written by flink-k8s-sdk");
        assertThat(chart.resolve("Chart.yaml")).content().contains("name: mine");
    }
}
