package io.flinkk8s.sdk.samples;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;

/**
 * The headline sample: {@code orders}, a stateful application that upgrades through savepoints,
 * with Kubernetes HA, that scales with load between 3 and 12 TaskManagers (an HPA on CPU, Flink in
 * reactive mode) and lets a node drain evict one TaskManager at a time. The same spec in serialized
 * form is {@code samples/specs/stateful-ha-application.yaml}; a test keeps the two equal.
 */
public final class OrdersSample {

    private OrdersSample() {}

    /** The spec, built with the fluent DSL; validated, defaults visible. */
    public static FlinkDeploymentSpec spec() {
        return FlinkK8s.application("orders")
                .namespace("streaming")
                .flinkVersion(FlinkVersion.V2_1)
                .image("registry.example.com/orders:1.4.2")
                .jobManager(jm -> jm.replicas(1).cpu(1).memory("2g"))
                .taskManagers(tm -> tm.replicas(3).slots(4).cpu(2).memory("8g"))
                .job(
                        job ->
                                job.jarURI("local:///opt/flink/usrlib/orders.jar")
                                        .entryClass("com.acme.orders.OrdersJob")
                                        .args("--topic", "orders", "--group", "orders-enrichment")
                                        .parallelism(12)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .checkpoints(
                        cp ->
                                cp.every(Duration.ofSeconds(30))
                                        .to("s3://acme-flink/orders/checkpoints")
                                        .savepointsTo("s3://acme-flink/orders/savepoints"))
                .highAvailability(ha -> ha.kubernetes("s3://acme-flink/orders/ha"))
                .config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3)
                .config("restart-strategy.type", "exponential-delay")
                .addEnv("KAFKA_BOOTSTRAP", "kafka.streaming.svc:9092")
                .addEnvFromSecret("KAFKA_PASSWORD", "orders-kafka", "password")
                .autoscaling(
                        a ->
                                a.maxTaskManagers(12)
                                        .targetCpu(70)
                                        .scaleDownAfter(Duration.ofMinutes(15)))
                .disruption(d -> d.taskManagerMaxUnavailable(1))
                .addLabel("team", "payments")
                .build();
    }
}
