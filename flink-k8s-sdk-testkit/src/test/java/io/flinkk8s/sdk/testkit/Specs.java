package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import java.net.URI;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/** SDK specs for the tests of Flink behind the JobManager, and the steps a deployer would take. */
public final class Specs {

    /** The headline sample's {@code orders}: application mode, savepoints, Kubernetes HA. */
    public static final String ORDERS =
            """
            name: orders
            namespace: streaming
            flinkVersion: v2_1
            image: registry.example.com/orders:1.4.2
            jobManager:
              replicas: 1
              resource: {cpu: 1, memory: 2g}
            taskManager:
              replicas: 3
              taskSlots: 4
              resource: {cpu: 2, memory: 8g}
            job:
              jarURI: local:///opt/flink/usrlib/orders.jar
              entryClass: com.acme.orders.OrdersJob
              args: ["--topic", "orders", "--group", "orders-enrichment"]
              parallelism: 12
              upgradeMode: savepoint
            checkpointing:
              interval: 30 s
              checkpointDir: s3://acme-flink/orders/checkpoints
              savepointDir: s3://acme-flink/orders/savepoints
            highAvailability:
              type: kubernetes
              storageDir: s3://acme-flink/orders/ha
            flinkConfiguration:
              restart-strategy.type: exponential-delay
            labels:
              team: payments
            """;

    /** A session cluster: no job of its own. */
    public static final String SESSION =
            """
            name: shared-analytics
            namespace: analytics
            mode: session
            flinkVersion: v2_1
            taskManager:
              replicas: 2
              taskSlots: 4
            """;

    private Specs() {}

    /** The headline spec. */
    public static FlinkDeploymentSpec orders() {
        return SpecSerialization.fromYaml(ORDERS);
    }

    /**
     * The headline spec with one TaskManager (and parallelism 4): the same JobManager, fewer pods
     * to bring up.
     */
    public static FlinkDeploymentSpec ordersSmall() {
        return small(orders());
    }

    /** A spec with one TaskManager and parallelism 4. */
    public static FlinkDeploymentSpec small(FlinkDeploymentSpec spec) {
        return spec.withTaskManagerReplicas(1).withJob(spec.job().withParallelism(4));
    }

    /** The session spec. */
    public static FlinkDeploymentSpec session() {
        return SpecSerialization.fromYaml(SESSION);
    }

    /** Renders a spec and applies every object with the client, as a deployer would. */
    public static RenderedResources apply(KubernetesClient client, FlinkDeploymentSpec spec) {
        RenderedResources rendered = Renderer.standalone().render(spec);
        for (HasMetadata object : rendered.all()) {
            client.resource(object).forceConflicts().serverSideApply();
        }
        return rendered;
    }

    /** Flink's own client for a REST address, configured as a user would. */
    public static RestClusterClient<StandaloneClusterId> flinkClient(URI rest) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, rest.getHost());
        configuration.set(RestOptions.PORT, rest.getPort());
        return new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
    }
}
