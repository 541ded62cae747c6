package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code plan --spec FILE [--previous FILE | --kubeconfig FILE [--context NAME]]}: prints what
 * applying the spec would do, to the job first (restart or not, why, and from which savepoint or
 * checkpoint, with its age) and then object by object; writes nothing to the cluster planned
 * against.
 *
 * <ul>
 *   <li>With {@code --previous P} (or neither option): against the testkit's in-memory cluster,
 *       after an apply of P until its job runs; without P, against an empty cluster (a first
 *       deployment).
 *   <li>With {@code --kubeconfig K}: against the cluster K names (its current context, or {@code
 *       --context}); the JobManager's REST API is reached through a port-forward.
 * </ul>
 *
 * Exit codes: 0 the plan was printed; 1 a spec is invalid (every violation printed); 2 usage, I/O
 * or cluster errors; 3 the plan was printed and the apply would refuse the change (the restore
 * policy, a switch that would lose state).
 */
final class PlanCommand {

    static final int REFUSED = 3;

    static final String USAGE_TEXT =
            "usage: plan --spec FILE [--previous FILE | --kubeconfig FILE [--context NAME]]";

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final PrintStream out;
    private final PrintStream err;

    PlanCommand(PrintStream out, PrintStream err) {
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
        Path reading = options.spec();
        try {
            FlinkDeploymentSpec spec = read(reading);
            reading = options.previous();
            FlinkDeploymentSpec previous = reading == null ? null : read(reading);
            ApplyPlan plan =
                    options.kubeconfig() == null
                            ? inMemory(spec, previous)
                            : onCluster(spec, options.kubeconfig(), options.context());
            out.println(plan);
            plan.advisories().forEach(a -> out.println("advisory: " + a));
            return plan.jobImpact() != null && plan.jobImpact().refused()
                    ? REFUSED
                    : RenderCommand.OK;
        } catch (SpecFormatException e) {
            err.println(reading + ": " + e.getMessage());
            return RenderCommand.INVALID_SPEC;
        } catch (InvalidSpecException e) {
            err.println(e.getMessage());
            return RenderCommand.INVALID_SPEC;
        } catch (IOException | FlinkK8sException | IllegalStateException e) {
            err.println(e.getMessage());
            return RenderCommand.USAGE;
        }
    }

    private static FlinkDeploymentSpec read(Path file) throws IOException {
        return SpecSerialization.fromYaml(Files.readString(file));
    }

    /** The plan on an in-memory cluster running {@code previous} (none when null). */
    private ApplyPlan inMemory(FlinkDeploymentSpec spec, FlinkDeploymentSpec previous) {
        String namespace = EffectiveSpec.of(spec).namespace();
        try (InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder().namespace(namespace).start()) {
            FlinkDeployer deployer = cluster.deployer();
            if (previous != null) {
                deployer.apply(previous).waitUntilRunning(WAIT);
                out.println(
                        "Planned against an in-memory cluster running "
                                + previous.name()
                                + " as the previous spec says:");
            } else {
                out.println("Planned against an empty in-memory cluster:");
            }
            return deployer.plan(spec);
        }
    }

    /** The plan against the cluster a kubeconfig names; reads only. */
    private ApplyPlan onCluster(FlinkDeploymentSpec spec, Path kubeconfig, String context)
            throws IOException {
        try (KubeconfigDeployer cluster = KubeconfigDeployer.open(kubeconfig, context)) {
            out.println("Planned against " + cluster.config().getMasterUrl() + ":");
            return cluster.deployer().plan(spec);
        }
    }

    /** The parsed command line. */
    record Options(Path spec, Path previous, Path kubeconfig, String context) {

        static Options parse(List<String> args) {
            Path spec = null;
            Path previous = null;
            Path kubeconfig = null;
            String context = null;
            for (Map.Entry<String, String> pair : Flags.pairs(args)) {
                String flag = pair.getKey();
                String value = pair.getValue();
                switch (flag) {
                    case "--spec" -> spec = Path.of(value);
                    case "--previous" -> previous = Path.of(value);
                    case "--kubeconfig" -> kubeconfig = Path.of(value);
                    case "--context" -> context = value;
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (spec == null) {
                throw new IllegalArgumentException("--spec is required");
            }
            if (previous != null && kubeconfig != null) {
                throw new IllegalArgumentException(
                        "--previous plans against an in-memory cluster, --kubeconfig against a"
                                + " real one: give one of them");
            }
            if (context != null && kubeconfig == null) {
                throw new IllegalArgumentException("--context needs --kubeconfig");
            }
            return new Options(spec, previous, kubeconfig, context);
        }
    }
}
