package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deployer snippet of the README, compiled and run as it is printed there. */
class ReadmeExampleIT {

    @Test
    void theReadmeDeployerExampleRuns() {
        try (DeployFixture fixture = new DeployFixture()) {
            // The README's options are DeployOptions.defaults() (in-cluster DNS for the REST API);
            // here the JobManagers are the testkit's, reached through its Service mapping.
            DeploymentStatus status =
                    readme(fixture.cluster.client(), fixture.options().build(), Specs.orders());

            assertThat(status.lifecycle()).isEqualTo(Lifecycle.RUNNING);
            assertThat(status.savepoints()).hasSize(3);
        }
    }

    static DeploymentStatus readme(
            KubernetesClient client, DeployOptions options, FlinkDeploymentSpec spec) {
        // --- README: deploy and lifecycle ---
        try (FlinkDeployer deployer = FlinkDeployer.create(client, options)) {
            ApplyPlan plan = deployer.plan(spec); // what would change; writes nothing
            System.out.println(plan);

            FlinkDeploymentHandle orders = deployer.apply(spec); // validate, render, SSA, prune
            orders.waitUntilRunning(Duration.ofMinutes(5));

            // SAVEPOINT upgrade mode: stop-with-savepoint, record it, redeploy from it, wait
            deployer.apply(FlinkK8s.from(spec).image("registry.example.com/orders:1.5.0").build());

            orders.scale(4); // TaskManagers only: the job keeps running
            orders.triggerSavepoint(); // recorded in the cluster with the others
            orders.suspend(); // stop-with-savepoint, then zero replicas
            orders.resume(); // from the savepoint the suspension recorded
            orders.waitUntilRunning(Duration.ofMinutes(5));
            return orders.status(); // lifecycle, pods, job, savepoint history
        }
        // --- end ---
    }
}
