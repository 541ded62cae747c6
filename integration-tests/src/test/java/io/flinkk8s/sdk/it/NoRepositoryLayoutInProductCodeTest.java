package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check of DESIGN.md's "the jars carry what they need": nothing under any module's {@code
 * src/main} (code, resources, comments alike) looks up this repository's layout: no {@code
 * shared/reference} or {@code ../shared} path, no {@code "shared"} path segment, no walk up the
 * parent directories from the working directory. A consumer's project has none of them. Tests may
 * keep reading {@code ../shared/reference}; only {@code src/main} is scanned. The modules are read
 * from the root pom, so a new module is checked too.
 */
class NoRepositoryLayoutInProductCodeTest {

    /** What a layout lookup looks like, and how the failure names it. */
    private record Rule(Pattern pattern, String what) {}

    private static final List<Rule> LINE_RULES =
            List.of(
                    new Rule(
                            Pattern.compile("shared[/\\\\]reference|\\.\\./shared"),
                            "a path into the repository's shared/ folder"),
                    new Rule(Pattern.compile("\"shared\""), "a \"shared\" path segment"));

    /** The working directory as a starting point: with a parent walk, a search up the tree. */
    private static final Pattern WORKING_DIRECTORY =
            Pattern.compile(
                    "(Path\\.of|Paths\\.get)\\(\\s*\"\"\\s*\\)|getProperty\\(\\s*\"user\\.dir\"");

    private static final Pattern PARENT_WALK = Pattern.compile("\\.getParent\\(\\)");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void noModuleLooksUpTheRepositoryLayoutInItsMainSources() throws IOException {
        Path root = projectRoot();
        List<String> modules = modules(root);
        List<String> found = new ArrayList<>();
        int scanned = 0;

        for (String module : modules) {
            Path main = root.resolve(module).resolve("src/main");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    scanned++;
                    String text = read(file);
                    if (text != null) {
                        found.addAll(lookups(root.relativize(file).toString(), text));
                    }
                }
            }
        }

        assertThat(modules).contains("flink-k8s-sdk-core", "flink-k8s-sdk-testkit", "samples");
        assertThat(scanned).isGreaterThan(100);
        assertThat(found)
                .as(
                        "repository-layout lookups in src/main (a consumer's project has no"
                                + " shared/ folder: generate the data at build time and load it"
                                + " from the classpath, or move the lookup to test code)")
                .isEmpty();
    }

    @Test
    void theCheckRecognisesAWalkUpToTheSharedFolder() {
        String walkUp =
                """
                for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
                    Path crds = p.resolve(Paths.get("shared", "reference", "crds"));
                }
                """;

        assertThat(lookups("Example.java", walkUp))
                .containsExactly(
                        "Example.java:2: a \"shared\" path segment",
                        "Example.java:1: a walk up the parent directories from the working"
                                + " directory");
        assertThat(lookups("Other.java", "String p = \"../shared/reference/x\";"))
                .containsExactly("Other.java:1: a path into the repository's shared/ folder");
        assertThat(lookups("Fine.java", "context.getParent(); String shared = \"\";")).isEmpty();
    }

    /** Every lookup in {@code text} of {@code file}, as {@code file:line: what}. */
    private static List<String> lookups(String file, String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int workingDirectoryLine = 0;
        for (int i = 0; i < lines.length; i++) {
            for (Rule rule : LINE_RULES) {
                if (rule.pattern().matcher(lines[i]).find()) {
                    found.add(file + ":" + (i + 1) + ": " + rule.what());
                }
            }
            Matcher start = WORKING_DIRECTORY.matcher(lines[i]);
            if (workingDirectoryLine == 0 && start.find()) {
                workingDirectoryLine = i + 1;
            }
        }
        if (workingDirectoryLine > 0 && PARENT_WALK.matcher(text).find()) {
            found.add(
                    file
                            + ":"
                            + workingDirectoryLine
                            + ": a walk up the parent directories from the working directory");
        }
        return found;
    }

    /** The reactor root: the parent of this module's directory, whose pom lists the modules. */
    private static Path projectRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("the root pom above integration-tests").exists();
        return root;
    }

    private static List<String> modules(Path root) throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }

    /** The file's text, or null for a binary file. */
    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            return null;
        }
    }
}
