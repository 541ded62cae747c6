package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.delivery.image.BuiltImage;
import io.flinkk8s.sdk.delivery.image.ImageBuildException;
import io.flinkk8s.sdk.delivery.image.JobImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code image}: builds a job's container image with Jib Core (no Docker daemon) into a tar that
 * {@code docker load}, {@code podman load} and {@code skopeo} read: the job jar (and extra jars) in
 * {@code /opt/flink/usrlib}, plugins in {@code /opt/flink/plugins/<name>}, on a Flink base image
 * from a registry ({@code --from}) or a local tar ({@code --from-tar}). Prints the digest and the
 * {@code job.jarURI}; with {@code --spec} it also writes that spec with {@code image} and {@code
 * job.jarURI} set ({@code --spec-out}, default: beside it as {@code <name>.image.yaml}); with
 * {@code --dockerfile} it writes the equivalent Dockerfile. Bad input lists every problem and
 * writes nothing (exit 1); a usage error or a build that fails exits 2.
 */
final class ImageCommand {

    static final String USAGE_TEXT =
            "usage: image --jar FILE (--from IMAGE | --from-tar FILE) --name NAME --tar OUT"
                    + " [--extra-jar FILE]... [--plugin NAME=FILE]... [--label KEY=VALUE]..."
                    + " [--spec FILE [--spec-out FILE]] [--dockerfile FILE]";

    private final PrintStream out;
    private final PrintStream err;

    ImageCommand(PrintStream out, PrintStream err) {
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
        FlinkDeploymentSpec spec = null;
        if (options.spec() != null) {
            try {
                spec = SpecSerialization.fromYaml(Files.readString(options.spec()));
            } catch (IOException e) {
                err.println("cannot read the spec " + options.spec() + ": " + e);
                return RenderCommand.USAGE;
            } catch (SpecFormatException e) {
                err.println(options.spec() + ": " + e.getMessage());
                return RenderCommand.INVALID_SPEC;
            }
        }
        JobImage image;
        try {
            image = options.image().build();
        } catch (ImageBuildException e) {
            err.println("the image cannot be built:");
            e.violations().forEach(v -> err.println("  " + v.path() + ": " + v.message()));
            err.println("nothing was written.");
            return RenderCommand.INVALID_SPEC;
        }
        BuiltImage built;
        try {
            built = image.toTar(options.tar(), options.name());
        } catch (ImageBuildException e) {
            err.println(e.getMessage());
            return e.violations().isEmpty() ? RenderCommand.USAGE : RenderCommand.INVALID_SPEC;
        }
        out.println("Built " + built.reference() + " into " + options.tar());
        out.println("  digest:      " + built.digest());
        out.println("  job.jarURI:  " + built.jarURI());
        out.println("  load it:     docker load -i " + options.tar());
        try {
            if (options.dockerfile() != null) {
                Path parent = options.dockerfile().toAbsolutePath().getParent();
                Files.writeString(options.dockerfile(), image.dockerfile(parent));
                out.println("  Dockerfile:  " + options.dockerfile());
            }
            if (spec != null) {
                Path specOut =
                        options.specOut() != null
                                ? options.specOut()
                                : options.spec().resolveSibling(spec.name() + ".image.yaml");
                Files.writeString(specOut, SpecSerialization.toYaml(built.applyTo(spec)));
                out.println("  spec:        " + specOut + " (image and job.jarURI set)");
            }
        } catch (IOException e) {
            err.println("cannot write: " + e);
            return RenderCommand.USAGE;
        }
        return RenderCommand.OK;
    }

    /** The parsed command line. */
    record Options(
            JobImage.Builder image,
            String name,
            Path tar,
            Path spec,
            Path specOut,
            Path dockerfile) {

        static Options parse(List<String> args) {
            JobImage.Builder image = JobImage.builder();
            String name = null;
            Path tar = null;
            Path spec = null;
            Path specOut = null;
            Path dockerfile = null;
            boolean base = false;
            boolean jar = false;
            for (Map.Entry<String, String> pair : Flags.pairs(args)) {
                String flag = pair.getKey();
                String value = pair.getValue();
                switch (flag) {
                    case "--jar" -> {
                        image.jobJar(Path.of(value));
                        jar = true;
                    }
                    case "--from" -> {
                        image.from(value);
                        base = true;
                    }
                    case "--from-tar" -> {
                        image.fromTar(Path.of(value));
                        base = true;
                    }
                    case "--name" -> name = value;
                    case "--tar" -> tar = Path.of(value);
                    case "--extra-jar" -> image.extraJar(Path.of(value));
                    case "--plugin" -> {
                        String[] kv = pair(flag, value);
                        image.plugin(kv[0], Path.of(kv[1]));
                    }
                    case "--label" -> {
                        String[] kv = pair(flag, value);
                        image.label(kv[0], kv[1]);
                    }
                    case "--spec" -> spec = Path.of(value);
                    case "--spec-out" -> specOut = Path.of(value);
                    case "--dockerfile" -> dockerfile = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            List<String> missing = new ArrayList<>();
            Map<String, Boolean> required = new LinkedHashMap<>();
            required.put("--jar", jar);
            required.put("--from or --from-tar", base);
            required.put("--name", name != null);
            required.put("--tar", tar != null);
            required.forEach(
                    (flag, given) -> {
                        if (!given) {
                            missing.add(flag);
                        }
                    });
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("missing " + String.join(", ", missing));
            }
            return new Options(image, name, tar, spec, specOut, dockerfile);
        }

        private static String[] pair(String flag, String value) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(flag + " takes NAME=VALUE, got " + value);
            }
            return new String[] {value.substring(0, eq), value.substring(eq + 1)};
        }
    }
}
