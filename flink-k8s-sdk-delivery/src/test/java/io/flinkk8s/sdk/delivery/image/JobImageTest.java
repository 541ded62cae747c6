package io.flinkk8s.sdk.delivery.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.JobSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobImageTest {

    @TempDir Path tmp;

    private Path baseTar;
    private Path ordersJar;
    private Path libJar;
    private Path s3Plugin;

    /**
     * A stand-in for the official Flink image, made here without network: one layer with Flink's
     * launcher at /opt/flink/bin, the entrypoint, FLINK_HOME and a label, as a tar Jib can read.
     */
    @BeforeEach
    void baseImageAndJars() throws Exception {
        Path launcher = Files.writeString(tmp.resolve("flink"), "#!/bin/sh\necho flink\n");
        baseTar = tmp.resolve("flink-base.tar");
        Jib.fromScratch()
                .addFileEntriesLayer(
                        FileEntriesLayer.builder()
                                .addEntry(launcher, AbsoluteUnixPath.get("/opt/flink/bin/flink"))
                                .build())
                .setEntrypoint("/docker-entrypoint.sh")
                .addEnvironmentVariable("FLINK_HOME", "/opt/flink")
                .addLabel("org.opencontainers.image.title", "flink")
                .containerize(
                        Containerizer.to(TarImage.at(baseTar).named("flink:2.1-java17"))
                                .setBaseImageLayersCache(tmp.resolve("cache/base"))
                                .setApplicationLayersCache(tmp.resolve("cache/app"))
                                .setOfflineMode(true));
        ordersJar = jar("orders.jar", "com/acme/Orders.class");
        libJar = jar("lib/json-lib.jar", "com/acme/Json.class");
        s3Plugin = jar("plugins/flink-s3-fs-presto-2.1.0.jar", "org/apache/flink/S3.class");
    }

    private Path jar(String name, String entry) throws IOException {
        Path jar = tmp.resolve(name);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(name.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private JobImage.Builder image() {
        return JobImage.builder()
                .fromTar(baseTar)
                .jobJar(ordersJar)
                .extraJar(libJar)
                .plugin("s3-fs-presto", s3Plugin)
                .label("org.opencontainers.image.source", "https://git.example.com/orders")
                .cacheDirectory(tmp.resolve("cache"));
    }

    @Test
    void putsTheJarsWhereFlinkLooksOwnedByFlinksUserOnTopOfTheBase() throws IOException {
        Path out = tmp.resolve("out/orders-image.tar");

        BuiltImage built = image().build().toTar(out, "registry.example.com/orders:1.4.2");

        assertThat(built.reference()).isEqualTo("registry.example.com/orders:1.4.2");
        assertThat(built.digest()).startsWith("sha256:");
        assertThat(built.jarURI()).isEqualTo("local:///opt/flink/usrlib/orders.jar");
        assertThat(built.tar()).contains(out.toAbsolutePath());
        ImageTar tar = ImageTar.read(out);
        assertThat(tar.manifest().get("RepoTags").get(0).asText())
                .isEqualTo("registry.example.com/orders:1.4.2");
        // the base's layer, then plugins, extra jars, the job jar
        assertThat(tar.layerNames()).hasSize(4);
        assertThat(tar.layer(0))
                .extracting(ImageTar.LayerFile::path)
                .containsExactly("opt/flink/bin/flink");
        assertThat(tar.layer(1))
                .extracting(ImageTar.LayerFile::path)
                .containsExactly("opt/flink/plugins/s3-fs-presto/flink-s3-fs-presto-2.1.0.jar");
        assertThat(tar.layer(2))
                .extracting(ImageTar.LayerFile::path)
                .containsExactly("opt/flink/usrlib/json-lib.jar");
        List<ImageTar.LayerFile> job = tar.layer(3);
        assertThat(job)
                .extracting(ImageTar.LayerFile::path)
                .containsExactly("opt/flink/usrlib/orders.jar");
        ImageTar.LayerFile jar = job.get(0);
        assertThat(jar.bytes()).isEqualTo(Files.readAllBytes(ordersJar));
        assertThat(List.of(jar.uid(), jar.gid())).containsExactly(9999L, 9999L);
        assertThat(jar.mode()).isEqualTo(0644);
        // Jib's fixed file time (epoch + 1 s), not the jar's
        assertThat(jar.modifiedMillis()).isEqualTo(1000L);
        JsonNode config = tar.config();
        assertThat(config.at("/config/Labels").properties())
                .extracting(Map.Entry::getKey)
                .contains("org.opencontainers.image.title", "org.opencontainers.image.source");
        assertThat(config.at("/config/Entrypoint/0").asText()).isEqualTo("/docker-entrypoint.sh");
        assertThat(config.at("/config/Env").toString()).contains("FLINK_HOME=/opt/flink");
        assertThat(config.path("created").asText()).startsWith("1970-01-01T00:00:00");
    }

    /**
     * The tar is readable by other tools than Jib: Debian's skopeo inspects it and copies it into
     * an OCI layout that umoci unpacks into a root filesystem with the jar in place. Runs where
     * skopeo and umoci are installed ({@code apt-get install skopeo umoci}); skipped, saying so,
     * elsewhere.
     */
    @Test
    void skopeoAndUmociReadTheTar() throws Exception {
        Assumptions.assumeTrue(
                onPath("skopeo") && onPath("umoci"),
                "skopeo and umoci are not installed (apt-get install skopeo umoci): not checked");
        Path out = tmp.resolve("orders-image.tar");
        BuiltImage built = image().build().toTar(out, "registry.example.com/orders:1.4.2");

        String inspect = run("skopeo", "inspect", "docker-archive:" + out);
        JsonNode info = new com.fasterxml.jackson.databind.ObjectMapper().readTree(inspect);
        assertThat(info.at("/Labels/org.opencontainers.image.source").asText())
                .isEqualTo("https://git.example.com/orders");
        assertThat(info.get("Layers")).hasSize(4);
        run("skopeo", "copy", "docker-archive:" + out, "oci:" + tmp.resolve("layout") + ":orders");
        run(
                "umoci",
                "raw",
                "unpack",
                "--rootless",
                "--image",
                tmp.resolve("layout") + ":orders",
                tmp.resolve("rootfs").toString());
        assertThat(tmp.resolve("rootfs/opt/flink/usrlib/orders.jar"))
                .hasSameBinaryContentAs(ordersJar);
        assertThat(built.digest()).startsWith("sha256:");
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s said: %s", String.join(" ", command), output).isZero();
        return output;
    }

    @Test
    void theSameInputsGiveTheSameDigestAndTheSameBytes() throws IOException {
        BuiltImage first = image().build().toTar(tmp.resolve("a.tar"), "orders:1");
        BuiltImage second = image().build().toTar(tmp.resolve("b.tar"), "orders:1");

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.imageId()).isEqualTo(first.imageId());
        assertThat(Files.readAllBytes(tmp.resolve("b.tar")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a.tar")));
    }

    @Test
    void aNewJobJarChangesOnlyTheLastLayer() throws IOException {
        image().build().toTar(tmp.resolve("v1.tar"), "orders:1");
        Files.writeString(ordersJar, "a different jar", StandardCharsets.UTF_8);
        Path v2Jar = jar("v2/orders.jar", "com/acme/OrdersV2.class");

        image().jobJar(v2Jar).build().toTar(tmp.resolve("v2.tar"), "orders:2");

        List<String> v1 = ImageTar.read(tmp.resolve("v1.tar")).layerNames();
        List<String> v2 = ImageTar.read(tmp.resolve("v2.tar")).layerNames();
        assertThat(v2.subList(0, 3)).isEqualTo(v1.subList(0, 3));
        assertThat(v2.get(3)).isNotEqualTo(v1.get(3));
    }

    @Test
    void ociFormatWritesOciMediaTypes() throws IOException {
        image().ociFormat().build().toTar(tmp.resolve("oci.tar"), "orders:1");

        ImageTar tar = ImageTar.read(tmp.resolve("oci.tar"));
        String all = String.join("\n", tar.files.keySet());
        String blobs =
                tar.files.values().stream()
                        .map(b -> new String(b, StandardCharsets.ISO_8859_1))
                        .filter(s -> s.contains("mediaType"))
                        .reduce("", String::concat);
        assertThat(all + blobs).contains("application/vnd.oci.image");
    }

    @Test
    void givesTheSpecItsImageAndJarUri() {
        BuiltImage built =
                new BuiltImage(
                        "registry.example.com/orders:1.4.2",
                        "sha256:abc",
                        "sha256:def",
                        "local:///opt/flink/usrlib/orders.jar",
                        null);
        FlinkDeploymentSpec spec =
                FlinkDeploymentSpec.named("orders")
                        .edit()
                        .flinkVersion(FlinkVersion.V2_1)
                        .job(JobSpec.ofJar("local:///opt/flink/usrlib/old.jar").withParallelism(4))
                        .build();

        FlinkDeploymentSpec applied = built.applyTo(spec);

        assertThat(applied.image()).isEqualTo("registry.example.com/orders:1.4.2");
        assertThat(applied.job().jarURI()).isEqualTo("local:///opt/flink/usrlib/orders.jar");
        assertThat(applied.job().parallelism()).isEqualTo(4);
        assertThat(built.pinnedReference()).isEqualTo("registry.example.com/orders@sha256:abc");
    }

    @Test
    void reportsEveryBadInputWithItsFieldBeforeWritingAnything() {
        Path out = tmp.resolve("never.tar");

        assertThatThrownBy(
                        () ->
                                JobImage.builder()
                                        .fromTar(tmp.resolve("missing-base.tar"))
                                        .jobJar(tmp.resolve("missing.jar"))
                                        .extraJar(ordersJar)
                                        .extraJar(ordersJar)
                                        .plugin("s3 fs", s3Plugin)
                                        .build()
                                        .toTar(out, "orders:1"))
                .isInstanceOfSatisfying(
                        ImageBuildException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(Violation::path)
                                        .containsExactlyInAnyOrder(
                                                "fromTar",
                                                "plugins[s3 fs]",
                                                "jobJar",
                                                "extraJars[1]"))
                .hasMessageContaining("missing.jar")
                .hasMessageContaining("missing-base.tar");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnreadableBaseTarFailsNamingItAndLeavesNothingBehind() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("not-an-image.tar"), "not a tar at all");
        Path outDir = Files.createDirectories(tmp.resolve("out"));

        assertThatThrownBy(
                        () ->
                                image().fromTar(garbage)
                                        .build()
                                        .toTar(outDir.resolve("orders.tar"), "orders:1"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("not-an-image.tar")
                .hasMessageContaining("nothing was written");
        try (var files = Files.list(outDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesAnImageNameThatIsNotAReference() {
        assertThatThrownBy(() -> image().build().toTar(tmp.resolve("x.tar"), "Not A Name!"))
                .isInstanceOfSatisfying(
                        ImageBuildException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(Violation::path)
                                        .containsExactly("imageName"));
    }
}
