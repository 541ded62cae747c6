package io.flinkk8s.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {

    @TempDir Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path baseTar() throws Exception {
        Path base = tmp.resolve("base.tar");
        Jib.fromScratch()
                .addLabel("base", "flink")
                .containerize(
                        Containerizer.to(TarImage.at(base).named("flink:2.1-java17"))
                                .setBaseImageLayersCache(tmp.resolve("cache/base"))
                                .setApplicationLayersCache(tmp.resolve("cache/app"))
                                .setOfflineMode(true));
        return base;
    }

    private Path jar(String name) throws Exception {
        Path jar = tmp.resolve(name);
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new ZipEntry("com/acme/Orders.class"));
        }
        return jar;
    }

    @Test
    void buildsTheImageTarAndWritesTheSpecRunningItAndTheDockerfile() throws Exception {
        Path spec = tmp.resolve("orders.yaml");
        Files.copy(Path.of("specs/minimal-application.yaml"), spec);
        Path tar = tmp.resolve("orders-image.tar");

        int code =
                run(
                        "image",
                        "--jar",
                        jar("orders.jar").toString(),
                        "--from-tar",
                        baseTar().toString(),
                        "--name",
                        "registry.example.com/orders:1.4.2",
                        "--tar",
                        tar.toString(),
                        "--label",
                        "team=payments",
                        "--spec",
                        spec.toString(),
                        "--spec-out",
                        tmp.resolve("orders.image.yaml").toString(),
                        "--dockerfile",
                        tmp.resolve("Dockerfile").toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(tar).isRegularFile();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("digest:      sha256:")
                .contains("job.jarURI:  local:///opt/flink/usrlib/orders.jar");
        FlinkDeploymentSpec running =
                SpecSerialization.fromYaml(Files.readString(tmp.resolve("orders.image.yaml")));
        assertThat(running.image()).isEqualTo("registry.example.com/orders:1.4.2");
        assertThat(running.job().jarURI()).isEqualTo("local:///opt/flink/usrlib/orders.jar");
        assertThat(Files.readString(tmp.resolve("Dockerfile")))
                .contains(
                        "COPY --chown=flink:flink --chmod=644 orders.jar /opt/flink/usrlib/orders.jar")
                .contains("LABEL team=payments");
    }

    @Test
    void aMissingJarListsTheProblemAndWritesNothing() throws Exception {
        Path tar = tmp.resolve("never.tar");

        int code =
                run(
                        "image",
                        "--jar",
                        tmp.resolve("missing.jar").toString(),
                        "--from",
                        "flink:2.1-java17",
                        "--name",
                        "orders:1",
                        "--tar",
                        tar.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("jobJar: no readable file at")
                .contains("missing.jar")
                .contains("nothing was written");
        assertThat(tar).doesNotExist();
    }

    @Test
    void saysWhichOptionsAreMissing() {
        assertThat(run("image", "--jar", "x.jar")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("missing --from or --from-tar, --name, --tar");
    }
}
