package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.FlinkSessionJobHandle;
import io.flinkk8s.sdk.core.deploy.SessionJobResult;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session job on a session cluster the SDK deployed with target standalone: the deployer reads
 * the job's {@code file:} jar, uploads it to the session's JobManager and runs it, and drives it
 * through the lifecycle an application has (upgrade through a savepoint, suspend, resume,
 * savepoint, delete), keeping its record in the ConfigMap {@code clicks-sdk-session-job}.
 */
class StandaloneSessionJobIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RECORD = "clicks-sdk-session-job";
    private static final String LEASE = "clicks-sdk-session-job-upgrade";
    private static final String OTHER_REPLICA = "clicks-service-replica-2";

    private final DeployFixture fixture = new DeployFixture();
    @TempDir Path jars;
    private Path v1;
    private Path v2;

    @BeforeEach
    void jars() throws IOException {
        v1 = Jars.withMainClass(jars, "clicks-1.0.jar", "com.acme.Clicks");
        v2 = Jars.withMainClass(jars, "clicks-2.0.jar", "com.acme.Clicks");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec analytics() {
        return FlinkK8s.session("analytics")
                .namespace(NS)
                .target(RenderTarget.STANDALONE)
                .taskManagers(tm -> tm.replicas(2).slots(4))
                .checkpoints(
                        cp ->
                                cp.every(Duration.ofSeconds(30))
                                        .to("s3://flink/analytics/checkpoints")
                                        .savepointsTo("s3://flink/analytics/savepoints"))
                .build();
    }

    private static FlinkSessionJobSpec clicks(Path jar, String version) {
        return FlinkK8s.sessionJob("clicks")
                .namespace(NS)
                .onSession("analytics")
                .job(
                        job ->
                                job.jarURI(jar.toUri().toString())
                                        .entryClass("com.acme.Clicks")
                                        .args("--version", version)
                                        .parallelism(4)
                                        .upgradeMode(UpgradeMode.SAVEPOINT))
                .build();
    }

    private FlinkJobManager flink() {
        return fixture.cluster.flink(NS, "analytics");
    }

    private SimulatedJob job(JobID id) {
        return flink().jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
    }

    private SimulatedJob job(String hexId) {
        return job(JobID.fromHexString(hexId));
    }

    private ConfigMap record() {
        return fixture.cluster.client().configMaps().inNamespace(NS).withName(RECORD).get();
    }

    private Lease lease() {
        return fixture.cluster.client().leases().inNamespace(NS).withName(LEASE).get();
    }

    /** A deployer judging Leases by the cluster's clock, as the Leases the tests write. */
    private FlinkDeployer onVirtualTime() {
        return fixture.deployer(fixture.options().clock(fixture.cluster.clock()).build());
    }

    private FlinkDeploymentHandle session() {
        FlinkDeploymentHandle session = fixture.deployer().apply(analytics());
        session.waitUntilRunning(WAIT);
        return session;
    }

    private FlinkSessionJobHandle running(FlinkSessionJobSpec spec) {
        FlinkSessionJobHandle clicks = fixture.deployer().apply(spec);
        clicks.waitUntilRunning(WAIT);
        return clicks;
    }

    @Test
    void theDeployerUploadsAndRunsTheJarThenUpgradesItThroughASavepoint() {
        session();
        // apply: the jar uploaded to the session cluster and run with the spec's values
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        String firstId = clicks.lastApply().orElseThrow().jobId();
        SimulatedJob first = job(firstId);
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(first.entryClass()).isEqualTo("com.acme.Clicks");
        assertThat(first.arguments()).containsExactly("--version", "1.0");
        assertThat(first.jarId()).endsWith("clicks-1.0.jar");
        assertThat(flink().parallelism(first.id())).hasValue(4);
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(clicks.status().job().id()).isEqualTo(firstId);
        assertThat(record().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "sdk-session-job-state");
        // upgrade: stopped with a savepoint, the new jar run from it
        SessionJobResult upgraded = clicks.upgrade(clicks(v2, "2.0"));
        clicks.waitUntilRunning(WAIT);
        assertThat(upgraded.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        assertThat(upgraded.savepointPath()).startsWith("s3://flink/analytics/savepoints");
        SimulatedJob second = job(upgraded.jobId());
        assertThat(second.arguments()).containsExactly("--version", "2.0");
        assertThat(second.jarId()).endsWith("clicks-2.0.jar");
        assertThat(second.restoredFrom()).contains(upgraded.savepointPath());
        assertThat(job(firstId).status()).isEqualTo(JobStatus.FINISHED);
        assertThat(clicks.status().upgradeSavepointPath()).isEqualTo(upgraded.savepointPath());
    }

    @Test
    void applyingTheSameSpecAgainSubmitsNothingAndWritesNothing() {
        session();
        running(clicks(v1, "1.0"));
        String version = record().getMetadata().getResourceVersion();
        // when
        FlinkSessionJobHandle again = fixture.deployer().apply(clicks(v1, "1.0"));
        // then
        assertThat(again.lastApply().orElseThrow().changedCluster()).isFalse();
        assertThat(again.lastApply().orElseThrow().transition()).isEqualTo(Transition.NONE);
        assertThat(flink().jobs()).hasSize(1);
        assertThat(record().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void anUpgradeWhileAnotherLiveDeployerHoldsTheSessionJobsLeaseChangesNothing() {
        session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        String oldId = clicks.lastApply().orElseThrow().jobId();
        String version = record().getMetadata().getResourceVersion();
        Instant renewed = fixture.cluster.clock().instant();
        StateRecords.leaseNamedHeldBy(fixture.cluster, NS, LEASE, OTHER_REPLICA, renewed, 15);
        FlinkDeployer other = onVirtualTime();
        // when / then
        assertThatThrownBy(() -> other.apply(clicks(v2, "2.0")))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("The apply of session job " + NS + "/clicks did nothing")
                .hasMessageContaining("Another deployer (" + OTHER_REPLICA + ")")
                .hasMessageContaining("holds the upgrade lease " + NS + "/" + LEASE);
        assertThat(flink().jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.RUNNING);
        assertThat(job(oldId).arguments()).containsExactly("--version", "1.0");
        assertThat(record().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void aSessionJobLeaseWhoseHolderStoppedRenewingIsTakenOverAndReleasedAfterTheUpgrade() {
        session();
        running(clicks(v1, "1.0"));
        Instant lastRenewal = fixture.cluster.clock().instant().minus(Duration.ofMinutes(1));
        StateRecords.leaseNamedHeldBy(fixture.cluster, NS, LEASE, OTHER_REPLICA, lastRenewal, 15);
        // when
        SessionJobResult upgraded =
                onVirtualTime().apply(clicks(v2, "2.0")).lastApply().orElseThrow();
        // then
        assertThat(upgraded.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        assertThat(job(upgraded.jobId()).arguments()).containsExactly("--version", "2.0");
        Lease lease = fixture.cluster.client().leases().inNamespace(NS).withName(LEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).as("released after the upgrade").isNull();
    }

    @Test
    void applyingTheSameSpecAgainTouchesNoLease() {
        session();
        running(clicks(v1, "1.0"));
        fixture.cluster.requests().reset();
        // when
        fixture.deployer().apply(clicks(v1, "1.0"));
        // then
        assertThat(fixture.cluster.requests().all()).noneMatch(r -> "leases".equals(r.resource()));
    }

    @Test
    void aFailedSavepointOnUpgradeLeavesTheOldJobRunningAndTheRecordAsItWas() {
        session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        String oldId = clicks.lastApply().orElseThrow().jobId();
        String version = record().getMetadata().getResourceVersion();
        flink().failNextSavepoint();
        // when / then
        assertThatThrownBy(() -> clicks.upgrade(clicks(v2, "2.0")))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isTrue())
                .hasMessageContaining("the savepoint before the upgrade failed")
                .hasMessageContaining("job " + oldId + " keeps running");
        assertThat(flink().jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.RUNNING);
        assertThat(clicks.status().job().id()).isEqualTo(oldId);
        assertThat(record().getMetadata().getResourceVersion()).isEqualTo(version);
        // and the same upgrade succeeds once the savepoint does
        assertThat(clicks.upgrade(clicks(v2, "2.0")).transition())
                .isEqualTo(Transition.SAVEPOINT_UPGRADE);
    }

    @Test
    void aNewJobThatCannotRunIsRolledBackToTheOldSpecFromTheSameSavepoint() {
        session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        flink().failNextSubmission();
        // when / then
        assertThatThrownBy(() -> clicks.upgrade(clicks(v2, "2.0")))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("Rolled back: the previous spec runs again");
        clicks.waitUntilRunning(WAIT);
        SimulatedJob back = job(clicks.status().job().id());
        assertThat(back.arguments()).containsExactly("--version", "1.0");
        assertThat(back.restoredFrom()).contains(flink().lastSavepoint().orElseThrow().path());
    }

    @Test
    void suspendStopsTheJobWithASavepointAndResumeStartsItFromThatSavepoint() {
        FlinkDeploymentHandle session = session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        // suspend
        SessionJobResult suspended = clicks.suspend();
        assertThat(suspended.transition()).isEqualTo(Transition.SUSPEND);
        assertThat(suspended.savepointPath()).isNotNull();
        assertThat(flink().jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.FINISHED);
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.SUSPENDED);
        assertThat(clicks.status().upgradeSavepointPath()).isEqualTo(suspended.savepointPath());
        assertThat(session.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        // resume
        SessionJobResult resumed = clicks.resume();
        clicks.waitUntilRunning(WAIT);
        assertThat(resumed.transition()).isEqualTo(Transition.RESUME);
        assertThat(job(resumed.jobId()).restoredFrom()).contains(suspended.savepointPath());
    }

    @Test
    void aRestartedDeployerFindsTheJobFromItsRecordAndDrivesIt() {
        session();
        String jobId;
        try (var first = fixture.deployer()) {
            jobId = first.apply(clicks(v1, "1.0")).lastApply().orElseThrow().jobId();
        }
        // when: a new deployer, as a restarted service would make
        FlinkSessionJobHandle later = fixture.deployer().sessionJob(NS, "clicks");
        later.waitUntilRunning(WAIT);
        // then
        assertThat(later.status().job().id()).isEqualTo(jobId);
        SavepointRecord manual = later.triggerSavepoint();
        assertThat(manual.jobId()).isEqualTo(jobId);
        assertThat(record().getData().get("state.json")).contains(manual.path());
        assertThat(fixture.deployer().apply(clicks(v1, "1.0")).lastApply().orElseThrow().jobId())
                .isEqualTo(jobId);
        assertThat(flink().jobs()).hasSize(1);
    }

    @Test
    void deleteKeepsTheRecordAndTheNextApplyStartsFromTheDeletionsSavepoint() {
        FlinkDeploymentHandle session = session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        // when
        clicks.delete(DeleteOptions.keepState().withSavepointFirst());
        // then: stopped at a savepoint, the record kept, the session running
        String deletedAt = flink().lastSavepoint().orElseThrow().path();
        assertThat(flink().jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.FINISHED);
        assertThat(record()).isNotNull();
        assertThat(record().getData().get("state.json")).contains(deletedAt, "DELETE");
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.DELETED);
        assertThat(session.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        // and the next apply starts from that savepoint
        String again =
                fixture.deployer().apply(clicks(v1, "1.0")).lastApply().orElseThrow().jobId();
        assertThat(job(again).restoredFrom()).contains(deletedAt);
    }

    @Test
    void deleteWithoutASavepointCancelsTheJobAndEverythingRemovesTheRecord() {
        session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        // a plain delete: cancelled, record kept, nothing to start from
        clicks.delete();
        assertThat(flink().jobs())
                .extracting(SimulatedJob::status)
                .containsExactly(JobStatus.CANCELED);
        assertThat(record()).isNotNull();
        assertThat(lease()).as("a plain delete keeps the Lease").isNotNull();
        String again =
                fixture.deployer().apply(clicks(v1, "1.0")).lastApply().orElseThrow().jobId();
        assertThat(job(again).restoredFrom()).isEmpty();
        // everything: the record and the Lease go too
        clicks.delete(DeleteOptions.everything());
        assertThat(record()).isNull();
        assertThat(lease()).isNull();
        assertThat(job(again).status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void aSessionJobForAnApplicationClusterIsRefusedNamingBothBeforeAnySubmission() {
        // given: "analytics" is an application cluster
        fixture.deployer()
                .apply(
                        FlinkK8s.application("analytics")
                                .namespace(NS)
                                .job(j -> j.jarURI("local:///opt/flink/usrlib/a.jar"))
                                .build())
                .waitUntilReady(WAIT);
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(clicks(v1, "1.0")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("\"clicks\"")
                .hasMessageContaining("deploymentName: names an application cluster")
                .hasMessageContaining("'analytics'");
        assertThat(record()).isNull();
        assertThat(flink().jobs()).allMatch(j -> !"com.acme.Clicks".equals(j.entryClass()));
    }

    @Test
    void aSessionJobForNoDeploymentIsRefusedNamingBoth() {
        assertThatThrownBy(() -> fixture.deployer().apply(clicks(v1, "1.0")))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("Session job " + NS + "/clicks")
                .hasMessageContaining("session deployment analytics (deploymentName)")
                .hasMessageContaining("Nothing was written");
        assertThat(record()).isNull();
    }

    @Test
    void aJarThatIsNotThereIsRefusedNamingTheFieldBeforeAnySubmission() {
        session();
        FlinkSessionJobSpec missing = clicks(jars.resolve("nowhere.jar"), "1.0");
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(missing))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageContaining("job.jarURI")
                .hasMessageContaining("nowhere.jar")
                .hasMessageContaining("Nothing was submitted");
        assertThat(flink().jobs()).isEmpty();
        assertThat(record()).isNull();
    }

    @Test
    void aStatelessUpgradeCancelsTheJobAndRunsTheNewOneWithoutState() {
        session();
        FlinkSessionJobSpec v1Stateless = stateless(clicks(v1, "1.0"));
        FlinkSessionJobHandle clicks = running(v1Stateless);
        String firstId = clicks.lastApply().orElseThrow().jobId();
        // when
        SessionJobResult result = clicks.upgrade(stateless(clicks(v2, "2.0")));
        // then
        assertThat(result.transition()).isEqualTo(Transition.REDEPLOY);
        assertThat(job(firstId).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(job(result.jobId()).restoredFrom()).isEmpty();
        assertThat(flink().savepoints()).isEmpty();
    }

    @Test
    void aLastStateUpgradeCancelsTheJobAndRunsTheNewOneFromItsLatestCheckpoint() {
        session();
        FlinkSessionJobHandle clicks = running(lastState(clicks(v1, "1.0")));
        String firstId = clicks.lastApply().orElseThrow().jobId();
        long checkpoint = flink().completeCheckpoint(JobID.fromHexString(firstId));
        // when
        SessionJobResult result = clicks.upgrade(lastState(clicks(v2, "2.0")));
        // then
        assertThat(result.transition()).isEqualTo(Transition.REDEPLOY);
        assertThat(job(firstId).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(job(result.jobId()).restoredFrom())
                .contains("s3://flink/analytics/checkpoints/" + firstId + "/chk-" + checkpoint);
        assertThat(flink().savepoints()).isEmpty();
    }

    @Test
    void aRunFlinkRefusedIsOwedAndTheNextApplyOfTheSameSpecMakesIt() {
        session();
        flink().failNextSubmission();
        // when: Flink refuses the run
        assertThatThrownBy(() -> fixture.deployer().apply(clicks(v1, "1.0")))
                .isInstanceOf(FlinkK8sException.class);
        FlinkSessionJobHandle clicks = fixture.deployer().sessionJob(NS, "clicks");
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.UPGRADING);
        // then: the same spec again starts it
        SessionJobResult again =
                fixture.deployer().apply(clicks(v1, "1.0")).lastApply().orElseThrow();
        clicks.waitUntilRunning(WAIT);
        assertThat(again.transition()).isEqualTo(Transition.RESUMED_UPGRADE);
        assertThat(clicks.status().job().id()).isEqualTo(again.jobId());
    }

    @Test
    void anUpgradeLeftWithNoJobRunningIsFinishedFromItsSavepointByTheNextApply() {
        session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        // given: neither the new spec's run nor the rollback's is accepted
        flink().failNextSubmission();
        flink().failNextSubmission();
        assertThatThrownBy(() -> clicks.upgrade(clicks(v2, "2.0")))
                .isInstanceOfSatisfying(
                        UpgradeException.class, e -> assertThat(e.oldJobStillRunning()).isFalse())
                .hasMessageContaining("No job runs; its state is kept in");
        String savepoint = flink().lastSavepoint().orElseThrow().path();
        assertThat(clicks.status().lifecycle()).isEqualTo(Lifecycle.UPGRADING);
        assertThat(clicks.status().upgradeSavepointPath()).isEqualTo(savepoint);
        // when
        SessionJobResult finished = clicks.upgrade(clicks(v2, "2.0"));
        // then
        clicks.waitUntilRunning(WAIT);
        assertThat(finished.transition()).isEqualTo(Transition.RESUMED_UPGRADE);
        assertThat(job(finished.jobId()).arguments()).containsExactly("--version", "2.0");
        assertThat(job(finished.jobId()).restoredFrom()).contains(savepoint);
    }

    @Test
    void aNewInitialSavepointPathInTheSpecWinsOverTheRecordedSavepointOnResume() {
        session();
        FlinkSessionJobHandle clicks = running(clicks(v1, "1.0"));
        clicks.suspend();
        FlinkSessionJobSpec elsewhere = clicks(v1, "1.0");
        elsewhere =
                elsewhere.withJob(
                        elsewhere.job().withInitialSavepointPath("s3://flink/elsewhere/sp-1"));
        // when
        SessionJobResult resumed = fixture.deployer().apply(elsewhere).lastApply().orElseThrow();
        // then
        assertThat(resumed.transition()).isEqualTo(Transition.RESUME);
        assertThat(job(resumed.jobId()).restoredFrom()).contains("s3://flink/elsewhere/sp-1");
    }

    private static FlinkSessionJobSpec lastState(FlinkSessionJobSpec spec) {
        return spec.withJob(spec.job().withUpgradeMode(UpgradeMode.LAST_STATE));
    }

    private static FlinkSessionJobSpec stateless(FlinkSessionJobSpec spec) {
        return spec.withJob(spec.job().withUpgradeMode(UpgradeMode.STATELESS));
    }
}
