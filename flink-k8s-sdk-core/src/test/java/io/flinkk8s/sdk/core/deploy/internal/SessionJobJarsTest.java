package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJobJarsTest {

    private static final byte[] JAR = "not really a jar".getBytes(StandardCharsets.UTF_8);

    private final SessionJobJars jars = new SessionJobJars(Duration.ofSeconds(10));
    @TempDir Path dir;
    private HttpServer server;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/clicks.jar",
                exchange -> {
                    exchange.sendResponseHeaders(200, JAR.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(JAR);
                    }
                });
        server.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aFileJarIsReadWhereItIsAndKeptAfterTheUpload() throws IOException {
        Path jar = Files.write(dir.resolve("clicks.jar"), JAR);

        try (SessionJobJars.Jar fetched = jars.fetch("streaming/clicks", jar.toUri().toString())) {
            assertThat(fetched.path()).isEqualTo(jar);
        }
        assertThat(jar).exists();
    }

    @Test
    void anHttpJarIsDownloadedIntoATemporaryFileDeletedOnClose() throws IOException {
        Path downloaded;
        try (SessionJobJars.Jar fetched = jars.fetch("streaming/clicks", url("/clicks.jar"))) {
            downloaded = fetched.path();
            assertThat(Files.readAllBytes(downloaded)).isEqualTo(JAR);
        }
        assertThat(downloaded).doesNotExist();
    }

    @Test
    void aMissingFileIsRefusedNamingTheFieldAndThePath() {
        String missing = dir.resolve("nowhere.jar").toUri().toString();

        assertThatThrownBy(() -> jars.fetch("streaming/clicks", missing))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("Session job streaming/clicks: job.jarURI " + missing)
                .hasMessageContaining("names no readable file")
                .hasMessageContaining("Nothing was submitted");
    }

    @Test
    void aDownloadThatFailsIsRefusedWithTheHttpStatus() {
        assertThatThrownBy(() -> jars.fetch("streaming/clicks", url("/gone.jar")))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("could not be downloaded (HTTP 404)")
                .hasMessageContaining("Nothing was submitted");
    }

    @Test
    void aSchemeTheSdkDoesNotReadIsRefused() {
        assertThatThrownBy(() -> jars.fetch("streaming/clicks", "s3://bucket/clicks.jar"))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("cannot be read by the SDK");
    }
}
