package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.error.ExportException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.delivery.helm.ChartValue;
import io.flinkk8s.sdk.delivery.helm.HelmChart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code chart --spec FILE --out DIR [--target standalone|operator] [--version X.Y.Z]}: exports a
 * spec as a Helm chart ({@link HelmChart}) into DIR: {@code Chart.yaml}, {@code values.yaml},
 * {@code values.schema.json} and one template per object the SDK renders ({@code --target}
 * overrides the spec's own). Prints the chart's values. An invalid spec prints every violation with
 * its path, writes nothing, and exits 1; a usage or I/O error, or a folder holding files the SDK
 * did not write, exits 2 and writes nothing.
 */
final class ChartCommand {

    static final String USAGE_TEXT =
            "usage: chart --spec FILE --out DIR [--target standalone|operator] [--version X.Y.Z]";

    private final PrintStream out;
    private final PrintStream err;

    ChartCommand(PrintStream out, PrintStream err) {
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
        FlinkDeploymentSpec spec;
        try {
            spec = SpecSerialization.fromYaml(Files.readString(options.spec()));
        } catch (IOException e) {
            err.println("cannot read the spec " + options.spec() + ": " + e);
            return RenderCommand.USAGE;
        } catch (SpecFormatException e) {
            err.println(options.spec() + ": " + e.getMessage());
            return RenderCommand.INVALID_SPEC;
        }
        if (options.target() != null) {
            spec = spec.withTarget(options.target());
        }
        HelmChart chart;
        try {
            chart = HelmChart.of(spec);
            if (options.version() != null) {
                chart = chart.withVersion(options.version());
            }
        } catch (InvalidSpecException e) {
            err.println(options.spec() + ":");
            e.violations().forEach(v -> err.println("  " + v));
            err.println(e.violations().size() + " violation(s); nothing was written.");
            return RenderCommand.INVALID_SPEC;
        }
        try {
            chart.writeTo(options.out());
        } catch (ExportException e) {
            err.println(e.getMessage());
            return RenderCommand.USAGE;
        }
        out.println(
                "Exported "
                        + chart.name()
                        + " as chart "
                        + chart.version()
                        + " (appVersion "
                        + chart.appVersion()
                        + ") into "
                        + options.out()
                        + ", values:");
        for (ChartValue value : chart.values()) {
            out.println("  " + value.path() + " = " + value.defaultValue());
        }
        out.println(
                "  helm install "
                        + chart.name()
                        + " "
                        + options.out()
                        + " --namespace "
                        + spec.namespace()
                        + " [--set KEY=VALUE]");
        return RenderCommand.OK;
    }

    /** The parsed command line. */
    record Options(Path spec, Path out, RenderTarget target, String version) {

        static Options parse(List<String> args) {
            Path spec = null;
            Path out = null;
            RenderTarget target = null;
            String version = null;
            for (Map.Entry<String, String> pair : Flags.pairs(args)) {
                String flag = pair.getKey();
                String value = pair.getValue();
                switch (flag) {
                    case "--spec" -> spec = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--target" -> target = target(value);
                    case "--version" -> version = value;
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (spec == null || out == null) {
                throw new IllegalArgumentException("--spec and --out are required");
            }
            return new Options(spec, out, target, version);
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
