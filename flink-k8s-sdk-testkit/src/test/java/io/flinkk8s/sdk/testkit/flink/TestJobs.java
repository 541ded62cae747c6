package io.flinkk8s.sdk.testkit.flink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobGraphBuilder;
import org.apache.flink.runtime.jobgraph.JobVertex;

/** Jobs and jars for the simulated runtime, built without compiling a Flink program. */
final class TestJobs {

    private TestJobs() {}

    /** A streaming job graph with a source and a sink vertex of the given parallelism. */
    static JobGraph jobGraph(String name, int parallelism) {
        JobVertex source = new JobVertex("Source: orders");
        source.setParallelism(parallelism);
        JobVertex sink = new JobVertex("Sink: discard");
        sink.setParallelism(parallelism);
        return JobGraphBuilder.newStreamingJobGraphBuilder()
                .setJobName(name)
                .addJobVertex(source)
                .addJobVertex(sink)
                .build();
    }

    /** An (empty) jar whose manifest names {@code mainClass}, as a build tool writes it. */
    static Path jar(Path directory, String fileName, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = directory.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
