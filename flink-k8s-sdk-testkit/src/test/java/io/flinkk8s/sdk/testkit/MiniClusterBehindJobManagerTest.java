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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flink MiniCluster behind each JobManager (a second or two each): the application's entry
 * class runs from the test classpath, with the Flink configuration of its deployment's ConfigMap.
 */
@FlinkK8sTest(flinkRuntime = FlinkRuntimeMode.MINI_CLUSTER, operatorCrds = false)
class MiniClusterBehindJobManagerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path checkpoints;

    /** An application running {@link GeneratorJob}, its job named {@code <name>-job}. */
    private static FlinkDeploymentSpec generator(String name, String extraYaml) {
        return SpecSerialization.fromYaml(
                """
                name: %s
                namespace: default
                job:
                  jarURI: local:///opt/flink/usrlib/generator.jar
                  entryClass: %s
                  args: ["%s-job"]
                %s"""
                        .formatted(name, GeneratorJob.class.getName(), name, extraYaml));
    }

    private static URI rest(FlinkK8sCluster cluster, String name) {
        return cluster.restEndpointResolver().resolve("default", name + "-rest", FlinkPorts.REST);
    }

    @Test
    void applicationEntryClassRunsOnTheMiniClusterBehindTheRestServiceUntilScaledToZero(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, generator("generator", ""));
        // when
        cluster.awaitRunning("default", "generator");
        // then
        SimulatedJob started = cluster.flink("default", "generator").latestJob().orElseThrow();
        assertThat(started.entryClass()).isEqualTo(GeneratorJob.class.getName());
        try (RestClusterClient<StandaloneClusterId> flink =
                Specs.flinkClient(rest(cluster, "generator"))) {
            assertThat(flink.listJobs().get(10, TimeUnit.SECONDS))
                    .singleElement()
                    .extracting(
                            JobStatusMessage::getJobId,
                            JobStatusMessage::getJobName,
                            JobStatusMessage::getJobState)
                    .containsExactly(started.id(), "generator-job", JobStatus.RUNNING);
        }
        assertThatThrownBy(() -> cluster.flink("default", "generator").failNextSavepoint())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("FlinkRuntimeMode.SIMULATED");
        // when the JobManager goes away, its MiniCluster stops and its job with it
        client.apps().deployments().withName("generator-jobmanager").scale(0);
        assertThat(cluster.flink("default", "generator").isRunning()).isFalse();
        assertThat(cluster.flink("default", "generator").jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.SUSPENDED);
    }

    @Test
    void twoDeploymentsEachSeeOnlyTheirOwnJobBehindTheirOwnRestService(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, generator("left", ""));
        Specs.apply(client, generator("right", ""));
        // when
        cluster.awaitRunning("default", "left");
        cluster.awaitRunning("default", "right");
        // then
        for (String name : List.of("left", "right")) {
            List<SimulatedJob> jobs = cluster.flink("default", name).jobs();
            assertThat(jobs).extracting(SimulatedJob::name).containsExactly(name + "-job");
            try (RestClusterClient<StandaloneClusterId> flink =
                    Specs.flinkClient(rest(cluster, name))) {
                assertThat(flink.listJobs().get(10, TimeUnit.SECONDS))
                        .as("the jobs %s's REST Service lists", name)
                        .extracting(JobStatusMessage::getJobId)
                        .containsExactly(jobs.get(0).id());
            }
        }
        assertThat(rest(cluster, "left").getPort()).isNotEqualTo(rest(cluster, "right").getPort());
    }

    @Test
    void theSpecsCheckpointingReachesTheJobAsFlinkReportsIt(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(
                client,
                generator(
                        "checkpointed",
                        """
                        checkpointing:
                          interval: 7 min
                          checkpointDir: %s
                        flinkConfiguration:
                          execution.checkpointing.tolerable-failed-checkpoints: "3"
                        """
                                .formatted(checkpoints.toUri())));
        // when
        cluster.awaitRunning("default", "checkpointed");
        SimulatedJob job = cluster.flink("default", "checkpointed").latestJob().orElseThrow();
        JsonNode config =
                getJson(rest(cluster, "checkpointed"), "/jobs/" + job.id() + "/checkpoints/config");
        // then
        assertThat(config.path("interval").asLong()).isEqualTo(7 * 60 * 1000L);
        assertThat(config.path("tolerable_failed_checkpoints").asInt()).isEqualTo(3);
        assertThat(config.path("checkpoint_storage").asText())
                .isEqualTo("FileSystemCheckpointStorage");
        assertThat(checkpoints.resolve(job.id().toHexString())).isDirectory();
    }

    @Test
    void aMiniClusterThatRefusesTheConfigurationLeavesAWarningAndNoRuntime(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given: an I/O pool size Flink refuses as the cluster starts
        Specs.apply(
                client,
                generator(
                        "misconfigured",
                        """
                        flinkConfiguration:
                          cluster.io-pool.size: "0"
                        """));
        // when
        cluster.settle();
        // then
        assertThat(cluster.flink("default", "misconfigured").isRunning()).isFalse();
        assertThat(cluster.flink("default", "misconfigured").runtimeStarts()).isZero();
        assertThat(cluster.events())
                .filteredOn(e -> "FlinkFailed".equals(e.getReason()))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getInvolvedObject().getName())
                                    .isEqualTo("misconfigured-jobmanager");
                            assertThat(e.getMessage())
                                    .contains("Flink did not start")
                                    .contains("Could not start a Flink MiniCluster");
                        });
    }

    private static JsonNode getJson(URI rest, String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(rest.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return RestMapperUtils.getFlexibleObjectMapper().readTree(response.body());
    }
}
