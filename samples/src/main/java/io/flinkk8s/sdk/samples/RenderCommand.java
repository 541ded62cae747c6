package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.error.ExportException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.export.GitOpsFolder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code render --spec FILE [--target standalone|operator] --out DIR [--prune]}: loads a spec,
 * validates it, and writes DIR as a GitOps folder ({@link GitOpsFolder}): one YAML file per
 * rendered object and a {@code kustomization.yaml}: the plain Kubernetes objects for target
 * standalone, one {@code FlinkDeployment} custom resource for target operator ({@code --target}
 * overrides the spec's own). Unchanged files are not touched; files of objects no longer rendered
 * are listed as stale and kept, or removed with {@code --prune} (except those of kinds that hold
 * state). An invalid spec prints every violation with its path, writes nothing, and exits 1; a
 * usage or I/O error, or a folder the SDK did not write, exits 2.
 */
final class RenderCommand {

    static final int OK = 0;
    static final int INVALID_SPEC = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT =
            "usage: render --spec FILE [--target standalone|operator] --out DIR [--prune]";

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
        return renderAndWrite(spec, options);
    }

    private int renderAndWrite(FlinkDeploymentSpec spec, Options options) {
        RenderedResources rendered;
        try {
            rendered = Renderer.defaults().render(spec);
        } catch (FlinkK8sException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        GitOpsFolder folder = GitOpsFolder.at(options.out());
        if (options.prune()) {
            folder = folder.removingStale();
        }
        GitOpsFolder.Result result;
        try {
            result = folder.write(rendered);
        } catch (ExportException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        out.println(
                "Rendered "
                        + spec.name()
                        + " ("
                        + rendered.all().size()
                        + " objects) into "
                        + options.out()
                        + ": "
                        + result.added().size()
                        + " added, "
                        + result.changed().size()
                        + " changed, "
                        + result.unchanged().size()
                        + " unchanged (kustomization.yaml included)");
        result.added().forEach(file -> out.println("  + " + file.getFileName()));
        result.changed().forEach(file -> out.println("  ~ " + file.getFileName()));
        result.removed().forEach(file -> out.println("  - " + file.getFileName()));
        for (Path file : result.stale()) {
            out.println(
                    "stale: "
                            + file.getFileName()
                            + " is no longer rendered and was kept"
                            + (options.prune()
                                    ? " (it holds state: remove it by hand if you mean it)"
                                    : " (--prune removes it)"));
        }
        for (Advisory advisory : rendered.advisories()) {
            out.println("advisory: " + advisory);
        }
        return OK;
    }

    /** The parsed command line. */
    record Options(Path spec, RenderTarget target, Path out, boolean prune) {

        static Options parse(List<String> args) {
            Path spec = null;
            Path out = null;
            RenderTarget target = null;
            boolean prune = false;
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (flag.equals("--prune")) {
                    prune = true;
                    continue;
                }
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
            return new Options(spec, target, out, prune);
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
