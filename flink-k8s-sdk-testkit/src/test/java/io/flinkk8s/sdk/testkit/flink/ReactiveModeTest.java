package io.flinkk8s.sdk.testkit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated runtime's reactive mode: a job's parallelism follows the connected slots. */
class ReactiveModeTest {

    private SimulatedFlinkRuntime flink;
    private RestClusterClient<StandaloneClusterId> client;

    private void start(Map<String, String> configuration) throws Exception {
        flink = SimulatedFlinkRuntime.builder().flinkConfiguration(configuration).start();
        client = FlinkClients.restClusterClient(flink.restAddress());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (flink != null) {
            flink.close();
        }
    }

    private int vertexParallelism(JobID id) throws Exception {
        JobDetailsInfo details = client.getJobDetails(id).get(10, TimeUnit.SECONDS);
        return details.getJobVertexInfos().iterator().next().getParallelism();
    }

    @Test
    void inReactiveModeAJobUsesEverySlotAndIsRestartedWhenTheyChange() throws Exception {
        // given: two slots per TaskManager, three TaskManagers connected
        start(Map.of("scheduler-mode", "reactive", "taskmanager.numberOfTaskSlots", "2"));
        flink.taskManagers(3);
        JobID id = flink.startApplicationJob("com.acme.Orders", List.of(), null);
        int atStart = flink.parallelism(id).orElseThrow();
        // when
        flink.taskManagers(5);
        // then
        assertThat(atStart).isEqualTo(6);
        assertThat(flink.parallelism(id)).hasValue(10);
        assertThat(vertexParallelism(id)).isEqualTo(10);
        assertThat(flink.rescales(id)).hasValue(1);
        assertThat(flink.job(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        ClusterOverviewWithVersion overview = client.getClusterOverview().get(10, TimeUnit.SECONDS);
        assertThat(overview.getNumTaskManagersConnected()).isEqualTo(5);
        assertThat(overview.getNumSlotsTotal()).isEqualTo(10);
    }

    @Test
    void theMaxParallelismCapsWhatReactiveModeGives() throws Exception {
        start(
                Map.of(
                        "scheduler-mode",
                        "REACTIVE",
                        "taskmanager.numberOfTaskSlots",
                        "4",
                        "pipeline.max-parallelism",
                        "6"));
        flink.taskManagers(1);
        JobID id = flink.startApplicationJob("com.acme.Orders", List.of(), null);

        flink.taskManagers(3);

        assertThat(flink.parallelism(id)).hasValue(6);
    }

    @Test
    void withoutSlotsAReactiveJobWaitsAndRunsAgainWhenTheyCome() throws Exception {
        start(Map.of("scheduler-mode", "reactive", "taskmanager.numberOfTaskSlots", "1"));
        flink.taskManagers(0);
        JobID id = flink.startApplicationJob("com.acme.Orders", List.of(), null);
        JobStatus waiting = flink.job(id).orElseThrow().status();

        flink.taskManagers(2);

        assertThat(waiting).isEqualTo(JobStatus.CREATED);
        assertThat(flink.job(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(flink.parallelism(id)).hasValue(2);
    }

    @Test
    void withoutReactiveModeTheParallelismStaysAsSubmitted() throws Exception {
        start(Map.of("taskmanager.numberOfTaskSlots", "2"));
        JobID id = flink.startApplicationJob("com.acme.Orders", List.of(), null);

        flink.taskManagers(4);

        assertThat(flink.parallelism(id)).hasValue(1);
        assertThat(flink.rescales(id)).hasValue(0);
        assertThat(flink.taskManagers()).isEqualTo(4);
    }

    @Test
    void endedJobsAreNotRescaled() throws Exception {
        start(Map.of("scheduler-mode", "reactive", "taskmanager.numberOfTaskSlots", "1"));
        flink.taskManagers(1);
        JobID id = flink.startApplicationJob("com.acme.Orders", List.of(), null);
        flink.completeJob(id);

        flink.taskManagers(3);

        assertThat(flink.parallelism(id)).hasValue(1);
        assertThat(flink.rescales(id)).hasValue(0);
    }

    @Test
    void aNegativeTaskManagerCountIsRejected() throws Exception {
        start(Map.of());

        assertThatThrownBy(() -> flink.taskManagers(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThat(flink.parallelism(new JobID())).isEmpty();
    }
}
