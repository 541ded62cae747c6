package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the SDK finds a session job's jar to upload to a session cluster of target standalone, as
 * the Flink Kubernetes Operator's {@code ArtifactManager} does for a {@code FlinkSessionJob} (it
 * fetches the jar, then uploads it with {@code POST /jars/upload}): a {@code file:} URI is read
 * where the deployer runs; an {@code http://} or {@code https://} URL is downloaded into a
 * temporary file, deleted when the {@link Jar} is closed. {@code local://} (a path inside the
 * JobManager's image) is refused by validation: Flink's REST API runs only uploaded jars.
 */
final class SessionJobJars {

    private final Duration timeout;

    /**
     * @param timeout how long a download may take
     */
    SessionJobJars(Duration timeout) {
        this.timeout = timeout;
    }

    /** A jar ready to upload; closing it deletes a downloaded copy. */
    record Jar(Path path, boolean downloaded) implements AutoCloseable {
        @Override
        public void close() {
            if (downloaded) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /**
     * The jar of {@code jarURI}, of session job {@code what}.
     *
     * @throws FlinkK8sException naming {@code job.jarURI} when the file is not there or the
     *     download fails; nothing was submitted
     */
    Jar fetch(String what, String jarURI) {
        URI uri = URI.create(jarURI);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> local(what, jarURI, Path.of(uri));
            case "http", "https" -> download(what, uri);
            default ->
                    throw new FlinkK8sException(
                            "Session job "
                                    + what
                                    + ": job.jarURI "
                                    + jarURI
                                    + " cannot be read by the SDK, which reads file: and"
                                    + " downloads http(s) jars for a session of target"
                                    + " standalone. Nothing was submitted.");
        };
    }

    private static Jar local(String what, String jarURI, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new FlinkK8sException(
                    "Session job "
                            + what
                            + ": job.jarURI "
                            + jarURI
                            + " names no readable file "
                            + path
                            + " where the deployer runs (a file: jar is read by the SDK and"
                            + " uploaded to the JobManager). Build the jar or correct"
                            + " job.jarURI. Nothing was submitted.");
        }
        return new Jar(path, false);
    }

    private Jar download(String what, URI uri) {
        Path target;
        try {
            target = Files.createTempFile("flink-k8s-session-job-", ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            HttpClient http =
                    HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
            HttpResponse<Path> response =
                    http.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return new Jar(target, true);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            new Jar(target, true).close();
            throw new FlinkK8sException(
                    "Session job "
                            + what
                            + ": job.jarURI "
                            + uri
                            + " could not be downloaded ("
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage())
                            + "). Check that the URL is reachable from where the deployer runs."
                            + " Nothing was submitted.",
                    e);
        }
    }
}
