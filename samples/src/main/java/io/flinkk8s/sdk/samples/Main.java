package io.flinkk8s.sdk.samples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code samples/target/flink-k8s-sdk-samples.jar}.
 *
 * <pre>
 * java -jar samples/target/flink-k8s-sdk-samples.jar                 # the headline sample
 * java -jar samples/target/flink-k8s-sdk-samples.jar render --spec samples/specs/minimal-application.yaml --out out/minimal
 * </pre>
 */
public final class Main {

    private Main() {}

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("headline")) {
            return HeadlineSample.run(out);
        }
        if (args.get(0).equals("render")) {
            return new RenderCommand(out, err).run(args.subList(1, args.size()));
        }
        if (args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.println("usage: [headline]");
            out.println("       " + RenderCommand.USAGE_TEXT);
            return 0;
        }
        err.println("unknown command " + args.get(0));
        err.println("usage: [headline] | " + RenderCommand.USAGE_TEXT);
        return RenderCommand.USAGE;
    }
}
