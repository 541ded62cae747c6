package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The second half of the headline sample: the {@code orders} spec deployed end to end on the
 * testkit's in-memory cluster (Kubernetes API server, controllers and a simulated Flink JobManager
 * behind the REST Service), then upgraded to a new image through a savepoint, as an orchestration
 * service would drive it on a real cluster. Only what is the same on every run is printed (no job
 * ids, savepoint names or timings).
 */
final class InMemoryDeployment {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private InMemoryDeployment() {}

    static void run(FlinkDeploymentSpec spec, PrintStream out) {
        try (InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder().namespace(spec.namespace()).start()) {
            // set up for the cluster: reaches its JobManagers, polls at test speed, closed with it
            FlinkDeployer deployer = cluster.deployer();
            out.println("Deploying to an in-memory cluster:");
            FlinkDeploymentHandle orders = deployer.apply(spec);
            int created = orders.lastApply().orElseThrow().plan().changes(Action.CREATE).size();
            out.println("  created " + created + " objects with server-side apply");
            orders.waitUntilRunning(WAIT);
            print(out, orders.status());

            String image = spec.image().replace(":1.4.2", ":1.4.3");
            out.println("Upgrading to " + image + " through a savepoint:");
            deployer.apply(FlinkK8s.from(spec).image(image).build());
            orders.waitUntilRunning(WAIT);
            DeploymentStatus after = orders.status();
            print(out, after);
            SavepointRecord savepoint = after.lastSavepoint();
            out.println(
                    "  the new version started from the "
                            + savepoint.reason().toString().toLowerCase(Locale.ROOT)
                            + " savepoint in "
                            + savepoint.path().substring(0, savepoint.path().lastIndexOf('/') + 1));
        }
    }

    private static void print(PrintStream out, DeploymentStatus status) {
        out.println(
                "  "
                        + status.lifecycle()
                        + ": JobManager "
                        + status.jobManager()
                        + " ready, TaskManagers "
                        + status.taskManagers()
                        + " ready, job "
                        + status.job().state());
    }
}
