package io.flinkk8s.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of CRDs to register in a cluster at start. Parsing the Flink Kubernetes Operator CRDs takes
 * a while (they are about 1.2 MB of YAML), so load them once and hand the same instance to every
 * cluster; the JUnit extension does this per test run. Immutable.
 *
 * <pre>{@code
 * CustomResourceDefinitions crds = CustomResourceDefinitions.flinkOperator();   // once
 * try (InMemoryFlinkK8sCluster cluster = InMemoryFlinkK8sCluster.builder()
 *         .customResourceDefinitions(crds).start()) { ... }
 * }</pre>
 */
public final class CustomResourceDefinitions {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CustomResourceDefinitions.class);
    private static final Path OPERATOR_CRDS =
            Paths.get("shared", "reference", "flink-operator-crds");

    /** One CRD with its JSON form, which is what the cluster stores. */
    record Loaded(CustomResourceDefinition crd, String json) {}

    private final List<Loaded> loaded;

    private CustomResourceDefinitions(List<Loaded> loaded) {
        this.loaded = List.copyOf(loaded);
    }

    /** No CRDs. */
    public static CustomResourceDefinitions none() {
        return new CustomResourceDefinitions(List.of());
    }

    /** The given CRDs. */
    public static CustomResourceDefinitions of(List<CustomResourceDefinition> crds) {
        return new CustomResourceDefinitions(
                crds.stream().map(c -> new Loaded(c, Serialization.asJson(c))).toList());
    }

    /**
     * The Flink Kubernetes Operator CRDs ({@code FlinkDeployment}, {@code FlinkSessionJob}, ...),
     * read in place from {@code shared/reference/flink-operator-crds}, found by walking up from the
     * working directory. When that folder is absent this logs a warning and returns no CRDs.
     */
    public static CustomResourceDefinitions flinkOperator() {
        Optional<Path> dir = findOperatorCrdDirectory();
        if (dir.isEmpty()) {
            LOG.warn(
                    "Flink operator CRDs not registered: no {} above {}",
                    OPERATOR_CRDS,
                    Paths.get("").toAbsolutePath());
            return none();
        }
        return load(dir.get());
    }

    /**
     * The {@code shared/reference/flink-operator-crds} folder above the working directory, if any.
     */
    public static Optional<Path> findOperatorCrdDirectory() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(OPERATOR_CRDS);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Every {@code *.yml} / {@code *.yaml} CRD file directly in {@code directory}. */
    public static CustomResourceDefinitions load(Path directory) {
        List<Loaded> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(
                                    f ->
                                            f.toString().endsWith(".yml")
                                                    || f.toString().endsWith(".yaml"))
                            .sorted()
                            .toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    result.add(parse(YAML.readTree(in)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRDs from " + directory, e);
        }
        return new CustomResourceDefinitions(result);
    }

    /**
     * Keeps the full JSON for storage but builds the typed CRD without its schemas: Jackson trees
     * are several times faster than fabric8's YAML path for these large files.
     */
    private static Loaded parse(JsonNode tree) throws IOException {
        String json = JSON.writeValueAsString(tree);
        ObjectNode trimmed = tree.deepCopy();
        for (JsonNode version : trimmed.path("spec").path("versions")) {
            ((ObjectNode) version).remove("schema");
        }
        return new Loaded(JSON.treeToValue(trimmed, CustomResourceDefinition.class), json);
    }

    /** The CRDs, in file-name order. */
    public List<CustomResourceDefinition> definitions() {
        return loaded.stream().map(Loaded::crd).toList();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return loaded.isEmpty();
    }

    List<Loaded> loaded() {
        return loaded;
    }
}
