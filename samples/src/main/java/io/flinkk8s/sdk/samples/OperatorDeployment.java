package io.flinkk8s.sdk.samples;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The third part of the headline sample: the same {@code orders} spec with {@code target:
 * operator}, applied as one {@code FlinkDeployment} to an in-memory cluster where the testkit's
 * operator stand-in does what the Flink Kubernetes Operator does, then upgraded to a new image
 * through a savepoint the operator takes. Only what is the same on every run is printed.
 */
final class OperatorDeployment {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private OperatorDeployment() {}

    static void run(FlinkDeploymentSpec standalone, PrintStream out) {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(standalone)
                        .target(RenderTarget.OPERATOR)
                        .autoscaling(a -> a.none())
                        .build();
        try (InMemoryFlinkK8sCluster cluster =
                InMemoryFlinkK8sCluster.builder().namespace(spec.namespace()).start()) {
            FlinkDeployer deployer = cluster.deployer();
            out.println(
                    "Deploying with target operator (the testkit's operator stand-in runs it):");
            FlinkDeploymentHandle orders = deployer.apply(spec);
            orders.waitUntilRunning(WAIT);
            out.println(
                    "  the operator created Deployment "
                            + names(cluster, Deployment.class, spec.namespace())
                            + ", Services "
                            + names(cluster, Service.class, spec.namespace()));
            out.println("  " + orders.status().lifecycle() + ": " + orders.status().message());

            String image = spec.image().replace(":1.4.2", ":1.4.3");
            out.println("Upgrading to " + image + " through the operator's savepoint:");
            deployer.apply(FlinkK8s.from(spec).image(image).build());
            orders.waitUntilRunning(WAIT);
            out.println("  " + orders.status().lifecycle() + ": " + orders.status().message());
            FlinkJobManager flink = cluster.flink(spec.namespace(), spec.name());
            String savepoint = flink.lastSavepoint().orElseThrow().path();
            boolean restored =
                    flink.restoredFrom(flink.latestJob().orElseThrow().id())
                            .filter(savepoint::equals)
                            .isPresent();
            out.println(
                    "  the new job "
                            + (restored ? "started from" : "did NOT start from")
                            + " the savepoint in "
                            + savepoint.substring(0, savepoint.lastIndexOf('/') + 1));
        }
    }

    private static String names(
            InMemoryFlinkK8sCluster cluster, Class<? extends HasMetadata> type, String ns) {
        return cluster.list(type, ns).stream()
                .map(o -> o.getMetadata().getName())
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
