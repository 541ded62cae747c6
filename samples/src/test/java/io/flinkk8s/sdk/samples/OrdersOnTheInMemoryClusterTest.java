package io.flinkk8s.sdk.samples;

import static io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;

/** The README's testkit snippet, compiled and run: the headline sample on the in-memory cluster. */
@FlinkK8sTest(namespace = "streaming")
class OrdersOnTheInMemoryClusterTest {

    @Test
    void runsAndTakesSavepoints(FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        for (HasMetadata object : Renderer.standalone().render(OrdersSample.spec()).all()) {
            client.resource(object).create();
        }
        cluster.awaitRunning("streaming", "orders");
        URI rest = cluster.restEndpointResolver().resolve("streaming", "orders-rest", 8081);

        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, rest.getHost());
        conf.set(RestOptions.PORT, rest.getPort());
        try (var flink = new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
            JobID job = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            String savepoint =
                    flink.triggerSavepoint(job, null, SavepointFormatType.CANONICAL)
                            .get(10, TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThat(savepoint)
                    .startsWith("s3://acme-flink/orders/savepoints/savepoint-");
        }
        assertThat(cluster)
                .flinkDeployment("streaming", "orders")
                .hasReadyTaskManagers(3)
                .job()
                .isRunning();
    }
}
