package io.flinkk8s.sdk.it;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;

/** Specs the integration tests deploy. */
final class Specs {

    private Specs() {}

    /**
     * {@code streaming/orders}: an application with Kubernetes HA (so it renders a ServiceAccount,
     * Role and RoleBinding too), 3 TaskManagers × 2 slots, SAVEPOINT upgrades.
     */
    static FlinkDeploymentSpec orders() {
        return FlinkK8s.application("orders")
                .namespace(DeployFixture.NAMESPACE)
                .flinkVersion(FlinkVersion.V2_1)
                .image("registry.example.com/orders:1.0")
                .taskManagers(tm -> tm.replicas(3).slots(2))
                .job(
                        job ->
                                job.jarURI("local:///opt/flink/usrlib/orders.jar")
                                        .entryClass("com.acme.orders.OrdersJob")
                                        .args("--topic", "orders")
                                        .parallelism(6)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .checkpoints(
                        cp ->
                                cp.every(Duration.ofSeconds(30))
                                        .to("s3://flink/orders/checkpoints")
                                        .savepointsTo("s3://flink/orders/savepoints"))
                .highAvailability(ha -> ha.kubernetes("s3://flink/orders/ha"))
                .build();
    }

    /** {@link #orders()} without HA: no ServiceAccount, Role or RoleBinding is rendered. */
    static FlinkDeploymentSpec ordersWithoutHa() {
        return FlinkK8s.from(orders()).highAvailability(ha -> ha.none()).build();
    }

    /**
     * {@link #orders()} whose TaskManagers pass their readiness probe {@code seconds} (virtual)
     * after they start.
     */
    static FlinkDeploymentSpec withTaskManagerReadinessDelay(int seconds) {
        return FlinkK8s.from(orders())
                .probes(
                        p ->
                                p.taskManagerReadiness(
                                        r ->
                                                r.initialDelay(Duration.ofSeconds(seconds))
                                                        .period(Duration.ofSeconds(10))))
                .build();
    }

    /** {@link #orders()} with another image: what an upgrade changes. */
    static FlinkDeploymentSpec ordersImage(String image) {
        return FlinkK8s.from(orders()).image(image).build();
    }
}
