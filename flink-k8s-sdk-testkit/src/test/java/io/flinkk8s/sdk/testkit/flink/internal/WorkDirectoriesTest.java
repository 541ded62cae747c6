package io.flinkk8s.sdk.testkit.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoriesTest {

    @TempDir Path tempDir;

    @Test
    void deletesEverythingButTheUploadDirectoryAndNettysInFlightTemporaryFiles() throws Exception {
        // given
        Path workDir = Files.createDirectories(tempDir.resolve("flink-simulated-1"));
        Path jar =
                Files.writeString(
                        Files.createDirectories(workDir.resolve("jars")).resolve("a.jar"), "x");
        Path upload = Files.createDirectories(workDir.resolve("web/flink-web-upload"));
        Path inFlight = Files.writeString(upload.resolve("FUp_123.tmp"), "partial");
        Path attribute = Files.writeString(upload.resolve("Attr_456.att"), "partial");
        Path uploadedJar = Files.writeString(upload.resolve("b.jar"), "x");
        Path requestDir = Files.createDirectories(upload.resolve("0b9c-request"));
        Path tmp =
                Files.writeString(
                        Files.createDirectories(workDir.resolve("tmp")).resolve("t"), "x");
        // when
        WorkDirectories.deleteKeepingUploadDirectories(workDir);
        // then
        assertThat(jar.getParent()).doesNotExist();
        assertThat(tmp.getParent()).doesNotExist();
        assertThat(uploadedJar).doesNotExist();
        assertThat(requestDir).doesNotExist();
        assertThat(upload).isDirectory();
        assertThat(inFlight).exists();
        assertThat(attribute).exists();
    }

    @Test
    void deletesAWorkDirectoryWithoutAnUploadDirectoryCompletely() throws Exception {
        // given
        Path workDir = Files.createDirectories(tempDir.resolve("flink-simulated-2"));
        Files.writeString(Files.createDirectories(workDir.resolve("jars")).resolve("a.jar"), "x");
        // when
        WorkDirectories.deleteKeepingUploadDirectories(workDir);
        // then
        assertThat(workDir).doesNotExist();
    }
}
