package io.flinkk8s.sdk.samples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code samples/target/flink-k8s-sdk-samples.jar}.
 *
 * <pre>
 * java -jar samples/target/flink-k8s-sdk-samples.jar                 # the headline sample
 * java -jar samples/target/flink-k8s-sdk-samples.jar render --spec samples/specs/minimal-application.yaml --out out/minimal
 * java -jar samples/target/flink-k8s-sdk-samples.jar import --file flinkdeployment.yaml --out specs/
 * java -jar samples/target/flink-k8s-sdk-samples.jar fleet --spec samples/specs/minimal-application.yaml --cluster eu --cluster us:replicas=4
 * java -jar samples/target/flink-k8s-sdk-samples.jar chart --spec samples/specs/stateful-ha-application.yaml --out out/orders-chart
 * java -jar samples/target/flink-k8s-sdk-samples.jar image --jar target/orders.jar --from flink:2.1-java17 --name registry.example.com/orders:1.4.2 --tar target/orders-image.tar
 * java -jar samples/target/flink-k8s-sdk-samples.jar plan --spec v2.yaml --previous v1.yaml
 * java -jar samples/target/flink-k8s-sdk-samples.jar preflight --spec samples/specs/minimal-application.yaml
 * </pre>
 */
public final class Main {

    private Main() {}

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        // An application, unlike the library, may configure logging: keep the in-memory cluster's
        // mock web server (java.util.logging) and Flink's INFO lines out of the sample's output.
        Logger.getLogger("").setLevel(Level.WARNING);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("headline")) {
            return HeadlineSample.run(out);
        }
        if (args.get(0).equals("render")) {
            return new RenderCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("plan")) {
            return new PlanCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("preflight")) {
            return new PreflightCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("import")) {
            return new ImportCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("fleet")) {
            return new FleetCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("image")) {
            return new ImageCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("chart")) {
            return new ChartCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.println("usage: [headline]");
            out.println("       " + RenderCommand.USAGE_TEXT);
            out.println("       " + ImportCommand.USAGE_TEXT);
            out.println("       " + ImageCommand.USAGE_TEXT);
            out.println("       " + PlanCommand.USAGE_TEXT);
            out.println("       " + PreflightCommand.USAGE_TEXT);
            out.println("       " + FleetCommand.USAGE_TEXT);
            out.println("       " + ChartCommand.USAGE_TEXT);
            return 0;
        }
        err.println("unknown command " + args.get(0));
        err.println(
                "usage: [headline] | "
                        + RenderCommand.USAGE_TEXT
                        + " | "
                        + ImportCommand.USAGE_TEXT
                        + " | "
                        + ImageCommand.USAGE_TEXT
                        + " | "
                        + PlanCommand.USAGE_TEXT
                        + " | "
                        + PreflightCommand.USAGE_TEXT
                        + " | "
                        + FleetCommand.USAGE_TEXT
                        + " | "
                        + ChartCommand.USAGE_TEXT);
        return RenderCommand.USAGE;
    }
}
