package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/**
 * What the stand-in keeps for session jobs between rounds: the jar it uploads in place of the one
 * the operator would download ({@code ArtifactManager}; the stand-in fetches nothing, so it uploads
 * an empty jar, and a session job names its {@code entryClass}), in a directory of its own deleted
 * on close; and the job each session job runs, so that a deleted {@code FlinkSessionJob}'s job is
 * cancelled as the operator's cleanup does (its finalizer, which the stand-in does not write).
 */
final class SessionJobArtifacts implements AutoCloseable {

    /** The job a session job runs: on which session cluster, with which id. */
    record Submitted(String namespace, String session, JobID job) {}

    private final Map<String, Submitted> submitted = new HashMap<>();
    private Path directory;

    /** The session jobs' jobs by the {@code FlinkSessionJob}'s uid. */
    Map<String, Submitted> submitted() {
        return submitted;
    }

    /** The jar uploaded for {@code name}'s session job: an empty jar named after it. */
    Path jar(String name) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("flink-k8s-operator-stand-in-");
            }
            Path jar = directory.resolve(name + ".jar");
            if (!Files.exists(jar)) {
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
                try (OutputStream out = Files.newOutputStream(jar);
                        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                    // an empty jar: the testkit's Flink never loads it
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stand-in's session-job jar", e);
        }
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
        directory = null;
    }
}
