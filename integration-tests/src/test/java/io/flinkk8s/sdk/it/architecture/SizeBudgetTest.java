package io.flinkk8s.sdk.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size budgets of ARCHITECTURE.md and the style guide on every module's main code: no class
 * over {@value #MAX_LINES} lines, no package over {@value #MAX_TYPES} types. Read from the sources
 * of this checkout (this module sits beside the others).
 */
class SizeBudgetTest {

    static final int MAX_LINES = 600;
    static final int MAX_TYPES = 25;

    private static final List<String> MODULES =
            List.of(
                    "flink-k8s-sdk-core",
                    "flink-k8s-sdk-fluent",
                    "flink-k8s-sdk-testkit",
                    "flink-k8s-sdk-delivery",
                    "samples",
                    "benchmarks");

    @Test
    void noSourceFileOfMainCodeIsLongerThanTheBudget() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : mainSources()) {
            long lines = lines(file);
            if (lines > MAX_LINES) {
                tooLong.put(root().relativize(file).toString(), lines);
            }
        }
        assertThat(tooLong).as("files of main code over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void noPackageOfMainCodeHoldsMoreTypesThanTheBudget() {
        Map<String, Long> perPackage =
                mainSources().stream()
                        .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                        .collect(
                                Collectors.groupingBy(
                                        f -> root().relativize(f.getParent()).toString(),
                                        TreeMap::new,
                                        Collectors.counting()));
        assertThat(perPackage)
                .as("packages of main code with more than %d types", MAX_TYPES)
                .allSatisfy(
                        (pkg, types) -> assertThat(types).as(pkg).isLessThanOrEqualTo(MAX_TYPES));
    }

    private static List<Path> mainSources() {
        List<Path> roots =
                MODULES.stream().map(m -> root().resolve(m).resolve("src/main/java")).toList();
        assertThat(roots)
                .as("the modules' sources beside this module (a checkout of the whole project)")
                .allSatisfy(r -> assertThat(r).isDirectory());
        return roots.stream().flatMap(SizeBudgetTest::javaFiles).sorted().toList();
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
