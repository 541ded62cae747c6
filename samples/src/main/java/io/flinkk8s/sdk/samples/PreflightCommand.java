package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.deploy.PreflightReport;
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
import java.util.List;
import java.util.Map;

/**
 * {@code preflight --spec FILE [--kubeconfig FILE [--context NAME]]}: prints what would make an
 * apply of the spec fail (the deployer's {@code preflight}), one finding per line with the object
 * and what to do; writes nothing.
 *
 * <ul>
 *   <li>With {@code --kubeconfig K}: against the cluster K names (its current context, or {@code
 *       --context}), with the caller's own permissions.
 *   <li>Without: against the testkit's in-memory cluster with the spec's namespace, the operator's
 *       CRDs and every permission: what a spec needs beyond an empty cluster (its Secrets, its
 *       Ingress class).
 * </ul>
 *
 * Exit codes: 0 nothing would fail (warnings may be printed); 1 the spec is invalid (every
 * violation printed); 2 usage, I/O or cluster errors; 3 the report has errors.
 */
final class PreflightCommand {

    static final int FINDINGS = 3;

    static final String USAGE_TEXT =
            "usage: preflight --spec FILE [--kubeconfig FILE [--context NAME]]";

    private final PrintStream out;
    private final PrintStream err;

    PreflightCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    int run(List<String> args) {
        Path spec = null;
        Path kubeconfig = null;
        String context = null;
        try {
            for (Map.Entry<String, String> pair : Flags.pairs(args)) {
                String flag = pair.getKey();
                String value = pair.getValue();
                switch (flag) {
                    case "--spec" -> spec = Path.of(value);
                    case "--kubeconfig" -> kubeconfig = Path.of(value);
                    case "--context" -> context = value;
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (spec == null) {
                throw new IllegalArgumentException("--spec is required");
            }
            if (context != null && kubeconfig == null) {
                throw new IllegalArgumentException("--context needs --kubeconfig");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return RenderCommand.USAGE;
        }
        try {
            FlinkDeploymentSpec s = SpecSerialization.fromYaml(Files.readString(spec));
            PreflightReport report =
                    kubeconfig == null ? inMemory(s) : onCluster(s, kubeconfig, context);
            out.println(report);
            return report.passed() ? RenderCommand.OK : FINDINGS;
        } catch (SpecFormatException e) {
            err.println(spec + ": " + e.getMessage());
            return RenderCommand.INVALID_SPEC;
        } catch (InvalidSpecException e) {
            err.println(e.getMessage());
            return RenderCommand.INVALID_SPEC;
        } catch (IOException | FlinkK8sException | IllegalStateException e) {
            err.println(e.getMessage());
            return RenderCommand.USAGE;
        }
    }

    private PreflightReport inMemory(FlinkDeploymentSpec spec) {
        String namespace = EffectiveSpec.of(spec).namespace();
        try (InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder().namespace(namespace).start()) {
            out.println("Checked against an in-memory cluster with namespace " + namespace + ":");
            return cluster.deployer().preflight(spec);
        }
    }

    private PreflightReport onCluster(FlinkDeploymentSpec spec, Path kubeconfig, String context)
            throws IOException {
        try (KubeconfigDeployer cluster = KubeconfigDeployer.open(kubeconfig, context)) {
            out.println("Checked against " + cluster.config().getMasterUrl() + ":");
            return cluster.deployer().preflight(spec);
        }
    }
}
