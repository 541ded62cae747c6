package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import io.flinkk8s.sdk.core.validation.ValidationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code render --spec FILE [--target standalone|operator] --out DIR}: loads a spec, validates it,
 * and writes one YAML file per rendered object into DIR: the plain Kubernetes objects for target
 * standalone, one {@code FlinkDeployment} custom resource for target operator ({@code --target}
 * overrides the spec's own). An invalid spec prints every violation with its path, writes nothing,
 * and exits 1; a usage or I/O error exits 2.
 */
final class RenderCommand {

    static final int OK = 0;
    static final int INVALID_SPEC = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT =
            "usage: render --spec FILE [--target standalone|operator] --out DIR";

    private final PrintStream out;
    private final PrintStream err;

    RenderCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    int run(List<String> args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String text;
        try {
            text = Files.readString(options.spec());
        } catch (IOException e) {
            err.println("cannot read the spec " + options.spec() + ": " + e);
            return USAGE;
        }
        FlinkDeploymentSpec spec;
        try {
            spec = SpecSerialization.fromYaml(text);
        } catch (SpecFormatException e) {
            err.println(options.spec() + ": " + e.getMessage());
            return INVALID_SPEC;
        }
        if (options.target() != null) {
            spec = spec.withTarget(options.target());
        }
        ValidationResult result = SpecValidator.validate(spec);
        if (!result.isValid()) {
            err.println(options.spec() + ":");
            for (var violation : result.violations()) {
                err.println("  " + violation);
            }
            err.println(result.violations().size() + " violation(s); nothing was written.");
            return INVALID_SPEC;
        }
        return renderAndWrite(spec, options.out());
    }

    private int renderAndWrite(FlinkDeploymentSpec spec, Path dir) {
        RenderedResources rendered;
        try {
            rendered = Renderer.defaults().render(spec);
        } catch (FlinkK8sException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        List<Path> written;
        try {
            written = YamlExporter.writeTo(rendered, dir);
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause());
            return USAGE;
        }
        out.println(
                "Rendered " + spec.name() + " (" + written.size() + " objects) into " + dir + ":");
        written.forEach(file -> out.println("  " + file.getFileName()));
        for (Advisory advisory : rendered.advisories()) {
            out.println("advisory: " + advisory);
        }
        reportStaleFiles(dir, written);
        return OK;
    }

    /** YAML files in DIR that this render did not write: objects no longer rendered, perhaps. */
    private void reportStaleFiles(Path dir, List<Path> written) {
        Set<Path> current = new HashSet<>(written);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !current.contains(f))
                    .sorted()
                    .forEach(
                            f ->
                                    out.println(
                                            "note: "
                                                    + f.getFileName()
                                                    + " was not written by this render (left as it"
                                                    + " is)"));
        } catch (IOException e) {
            err.println("cannot list " + dir + ": " + e);
        }
    }

    /** The parsed command line. */
    record Options(Path spec, RenderTarget target, Path out) {

        static Options parse(List<String> args) {
            Path spec = null;
            Path out = null;
            RenderTarget target = null;
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--spec" -> spec = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--target" -> target = target(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (spec == null || out == null) {
                throw new IllegalArgumentException("--spec and --out are required");
            }
            return new Options(spec, target, out);
        }

        private static RenderTarget target(String value) {
            try {
                return RenderTarget.fromWireValue(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--target " + e.getMessage(), e);
            }
        }
    }
}
