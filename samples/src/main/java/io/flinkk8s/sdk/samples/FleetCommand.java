package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.fleet.ClusterOutcome;
import io.flinkk8s.sdk.core.deploy.fleet.ClusterOverrides;
import io.flinkk8s.sdk.core.deploy.fleet.Fleet;
import io.flinkk8s.sdk.core.deploy.fleet.FleetResult;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fleet}: applies one spec on several clusters, each with its overrides, in parallel, and
 * prints every cluster's outcome and status. {@code --cluster NAME[:key=value,...]} names a
 * cluster; keys are {@code registry}, {@code namespace}, {@code replicas}, {@code checkpoints},
 * {@code savepoints}, {@code ha}. With {@code --kubeconfig K} each NAME is a context of K; without
 * it each NAME is an in-memory cluster started for the run (a demonstration). An invalid spec for
 * any cluster lists every violation and touches no cluster (exit 1); a cluster that fails is
 * reported and the others are still applied (exit 3); a usage or I/O error exits 2.
 */
final class FleetCommand {

    static final String USAGE_TEXT =
            "usage: fleet --spec FILE --cluster NAME[:registry=R,namespace=N,replicas=K,"
                    + "checkpoints=D,savepoints=D,ha=D]... [--kubeconfig FILE]";

    static final int SOME_FAILED = 3;

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final PrintStream out;
    private final PrintStream err;

    FleetCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    int run(List<String> args) {
        Options options;
        FlinkDeploymentSpec spec;
        try {
            options = Options.parse(args);
            spec = SpecSerialization.fromYaml(Files.readString(options.spec()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return RenderCommand.USAGE;
        } catch (IOException e) {
            err.println("cannot read the spec: " + e);
            return RenderCommand.USAGE;
        } catch (SpecFormatException e) {
            err.println(e.getMessage());
            return RenderCommand.INVALID_SPEC;
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Fleet.Builder fleet = Fleet.builder();
            for (Map.Entry<String, ClusterOverrides> c : options.clusters().entrySet()) {
                fleet.cluster(
                        c.getKey(),
                        deployer(c.getKey(), options.kubeconfig(), spec, c.getValue(), resources),
                        c.getValue());
            }
            return applyAndReport(fleet.build(), spec, options.kubeconfig() == null);
        } catch (InvalidSpecException e) {
            err.println(e.getMessage());
            err.println("no cluster was touched.");
            return RenderCommand.INVALID_SPEC;
        } catch (IOException e) {
            err.println("cannot read the kubeconfig: " + e);
            return RenderCommand.USAGE;
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    err.println("closing: " + e);
                }
            }
        }
    }

    private int applyAndReport(Fleet fleet, FlinkDeploymentSpec spec, boolean inMemory) {
        FleetResult result = fleet.apply(spec);
        out.println("Applied " + spec.name() + ": " + result);
        if (inMemory) {
            for (ClusterOutcome c : result.clusters()) {
                c.deployment().ifPresent(h -> h.waitUntilRunning(WAIT));
            }
        }
        out.println("Status:");
        fleet.status(spec).clusters().forEach(e -> out.println("  " + e));
        return result.allSucceeded() ? RenderCommand.OK : SOME_FAILED;
    }

    private static FlinkDeployer deployer(
            String name,
            Path kubeconfig,
            FlinkDeploymentSpec spec,
            ClusterOverrides overrides,
            List<AutoCloseable> resources)
            throws IOException {
        if (kubeconfig == null) {
            String namespace =
                    overrides.namespace() != null
                            ? overrides.namespace()
                            : spec.namespace() != null ? spec.namespace() : "default";
            InMemoryFlinkK8sCluster cluster =
                    InMemoryFlinkK8sCluster.builder().namespace(namespace).start();
            resources.add(cluster);
            return cluster.deployer();
        }
        KubeconfigDeployer cluster = KubeconfigDeployer.open(kubeconfig, name);
        resources.add(cluster);
        return cluster.deployer();
    }

    /** The parsed command line. */
    record Options(Path spec, Map<String, ClusterOverrides> clusters, Path kubeconfig) {

        static Options parse(List<String> args) {
            Path spec = null;
            Path kubeconfig = null;
            Map<String, ClusterOverrides> clusters = new LinkedHashMap<>();
            for (Map.Entry<String, String> pair : Flags.pairs(args)) {
                String flag = pair.getKey();
                String value = pair.getValue();
                switch (flag) {
                    case "--spec" -> spec = Path.of(value);
                    case "--kubeconfig" -> kubeconfig = Path.of(value);
                    case "--cluster" -> {
                        int colon = value.indexOf(':');
                        String name = colon < 0 ? value : value.substring(0, colon);
                        if (clusters.put(
                                        name,
                                        overrides(colon < 0 ? "" : value.substring(colon + 1)))
                                != null) {
                            throw new IllegalArgumentException("cluster " + name + " named twice");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (spec == null || clusters.isEmpty()) {
                throw new IllegalArgumentException(
                        "--spec and at least one --cluster are required");
            }
            return new Options(spec, clusters, kubeconfig);
        }

        private static ClusterOverrides overrides(String text) {
            ClusterOverrides o = ClusterOverrides.none();
            if (text.isEmpty()) {
                return o;
            }
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "--cluster takes key=value pairs, got " + pair);
                }
                String key = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                o =
                        switch (key) {
                            case "registry" -> o.withImageRegistry(value);
                            case "namespace" -> o.withNamespace(value);
                            case "replicas" -> o.withTaskManagerReplicas(replicas(value));
                            case "checkpoints" -> o.withCheckpointDir(value);
                            case "savepoints" -> o.withSavepointDir(value);
                            case "ha" -> o.withHaStorageDir(value);
                            default ->
                                    throw new IllegalArgumentException(
                                            "unknown --cluster key "
                                                    + key
                                                    + " (registry, namespace,"
                                                    + " replicas, checkpoints, savepoints, ha)");
                        };
            }
            return o;
        }

        private static int replicas(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("replicas takes a number, got " + value, e);
            }
        }
    }
}
