package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.flink.GeneratorJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.junit.jupiter.api.Test;

/**
 * A real Flink MiniCluster behind the JobManager (one per test class, it costs seconds): the
 * application's entry class runs from the test classpath.
 */
@FlinkK8sTest(flinkRuntime = FlinkRuntimeMode.MINI_CLUSTER, operatorCrds = false)
class MiniClusterBehindJobManagerTest {

    private static final FlinkDeploymentSpec GENERATOR =
            SpecSerialization.fromYaml(
                    """
            name: generator
            namespace: default
            job:
              jarURI: local:///opt/flink/usrlib/generator.jar
              entryClass: %s
              args: ["generated-by-the-testkit"]
            """
                            .formatted(GeneratorJob.class.getName()));

    @Test
    void applicationEntryClassRunsOnTheMiniClusterBehindTheRestServiceUntilScaledToZero(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, GENERATOR);
        // when
        cluster.awaitRunning("default", "generator");
        // then
        SimulatedJob started = cluster.flink("default", "generator").latestJob().orElseThrow();
        assertThat(started.entryClass()).isEqualTo(GeneratorJob.class.getName());
        URI rest =
                cluster.restEndpointResolver()
                        .resolve("default", "generator-rest", FlinkPorts.REST);
        try (RestClusterClient<StandaloneClusterId> flink = Specs.flinkClient(rest)) {
            // the MiniCluster is shared by the class: earlier tests' jobs are listed too
            assertThat(flink.listJobs().get(10, TimeUnit.SECONDS))
                    .filteredOn(j -> j.getJobId().equals(started.id()))
                    .singleElement()
                    .extracting(JobStatusMessage::getJobName, JobStatusMessage::getJobState)
                    .containsExactly("generated-by-the-testkit", JobStatus.RUNNING);
        }
        assertThatThrownBy(() -> cluster.flink("default", "generator").failNextSavepoint())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("FlinkRuntimeMode.SIMULATED");
        // when the JobManager goes away, its job is cancelled on the shared MiniCluster
        client.apps().deployments().withName("generator-jobmanager").scale(0);
        assertThat(cluster.flink("default", "generator").isRunning()).isFalse();
        assertThat(cluster.flink("default", "generator").jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.SUSPENDED);
    }
}
