package io.flinkk8s.sdk.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a compact JSON copy beside every {@code *.yml} CRD in a folder: {@code x.yml} → {@code
 * x.json}, the same document. Run by the core's build right after fabric8's CRD generator, so the
 * jar carries both forms; readers that parse the CRDs on a hot path (the testkit, at every cluster
 * start) read the JSON, which Jackson parses several times faster than ~600 KB of YAML. Not used at
 * run time. Internal: not API, may change in any release.
 */
public final class CrdJsonCopies {

    private CrdJsonCopies() {}

    /**
     * Writes the copies.
     *
     * @param args one argument: the folder of the generated CRDs
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException(
                    "usage: CrdJsonCopies <folder of *.yml CRDs>, got " + List.of(args));
        }
        Path folder = Path.of(args[0]);
        List<Path> written = writeCopies(folder);
        if (written.isEmpty()) {
            throw new IllegalStateException(
                    "no *.yml CRD in " + folder + ": did fabric8's CRD generator run first?");
        }
    }

    /** Writes {@code x.json} beside each {@code x.yml} in {@code folder}; returns what it wrote. */
    public static List<Path> writeCopies(Path folder) throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        ObjectMapper json = new ObjectMapper();
        List<Path> yamlFiles;
        try (Stream<Path> files = Files.list(folder)) {
            yamlFiles = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : yamlFiles) {
            JsonNode tree = yaml.readTree(file.toFile());
            String name = file.getFileName().toString();
            Path copy = file.resolveSibling(name.substring(0, name.length() - 4) + ".json");
            Files.write(copy, json.writeValueAsBytes(tree));
        }
        return yamlFiles.stream()
                .map(f -> f.resolveSibling(f.getFileName().toString().replace(".yml", ".json")))
                .toList();
    }
}
