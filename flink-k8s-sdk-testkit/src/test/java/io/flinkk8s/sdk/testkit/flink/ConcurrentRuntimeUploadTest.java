package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several simulated JobManagers in one JVM: closing one never breaks a jar upload to another.
 *
 * <p>Flink's upload handler points Netty's JVM-wide temporary-file directory at the endpoint of the
 * most recently opened connection; an upload on an older, kept-alive connection to another endpoint
 * writes its temporary file there.
 */
class ConcurrentRuntimeUploadTest {

    @TempDir Path tempDir;

    @Test
    void aJarUploadSucceedsAfterAnotherRuntimeThatOpenedTheLatestConnectionClosed()
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (SimulatedFlinkRuntime orders = SimulatedFlinkRuntime.start()) {
            // given: a kept-alive connection to orders, then a newer connection to another runtime
            assertThat(get(http, orders.restAddress().resolve("/config")).statusCode())
                    .isEqualTo(200);
            SimulatedFlinkRuntime billing = SimulatedFlinkRuntime.start();
            assertThat(get(http, billing.restAddress().resolve("/config")).statusCode())
                    .isEqualTo(200);
            // when
            billing.close();
            HttpResponse<String> upload =
                    uploadJar(
                            http,
                            orders.restAddress().resolve("/jars/upload"),
                            TestJobs.jar(tempDir, "orders.jar", "com.example.Orders"));
            // then
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            assertThat(upload.body()).contains("\"status\":\"success\"");
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> uploadJar(HttpClient http, URI uri, Path jar)
            throws Exception {
        String boundary = "flink-k8s-sdk-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
