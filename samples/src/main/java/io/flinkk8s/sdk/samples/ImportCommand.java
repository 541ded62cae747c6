package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.error.ImportException;
import io.flinkk8s.sdk.core.operator.importing.ImportNote;
import io.flinkk8s.sdk.core.operator.importing.ImportResult;
import io.flinkk8s.sdk.core.operator.importing.OperatorImport;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.SessionJobValidator;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import io.flinkk8s.sdk.core.validation.ValidationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import --file F [--strict] [--out DIR]}: reads the Flink Kubernetes Operator's {@code
 * FlinkDeployment}s and {@code FlinkSessionJob}s in F (YAML or JSON, one or many documents) into
 * SDK specs, prints every note (what the specs do not carry, with its path), validates the specs,
 * and writes each deployment as {@code DIR/<name>.yaml} (the form {@code render --spec} reads) and
 * each session job as {@code DIR/<name>.session-job.yaml} (a {@code FlinkSessionJobSpec}), or
 * prints them when there is no {@code --out}. Malformed input, a strict import's refusal or an
 * invalid spec prints the error with the file, document and path, writes nothing, and exits 1; a
 * usage or I/O error exits 2.
 */
final class ImportCommand {

    static final String USAGE_TEXT = "usage: import --file FILE [--strict] [--out DIR]";

    private final PrintStream out;
    private final PrintStream err;

    ImportCommand(PrintStream out, PrintStream err) {
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
            return RenderCommand.USAGE;
        }
        ImportResult result;
        try {
            OperatorImport importer =
                    options.strict() ? OperatorImport.strict() : OperatorImport.lenient();
            result = importer.read(options.file());
        } catch (ImportException e) {
            err.println(e.getMessage());
            err.println("nothing was written.");
            return RenderCommand.INVALID_SPEC;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause());
            return RenderCommand.USAGE;
        }
        for (ImportNote note : result.notes()) {
            String label =
                    note.kind() == ImportNote.Kind.NOT_REPRESENTED ? "not imported" : "skipped";
            out.println(label + ": " + note);
        }
        if (!allValid(result, options.file())) {
            err.println("nothing was written.");
            return RenderCommand.INVALID_SPEC;
        }
        return options.out() == null ? print(result) : write(result, options.out());
    }

    private boolean allValid(ImportResult imported, Path file) {
        boolean valid = true;
        for (FlinkDeploymentSpec spec : imported.specs()) {
            valid &= report(SpecValidator.validate(spec), file + ", FlinkDeployment ");
        }
        for (FlinkSessionJobSpec job : imported.sessionJobs()) {
            valid &= report(SessionJobValidator.validate(job), file + ", FlinkSessionJob ");
        }
        return valid;
    }

    private boolean report(ValidationResult result, String what) {
        if (!result.isValid()) {
            err.println(what + result.specName() + ":");
            result.violations().forEach(v -> err.println("  " + v));
        }
        return result.isValid();
    }

    private int print(ImportResult imported) {
        for (FlinkDeploymentSpec spec : imported.specs()) {
            out.println("---");
            out.print(SpecSerialization.toYaml(spec));
        }
        for (FlinkSessionJobSpec job : imported.sessionJobs()) {
            out.println("--- # FlinkSessionJobSpec");
            out.print(SpecSerialization.toYaml(job));
        }
        return RenderCommand.OK;
    }

    private int write(ImportResult imported, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (FlinkDeploymentSpec spec : imported.specs()) {
                Path file = dir.resolve(spec.name() + ".yaml");
                Files.writeString(file, SpecSerialization.toYaml(spec));
                written.add(file);
            }
            for (FlinkSessionJobSpec job : imported.sessionJobs()) {
                Path file = dir.resolve(job.name() + ".session-job.yaml");
                Files.writeString(file, SpecSerialization.toYaml(job));
                written.add(file);
            }
        } catch (IOException e) {
            err.println("cannot write into " + dir + ": " + e);
            return RenderCommand.USAGE;
        }
        out.println("Imported " + written.size() + " spec(s) into " + dir + ":");
        written.forEach(f -> out.println("  " + f.getFileName()));
        return RenderCommand.OK;
    }

    /** The parsed command line. */
    record Options(Path file, boolean strict, Path out) {

        static Options parse(List<String> args) {
            Path file = null;
            Path out = null;
            boolean strict = false;
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (flag.equals("--strict")) {
                    strict = true;
                    continue;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--file" -> file = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("--file is required");
            }
            return new Options(file, strict, out);
        }
    }
}
