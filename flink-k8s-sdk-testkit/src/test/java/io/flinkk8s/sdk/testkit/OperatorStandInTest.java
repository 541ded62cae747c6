package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator stand-in's rules, seen from the cluster: the objects it creates for a {@code
 * FlinkDeployment}, the status it writes, and how it moves the job on nonces, upgrade modes and
 * snapshots.
 */
class OperatorStandInTest {

    private static final String NS = "default";

    private final InMemoryFlinkK8sCluster cluster = InMemoryFlinkK8sCluster.builder().start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static String deployment(String mode, String job, String extra) {
        return """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: orders, namespace: default}
                spec:
                  image: orders:1.0
                  flinkVersion: v1_20
                  serviceAccount: flink
                  mode: %s
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "2"
                    execution.checkpointing.savepoint-dir: s3://sp
                  jobManager: {resource: {memory: 2048m, cpu: 1}}
                  taskManager: {resource: {memory: 2048m, cpu: 1}}
                %s%s"""
                .formatted(mode, job, extra);
    }

    private static String job(String fields) {
        return """
                  job:
                    jarURI: local:///opt/flink/usrlib/orders.jar
                    entryClass: com.acme.Orders
                    args: [--topic, orders]
                    parallelism: 4
                %s"""
                .formatted(fields);
    }

    private void apply(String yaml) {
        GenericKubernetesResource cr =
                Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        cluster.client().resource(cr).forceConflicts().serverSideApply();
    }

    private GenericKubernetesResource cr(String kind, String name) {
        return cluster.client()
                .genericKubernetesResources("flink.apache.org/v1beta1", kind)
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        return (Map<String, Object>)
                cr("FlinkDeployment", "orders").getAdditionalProperties().get("status");
    }

    private Object status(String... path) {
        return cr("FlinkDeployment", "orders").get(concat("status", path));
    }

    private static Object[] concat(String first, String[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private <T extends HasMetadata> List<String> names(Class<T> type) {
        return cluster.list(type, NS).stream()
                .map(o -> o.getMetadata().getName())
                .sorted()
                .toList();
    }

    private SimulatedJob job() {
        return cluster.flink(NS, "orders").latestJob().orElseThrow();
    }

    @Test
    void aNativeApplicationGetsTheOperatorsObjectsAndItsJobRunsOnTheSimulatedFlink() {
        apply(deployment("native", job("    upgradeMode: savepoint"), ""));

        assertThat(names(Deployment.class)).containsExactly("orders");
        assertThat(names(Service.class)).contains("orders", "orders-rest");
        assertThat(names(ConfigMap.class)).contains("flink-config-orders");
        assertThat(names(Pod.class)).contains("orders-taskmanager-1-1", "orders-taskmanager-1-2");
        assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job().entryClass()).isEqualTo("com.acme.Orders");
        assertThat(job().arguments()).containsExactly("--topic", "orders");
        assertThat(status("lifecycleState")).isEqualTo("STABLE");
        assertThat(status("jobManagerDeploymentStatus")).isEqualTo("READY");
        assertThat(status("jobStatus", "state")).isEqualTo("RUNNING");
        assertThat(status("jobStatus", "jobId")).isEqualTo(job().id().toHexString());
        SimulatedFlinkRuntime runtime =
                (SimulatedFlinkRuntime) cluster.flink(NS, "orders").runtime().orElseThrow();
        assertThat(status("jobStatus", "startTime"))
                .isEqualTo(String.valueOf(runtime.listJobs().get(0).getStartTime()));
        assertThat(status("reconciliationStatus", "state")).isEqualTo("DEPLOYED");
        assertThat((String) status("reconciliationStatus", "lastReconciledSpec"))
                .contains(
                        "\"resource_metadata\":{\"apiVersion\":\"flink.apache.org/v1beta1\",\"firstDeployment\":true}")
                .isEqualTo(status("reconciliationStatus", "lastStableSpec"));
        assertThat(status("taskManager", "replicas")).isEqualTo(2);
        assertThat(status("taskManager", "labelSelector"))
                .isEqualTo("component=taskmanager,app=orders");
        assertThat(status("conditions", "0", "reason")).isNull();
        assertThat(status().get("conditions").toString())
                .contains("type=Running, status=True, reason=Running");
        assertThat(status("observedGeneration")).isEqualTo(1);
    }

    @Test
    void aStandaloneApplicationGetsATaskManagerDeploymentAndStandaloneJobArgs() {
        apply(deployment("standalone", job("    upgradeMode: stateless"), ""));

        assertThat(names(Deployment.class)).containsExactly("orders", "orders-taskmanager");
        Deployment jm = cluster.find(Deployment.class, NS, "orders").orElseThrow();
        assertThat(jm.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly(
                        "standalone-job",
                        "--job-classname",
                        "com.acme.Orders",
                        "--topic",
                        "orders");
        assertThat(jm.getMetadata().getLabels())
                .containsEntry("type", "flink-standalone-kubernetes");
        assertThat(cluster.flink(NS, "orders").readyTaskManagers()).isEqualTo(2);
        assertThat(status("lifecycleState")).isEqualTo("STABLE");
    }

    @Test
    void aSessionClusterIsStableOnceItsJobManagerIsReady() {
        apply(deployment("native", "", ""));

        assertThat(status("lifecycleState")).isEqualTo("STABLE");
        assertThat(status().get("conditions").toString())
                .contains("status=True, reason=JobManagerReady");
        assertThat(cluster.flink(NS, "orders").jobs()).isEmpty();
        assertThat(names(Pod.class)).noneMatch(p -> p.contains("taskmanager"));
    }

    @Test
    void anInitiallySuspendedJobIsRecordedWithoutACluster() {
        apply(deployment("native", job("    state: suspended"), ""));

        assertThat(status("lifecycleState")).isEqualTo("SUSPENDED");
        assertThat(names(Deployment.class)).isEmpty();
    }

    @Test
    void aRestartNonceRestartsAStatelessJobWithoutState() {
        apply(deployment("native", job("    upgradeMode: stateless"), ""));
        SimulatedJob first = job();

        apply(deployment("native", job("    upgradeMode: stateless"), "\n  restartNonce: 1"));

        assertThat(job().id()).isNotEqualTo(first.id());
        assertThat(job().restoredFrom()).isEmpty();
        assertThat(cluster.flink(NS, "orders").jobs().get(0).status())
                .isEqualTo(JobStatus.CANCELED);
        assertThat(status("lifecycleState")).isEqualTo("STABLE");
    }

    @Test
    void aLastStateUpgradeRestoresTheLatestCheckpoint() {
        String checkpointed =
                deployment("native", job("    upgradeMode: last-state"), "")
                        .replace(
                                "    execution.checkpointing.savepoint-dir: s3://sp",
                                "    execution.checkpointing.savepoint-dir: s3://sp\n"
                                        + "    execution.checkpointing.interval: 30s\n"
                                        + "    execution.checkpointing.dir: s3://cp");
        apply(checkpointed);
        FlinkJobManager flink = cluster.flink(NS, "orders");
        SimulatedJob first = job();
        flink.completeCheckpoint(first.id());

        apply(checkpointed.replace("orders:1.0", "orders:2.0"));

        assertThat(job().id()).isNotEqualTo(first.id());
        assertThat(job().restoredFrom().orElseThrow()).startsWith("s3://cp/");
        assertThat(flink.jobs().get(0).status()).isEqualTo(JobStatus.SUSPENDED);
    }

    @Test
    void aSavepointRedeployNonceRedeploysFromTheInitialSavepointPath() {
        apply(deployment("native", job("    upgradeMode: savepoint"), ""));

        apply(
                deployment(
                        "native",
                        job(
                                "    upgradeMode: savepoint\n"
                                        + "    initialSavepointPath: s3://sp/savepoint-old\n"
                                        + "    savepointRedeployNonce: 1"),
                        ""));

        assertThat(job().restoredFrom()).contains("s3://sp/savepoint-old");
        assertThat(cluster.flink(NS, "orders").savepoints()).isEmpty();
    }

    @Test
    void aSavepointTriggerNonceTakesASavepointAsACompletedSnapshotAndTheJobRunsOn() {
        apply(deployment("native", job("    upgradeMode: savepoint"), ""));
        SimulatedJob running = job();

        apply(
                deployment(
                        "native",
                        job("    upgradeMode: savepoint\n    savepointTriggerNonce: 5"),
                        ""));

        List<GenericKubernetesResource> snapshots =
                cluster.client()
                        .genericKubernetesResources(
                                "flink.apache.org/v1beta1", "FlinkStateSnapshot")
                        .inNamespace(NS)
                        .list()
                        .getItems();
        assertThat(snapshots).hasSize(1);
        GenericKubernetesResource snapshot = snapshots.get(0);
        assertThat(snapshot.getMetadata().getName()).startsWith("orders-savepoint-manual-");
        assertThat(snapshot.<String>get("status", "state")).isEqualTo("COMPLETED");
        assertThat(snapshot.<String>get("status", "path"))
                .isEqualTo(cluster.flink(NS, "orders").lastSavepoint().orElseThrow().path());
        assertThat(snapshot.getMetadata().getLabels()).containsEntry("snapshot.state", "COMPLETED");
        assertThat(job().id()).isEqualTo(running.id());
        assertThat(status("lifecycleState")).isEqualTo("STABLE");
    }

    @Test
    void aSnapshotOfAJobThatDoesNotRunFailsOnceItsBackoffLimitIsPassed() {
        apply(deployment("native", job("    state: suspended"), ""));

        apply(
                """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkStateSnapshot
                metadata: {name: manual, namespace: default}
                spec:
                  jobReference: {kind: FlinkDeployment, name: orders}
                  savepoint: {alreadyExists: false}
                  backoffLimit: 1
                """);
        GenericKubernetesResource pending = cr("FlinkStateSnapshot", "manual");
        cluster.advance(java.time.Duration.ofSeconds(10));
        GenericKubernetesResource failed = cr("FlinkStateSnapshot", "manual");

        assertThat(pending.<String>get("status", "state")).isEqualTo("TRIGGER_PENDING");
        assertThat(pending.<Integer>get("status", "failures")).isEqualTo(1);
        assertThat(failed.<String>get("status", "state")).isEqualTo("FAILED");
        assertThat(failed.<Integer>get("status", "failures")).isEqualTo(2);
        assertThat(failed.<String>get("status", "error"))
                .isEqualTo("Job of FlinkDeployment default/orders is not RUNNING");
    }

    @Test
    void withTheStandInOffNothingMovesAFlinkDeployment() {
        try (InMemoryFlinkK8sCluster off =
                InMemoryFlinkK8sCluster.builder().operatorStandIn(false).start()) {
            GenericKubernetesResource cr =
                    Serialization.unmarshal(
                            deployment("native", job(""), ""), GenericKubernetesResource.class);
            off.client().resource(cr).serverSideApply();

            assertThat(off.list(Deployment.class, NS)).isEmpty();
            assertThat(
                            off.client()
                                    .genericKubernetesResources(
                                            "flink.apache.org/v1beta1", "FlinkDeployment")
                                    .inNamespace(NS)
                                    .withName("orders")
                                    .get()
                                    .getAdditionalProperties())
                    .doesNotContainKey("status");
        }
    }
}
