package io.flinkk8s.sdk.delivery.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileTest {

    @TempDir Path tmp;

    @Test
    void copiesEveryFileToWhereTheJibImageHasItOwnedByFlink() throws Exception {
        Path job = Files.writeString(tmp.resolve("orders.jar"), "jar");
        Path lib =
                Files.writeString(
                        Files.createDirectories(tmp.resolve("lib")).resolve("json.jar"), "jar");
        Path plugin = Files.writeString(tmp.resolve("lib/flink-s3-fs-presto.jar"), "jar");

        String dockerfile =
                JobImage.builder()
                        .from("flink:2.1-java17")
                        .jobJar(job)
                        .extraJar(lib)
                        .plugin("s3-fs-presto", plugin)
                        .label("org.opencontainers.image.title", "orders pipeline")
                        .user("flink")
                        .build()
                        .dockerfile(tmp);

        assertThat(dockerfile.lines().filter(l -> !l.startsWith("#")))
                .containsExactly(
                        "FROM flink:2.1-java17",
                        "COPY --chown=flink:flink --chmod=644 lib/flink-s3-fs-presto.jar"
                                + " /opt/flink/plugins/s3-fs-presto/flink-s3-fs-presto.jar",
                        "COPY --chown=flink:flink --chmod=644 lib/json.jar /opt/flink/usrlib/json.jar",
                        "COPY --chown=flink:flink --chmod=644 orders.jar /opt/flink/usrlib/orders.jar",
                        "LABEL org.opencontainers.image.title=\"orders pipeline\"",
                        "USER flink");
    }

    @Test
    void usesTheJsonFormForPathsWithSpaces() throws Exception {
        Path job = Files.writeString(tmp.resolve("my orders.jar"), "jar");

        String dockerfile =
                JobImage.builder().from("flink:2.1-java17").jobJar(job).build().dockerfile(tmp);

        assertThat(dockerfile)
                .contains(
                        "COPY --chown=flink:flink --chmod=644 [\"my orders.jar\","
                                + " \"/opt/flink/usrlib/my orders.jar\"]");
    }
}
