package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.FlinkSessionJobHandle;
import io.flinkk8s.sdk.core.deploy.SessionJobResult;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session job through {@code FlinkDeployer} and its handle on the in-memory cluster, where the
 * testkit's operator stand-in plays the Flink Kubernetes Operator: the {@code FlinkSessionJob} is
 * submitted to the session cluster's Flink, and savepoint, upgrade, suspend, resume and delete move
 * the job while the session cluster keeps running.
 */
class SessionJobLifecycleIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec analytics() {
        return FlinkK8s.session("analytics")
                .namespace(NS)
                .target(RenderTarget.OPERATOR)
                .taskManagers(tm -> tm.replicas(2).slots(4))
                .checkpoints(
                        cp ->
                                cp.every(Duration.ofSeconds(30))
                                        .to("s3://flink/analytics/checkpoints")
                                        .savepointsTo("s3://flink/analytics/savepoints"))
                .build();
    }

    private static FlinkSessionJobSpec clicks(String version) {
        return FlinkK8s.sessionJob("clicks")
                .namespace(NS)
                .onSession("analytics")
                .job(
                        job ->
                                job.jarURI("https://repo.example.com/clicks-" + version + ".jar")
                                        .entryClass("com.acme.Clicks")
                                        .args("--version", version)
                                        .parallelism(4)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .build();
    }

    private FlinkJobManager flink() {
        return fixture.cluster.flink(NS, "analytics");
    }

    private SimulatedJob job() {
        return flink().latestJob().orElseThrow();
    }

    private GenericKubernetesResource sessionJobResource() {
        return fixture.cluster
                .client()
                .genericKubernetesResources("flink.apache.org/v1beta1", "FlinkSessionJob")
                .inNamespace(NS)
                .withName("clicks")
                .get();
    }

    private FlinkDeploymentHandle session() {
        FlinkDeploymentHandle session = fixture.deployer().apply(analytics());
        session.waitUntilRunning(WAIT);
        return session;
    }

    @Test
    void applyWaitSavepointUpgradeSuspendResumeAndDeleteRunThroughTheOperator() {
        FlinkDeploymentHandle session = session();
        // apply and wait: submitted to the session cluster's Flink
        FlinkSessionJobHandle clicks = fixture.deployer().apply(clicks("1.0"));
        clicks.waitUntilRunning(WAIT);
        SimulatedJob first = job();
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(first.entryClass()).isEqualTo("com.acme.Clicks");
        assertThat(first.arguments()).containsExactly("--version", "1.0");
        assertThat(clicks.status().job().id()).isEqualTo(first.id().toHexString());
        assertThat(sessionJobResource().<String>get("status", "lifecycleState"))
                .isEqualTo("STABLE");
        // a savepoint through a FlinkStateSnapshot of the session job; the job keeps running
        SavepointRecord manual = clicks.triggerSavepoint();
        assertThat(flink().savepoints()).extracting(s -> s.path()).containsExactly(manual.path());
        assertThat(manual.path()).startsWith("s3://flink/analytics/savepoints");
        assertThat(manual.jobId()).isEqualTo(first.id().toHexString());
        assertThat(job().id()).isEqualTo(first.id());
        assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
        // upgrade through a savepoint: a new job restored from the old one's savepoint
        SessionJobResult upgraded = clicks.upgrade(clicks("2.0"));
        assertThat(upgraded.changedCluster()).isTrue();
        assertThat(upgraded.transition()).isEqualTo(ApplyResult.Transition.NONE);
        clicks.waitUntilRunning(WAIT);
        SimulatedJob second = job();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.arguments()).containsExactly("--version", "2.0");
        String upgradeSavepoint = flink().lastSavepoint().orElseThrow().path();
        assertThat(upgradeSavepoint).isNotEqualTo(manual.path());
        assertThat(flink().restoredFrom(second.id())).contains(upgradeSavepoint);
        assertThat(flink().jobs())
                .filteredOn(j -> j.id().equals(first.id()))
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.FINISHED);
        // suspend: stopped with a savepoint, the session cluster runs on
        clicks.suspend();
        fixture.cluster.settle();
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.SUSPENDED);
        assertThat(flink().jobs()).filteredOn(j -> j.status() == JobStatus.RUNNING).isEmpty();
        String suspendedAt = flink().lastSavepoint().orElseThrow().path();
        assertThat(clicks.status().upgradeSavepointPath()).isEqualTo(suspendedAt);
        assertThat(session.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        // resume from that savepoint
        clicks.resume();
        clicks.waitUntilRunning(WAIT);
        SimulatedJob resumed = job();
        assertThat(resumed.id()).isNotEqualTo(second.id());
        assertThat(flink().restoredFrom(resumed.id())).contains(suspendedAt);
        // delete: the job is cancelled, the session cluster keeps running
        clicks.delete();
        fixture.cluster.settle();
        assertThat(sessionJobResource()).isNull();
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.DELETED);
        assertThat(flink().jobs())
                .filteredOn(j -> j.id().equals(resumed.id()))
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.CANCELED);
        assertThat(flink().isRunning()).isTrue();
        assertThat(session.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void aDeleteWithASavepointFirstTakesItThroughASnapshotThenDeletesTheResource() {
        session();
        FlinkSessionJobHandle clicks = fixture.deployer().apply(clicks("1.0"));
        clicks.waitUntilRunning(WAIT);
        SimulatedJob running = job();
        // when
        clicks.delete(DeleteOptions.keepState().withSavepointFirst());
        fixture.cluster.settle();
        // then
        assertThat(flink().savepoints()).hasSize(1);
        assertThat(flink().savepoints().get(0).jobId()).isEqualTo(running.id());
        assertThat(sessionJobResource()).isNull();
        assertThat(job().status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void aSessionJobForAMissingSessionIsRefusedNamingItAndWritesNothing() {
        assertThatThrownBy(() -> fixture.deployer().apply(clicks("1.0")))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("session deployment analytics (deploymentName)")
                .hasMessageContaining("no FlinkDeployment " + NS + "/analytics")
                .hasMessageContaining("Nothing was written");
        assertThat(sessionJobResource()).isNull();
    }

    @Test
    void theStandInLeavesASessionJobAloneUntilItsSessionIsReadyThenSubmitsIt() {
        // given: a FlinkSessionJob written without the deployer, before its session exists
        FlinkSessionJob written =
                Renderer.defaults().render(clicks("1.0")).get(FlinkSessionJob.class, "clicks");
        fixture.cluster.client().resource(written).inNamespace(NS).create();
        fixture.cluster.settle();
        assertThat(sessionJobResource().<String>get("status", "lifecycleState"))
                .isEqualTo("CREATED");
        assertThat(sessionJobResource().<Object>get("status", "jobStatus")).isNull();
        assertThat(flink().jobs()).isEmpty();
        // when
        session();
        FlinkSessionJobHandle clicks = fixture.deployer().sessionJob(NS, "clicks");
        clicks.waitUntilRunning(WAIT);
        // then
        assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(clicks.status().job().id()).isEqualTo(job().id().toHexString());
    }

    @Test
    void aSavepointSessionJobOnASessionWithoutASavepointDirIsRefusedBeforeAnyWrite() {
        // given: a session cluster without checkpoint or savepoint dirs
        FlinkDeploymentHandle bare =
                fixture.deployer()
                        .apply(
                                FlinkK8s.session("analytics")
                                        .namespace(NS)
                                        .target(RenderTarget.OPERATOR)
                                        .build());
        bare.waitUntilRunning(WAIT);
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(clicks("1.0")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("job.upgradeMode");
        assertThat(sessionJobResource()).isNull();
    }

    @Test
    void aFailedSavepointLeavesTheSessionJobRunning() {
        // given
        session();
        FlinkSessionJobHandle clicks = fixture.deployer().apply(clicks("1.0"));
        clicks.waitUntilRunning(WAIT);
        SimulatedJob running = job();
        flink().failNextSavepoint();
        // when / then
        assertThatThrownBy(clicks::triggerSavepoint)
                .hasMessageContaining("failed as the Flink Kubernetes Operator reports it")
                .hasMessageContaining("the job keeps running");
        assertThat(job().id()).isEqualTo(running.id());
        assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
    }

    @Test
    void aHandleMadeLaterReadsTheSameSessionJob() {
        session();
        fixture.deployer().apply(clicks("1.0")).waitUntilRunning(WAIT);
        FlinkSessionJobHandle later = fixture.deployer().sessionJob(NS, "clicks");
        assertThat(later.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(later.status().job().id()).isEqualTo(job().id().toHexString());
    }

    @Test
    void applyingTheSameSessionJobAgainChangesNothing() {
        session();
        fixture.deployer().apply(clicks("1.0")).waitUntilRunning(WAIT);
        SimulatedJob running = job();
        Long generation = sessionJobResource().getMetadata().getGeneration();
        String resourceVersion = sessionJobResource().getMetadata().getResourceVersion();
        // when
        FlinkSessionJobHandle again = fixture.deployer().apply(clicks("1.0"));
        again.waitUntilRunning(WAIT);
        fixture.cluster.settle();
        // then
        assertThat(again.lastApply().orElseThrow().changedCluster()).isFalse();
        assertThat(sessionJobResource().getMetadata().getGeneration()).isEqualTo(generation);
        assertThat(sessionJobResource().getMetadata().getResourceVersion())
                .isEqualTo(resourceVersion);
        assertThat(flink().jobs()).extracting(SimulatedJob::id).containsExactly(running.id());
    }

    @Test
    void aStatelessUpgradeCancelsTheJobAndStartsTheNewOneWithoutState() {
        session();
        FlinkSessionJobHandle clicks = fixture.deployer().apply(stateless("1.0"));
        clicks.waitUntilRunning(WAIT);
        SimulatedJob first = job();
        // when
        clicks.upgrade(stateless("2.0"));
        clicks.waitUntilRunning(WAIT);
        // then
        SimulatedJob second = job();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(flink().restoredFrom(second.id())).isEmpty();
        assertThat(flink().savepoints()).isEmpty();
        assertThat(flink().jobs())
                .filteredOn(j -> j.id().equals(first.id()))
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.CANCELED);
    }

    @Test
    void aLastStateUpgradeCancelsTheJobAndStartsTheNewOneFromItsLatestCheckpoint() {
        session();
        FlinkSessionJobHandle clicks = fixture.deployer().apply(lastState("1.0"));
        clicks.waitUntilRunning(WAIT);
        SimulatedJob first = job();
        long checkpoint = flink().completeCheckpoint(first.id());
        // when
        clicks.upgrade(lastState("2.0"));
        clicks.waitUntilRunning(WAIT);
        // then
        SimulatedJob second = job();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(flink().restoredFrom(second.id()))
                .contains("s3://flink/analytics/checkpoints/" + first.id() + "/chk-" + checkpoint);
        assertThat(flink().savepoints()).isEmpty();
        assertThat(flink().jobs())
                .filteredOn(j -> j.id().equals(first.id()))
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.CANCELED);
    }

    private static FlinkSessionJobSpec lastState(String version) {
        FlinkSessionJobSpec spec = clicks(version);
        return spec.withJob(spec.job().withUpgradeMode(UpgradeMode.LAST_STATE));
    }

    private static FlinkSessionJobSpec stateless(String version) {
        FlinkSessionJobSpec spec = clicks(version);
        return spec.withJob(spec.job().withUpgradeMode(UpgradeMode.STATELESS));
    }
}
