package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.faults.Faults;
import io.flinkk8s.sdk.testkit.flink.JobOrigin;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.junit.jupiter.api.Test;

/**
 * Flink behind the JobManager: the whole path on the in-memory cluster without the deployer. Render
 * a spec, create its objects with the cluster's client, let the cluster bring the pods up, then
 * talk to Flink with Flink's own {@code RestClusterClient} at the address the core's {@code
 * RestEndpointResolver} gives.
 */
@FlinkK8sTest(namespace = "streaming")
class FlinkBehindJobManagerTest {

    private static final String NS = "streaming";
    private static final ResourceNames NAMES = ResourceNames.of("orders");
    private static final String SAVEPOINTS = "s3://acme-flink/orders/savepoints";

    @Test
    void renderedApplicationRunsItsJobAndAnswersFlinksClientThroughTheRestService(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        RenderedResources rendered = Renderer.standalone().render(Specs.orders());
        for (HasMetadata object : rendered.all()) {
            client.resource(object).create();
        }
        cluster.awaitRunning(NS, "orders");
        URI rest = cluster.restEndpointResolver().resolve(NS, NAMES.restService(), FlinkPorts.REST);
        try (RestClusterClient<StandaloneClusterId> flink = Specs.flinkClient(rest)) {
            // when
            List<JobStatusMessage> jobs = List.copyOf(flink.listJobs().get(10, TimeUnit.SECONDS));
            JobID job = jobs.get(0).getJobId();
            String savepoint =
                    flink.triggerSavepoint(job, null, SavepointFormatType.CANONICAL)
                            .get(10, TimeUnit.SECONDS);
            flink.cancel(job).get(10, TimeUnit.SECONDS);
            // then
            assertThat(jobs)
                    .singleElement()
                    .satisfies(
                            j -> {
                                assertThat(j.getJobName()).isEqualTo("com.acme.orders.OrdersJob");
                                assertThat(j.getJobState()).isEqualTo(JobStatus.RUNNING);
                            });
            assertThat(savepoint)
                    .startsWith(SAVEPOINTS + "/savepoint-" + job.toString().substring(0, 6) + "-");
            assertThat(flink.getJobStatus(job).get(10, TimeUnit.SECONDS))
                    .isEqualTo(JobStatus.CANCELED);
            assertThat(cluster.flink(NS, "orders").savepoints())
                    .extracting(SimulatedSavepoint::path)
                    .containsExactly(savepoint);
        }
    }

    @Test
    void applicationJobIsStartedAsStandaloneJobWouldStartIt(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        FlinkDeploymentSpec spec =
                Specs.ordersSmall()
                        .withJob(
                                Specs.ordersSmall()
                                        .job()
                                        .withInitialSavepointPath(
                                                SAVEPOINTS + "/savepoint-000000-aaaaaaaaaaaa"));
        // when
        Specs.apply(client, spec);
        cluster.awaitRunning(NS, "orders");
        // then
        SimulatedJob job = cluster.flink(NS, "orders").latestJob().orElseThrow();
        assertThat(job.origin()).isEqualTo(JobOrigin.APPLICATION);
        assertThat(job.entryClass()).isEqualTo("com.acme.orders.OrdersJob");
        assertThat(job.arguments())
                .containsExactly("--topic", "orders", "--group", "orders-enrichment");
        assertThat(job.restoredFrom()).contains(SAVEPOINTS + "/savepoint-000000-aaaaaaaaaaaa");
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(cluster.events()).extracting(Event::getReason).contains("FlinkStarted");
        assertThat(cluster.dump()).contains("Flink of streaming/orders at http://127.0.0.1:");
    }

    @Test
    void nothingRunsBeforeTheJobManagerPodIsReady(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given a JobManager whose pod is not scheduled yet: the only node is cordoned
        cluster.faults().failNode("node-1");
        // when
        Specs.apply(client, Specs.ordersSmall());
        // then
        assertThat(cluster.flink(NS, "orders").isRunning()).isFalse();
        assertThat(cluster.flink(NS, "orders").jobs()).isEmpty();
        assertThat(cluster.restEndpointResolver().resolve(NS, NAMES.restService(), FlinkPorts.REST))
                .isEqualTo(cluster.flink(NS, "orders").restAddress());
    }

    @Test
    void newJobManagerPodAfterAnImageChangeGetsAFreshRuntimeThatKeepsTheSavepoints(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning(NS, "orders");
        URI rest = cluster.restEndpointResolver().resolve(NS, NAMES.restService(), FlinkPorts.REST);
        String savepoint;
        JobID first;
        try (RestClusterClient<StandaloneClusterId> flink = Specs.flinkClient(rest)) {
            first = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            savepoint =
                    flink.stopWithSavepoint(first, false, null, SavepointFormatType.CANONICAL)
                            .get(10, TimeUnit.SECONDS);
        }
        // when
        FlinkDeploymentSpec upgraded =
                Specs.ordersSmall()
                        .withImage("registry.example.com/orders:1.5.0")
                        .withJob(Specs.ordersSmall().job().withInitialSavepointPath(savepoint));
        Specs.apply(client, upgraded);
        cluster.awaitRunning(NS, "orders");
        // then
        FlinkJobManager flink = cluster.flink(NS, "orders");
        assertThat(flink.runtimeStarts()).isEqualTo(2);
        assertThat(flink.jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.FINISHED, JobStatus.RUNNING);
        assertThat(flink.restoredFrom(flink.latestJob().orElseThrow().id())).contains(savepoint);
        assertThat(flink.savepoints()).extracting(SimulatedSavepoint::jobId).containsExactly(first);
        assertThat(cluster.restEndpointResolver().resolve(NS, NAMES.restService(), FlinkPorts.REST))
                .as("the Service keeps its address")
                .isEqualTo(rest);
        try (RestClusterClient<StandaloneClusterId> client2 = Specs.flinkClient(rest)) {
            assertThat(client2.listJobs().get(10, TimeUnit.SECONDS))
                    .extracting(JobStatusMessage::getJobState)
                    .containsExactly(JobStatus.RUNNING);
        }
    }

    @Test
    void scalingTheJobManagerToZeroStopsFlinkButItsJobsAndSavepointsStayVisible(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning(NS, "orders");
        String savepoint;
        try (RestClusterClient<StandaloneClusterId> flink =
                Specs.flinkClient(cluster.flink(NS, "orders").restAddress())) {
            JobID job = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            savepoint =
                    flink.triggerSavepoint(job, null, SavepointFormatType.CANONICAL)
                            .get(10, TimeUnit.SECONDS);
        }
        // when
        client.apps().deployments().inNamespace(NS).withName(NAMES.jobManagerDeployment()).scale(0);
        // then
        FlinkJobManager flink = cluster.flink(NS, "orders");
        assertThat(flink.isRunning()).isFalse();
        assertThat(flink.runtime()).isEmpty();
        assertThat(flink.lastSavepoint()).map(SimulatedSavepoint::path).contains(savepoint);
        assertThat(flink.jobs())
                .extracting(SimulatedJob::status)
                .as("a job whose JobManager went away while it ran")
                .containsExactly(JobStatus.SUSPENDED);
    }

    @Test
    void deletingTheJobManagerDeploymentStopsFlink(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning(NS, "orders");
        // when
        client.apps().deployments().inNamespace(NS).withName(NAMES.jobManagerDeployment()).delete();
        cluster.settle();
        // then
        assertThat(cluster.flink(NS, "orders").isRunning()).isFalse();
        assertThat(cluster.flink(NS, "orders").runtimeStarts()).isEqualTo(1);
    }

    @Test
    void restartedJobManagerContainerIsAFreshFlinkProcess(
            FlinkK8sCluster cluster, KubernetesClient client, Faults faults) {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning(NS, "orders");
        String pod =
                cluster.list(Pod.class, NS).stream()
                        .map(p -> p.getMetadata().getName())
                        .filter(n -> n.startsWith(NAMES.jobManagerDeployment()))
                        .findFirst()
                        .orElseThrow();
        // when
        faults.killPod(NS, pod);
        cluster.awaitRunning(NS, "orders");
        // then
        FlinkJobManager flink = cluster.flink(NS, "orders");
        assertThat(flink.runtimeStarts()).isEqualTo(2);
        assertThat(flink.jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.SUSPENDED, JobStatus.RUNNING);
    }

    @Test
    void failNextSavepointMakesTheClientsSavepointFailAndTheJobKeepsRunning(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitRunning(NS, "orders");
        cluster.flink(NS, "orders").failNextSavepoint();
        try (RestClusterClient<StandaloneClusterId> flink =
                Specs.flinkClient(
                        cluster.restEndpointResolver().resolve(NS, NAMES.restService(), 8081))) {
            JobID job = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            // when / then
            assertThatThrownBy(
                            () ->
                                    flink.stopWithSavepoint(
                                                    job, false, null, SavepointFormatType.CANONICAL)
                                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining("failNextSavepoint()");
            assertThat(flink.getJobStatus(job).get(10, TimeUnit.SECONDS))
                    .isEqualTo(JobStatus.RUNNING);
        }
        assertThat(cluster.flink(NS, "orders").savepoints()).isEmpty();
    }

    @Test
    void failNextSubmissionArmedBeforeTheDeploymentFailsTheApplicationJob(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given
        cluster.flink(NS, "orders").failNextSubmission();
        // when
        Specs.apply(client, Specs.ordersSmall());
        cluster.awaitReady(NS, NAMES.jobManagerDeployment());
        // then
        assertThat(cluster.flink(NS, "orders").latestJob())
                .get()
                .extracting(SimulatedJob::status)
                .isEqualTo(JobStatus.FAILED);
        assertThatThrownBy(() -> cluster.awaitRunning(NS, "orders"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is not running");
    }

    @Test
    void sessionJobManagerServesFlinksApiWithoutAJob(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given
        Specs.apply(client, Specs.session());
        // when
        cluster.awaitRunning("analytics", "shared-analytics");
        // then
        URI rest =
                cluster.restEndpointResolver()
                        .resolve("analytics", "shared-analytics-rest", FlinkPorts.REST);
        try (RestClusterClient<StandaloneClusterId> flink = Specs.flinkClient(rest)) {
            assertThat(flink.listJobs().get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(cluster.flink("analytics", "shared-analytics").isRunning()).isTrue();
    }

    @Test
    void flinkOneReadsTheSavepointDirectoryUnderItsLegacyKey(
            FlinkK8sCluster cluster, KubernetesClient client) throws Exception {
        // given: Flink 1.20 gets flink-conf.yaml with state.savepoints.dir
        FlinkDeploymentSpec spec =
                Specs.small(
                        SpecSerialization.fromYaml(
                                Specs.ORDERS.replace("flinkVersion: v2_1", "flinkVersion: v1_20")));
        Specs.apply(client, spec);
        cluster.awaitRunning(NS, "orders");
        try (RestClusterClient<StandaloneClusterId> flink =
                Specs.flinkClient(cluster.flink(NS, "orders").restAddress())) {
            JobID job = flink.listJobs().get(10, TimeUnit.SECONDS).iterator().next().getJobId();
            // when
            String savepoint =
                    flink.triggerSavepoint(job, null, SavepointFormatType.CANONICAL)
                            .get(10, TimeUnit.SECONDS);
            // then
            assertThat(savepoint).startsWith(SAVEPOINTS + "/savepoint-");
        }
    }

    @Test
    void inReactiveModeTheJobsParallelismFollowsTheReadyTaskManagers(
            FlinkK8sCluster cluster, KubernetesClient client) {
        // given: an HPA between 3 and 6 TaskManagers of 4 slots, Flink in reactive mode
        FlinkDeploymentSpec spec =
                SpecSerialization.fromYaml(
                        Specs.ORDERS
                                + "autoscaling:\n  minTaskManagers: 3\n  maxTaskManagers: 6\n");
        Specs.apply(client, spec);
        cluster.awaitRunning(NS, "orders");
        FlinkJobManager flink = cluster.flink(NS, "orders");
        JobID job = flink.latestJob().orElseThrow().id();
        int atStart = flink.parallelism(job).orElseThrow();
        int rescalesAtStart = flink.rescales(job).orElseThrow();
        // when: two more TaskManagers become ready
        client.apps().deployments().withName(NAMES.taskManagerDeployment()).scale(5);
        cluster.awaitReady(NS, NAMES.taskManagerDeployment());
        // then
        assertThat(atStart).isEqualTo(12);
        assertThat(flink.readyTaskManagers()).isEqualTo(5);
        assertThat(flink.parallelism(job)).hasValue(20);
        assertThat(flink.rescales(job).orElseThrow()).isGreaterThan(rescalesAtStart);
        assertThat(flink.latestJob().orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }
}
