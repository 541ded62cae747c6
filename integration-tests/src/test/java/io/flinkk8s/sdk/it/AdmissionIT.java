package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Condition;
import io.flinkk8s.sdk.core.error.DeploymentFailedException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory cluster's admission and volume binding do to a deployment applied through the
 * SDK, as a real cluster would: a quota too small refuses pods and the wait fails fast naming the
 * quota; a restricted namespace admits the SDK's default pods and refuses a spec opted out of
 * restricted security, the wait naming the failed rule; the state claim is bound by the default
 * StorageClass, and a claim of a class the cluster lacks keeps the pods unscheduled.
 */
class AdmissionIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration LONG_WAIT = Duration.ofMinutes(5);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A deployer whose waits fail at once when a cause shows. */
    private FlinkDeployer impatient() {
        return fixture.deployer(fixture.options().failFastGrace(Duration.ZERO).build());
    }

    private DeploymentFailedException failure(FlinkDeploymentHandle handle) {
        DeploymentFailedException e =
                catchThrowableOfType(
                        () -> handle.waitUntilRunning(LONG_WAIT), DeploymentFailedException.class);
        assertThat(e).as("the wait failed with the cause\n%s", fixture.cluster.dump()).isNotNull();
        return e;
    }

    private void enforce(String level) {
        Namespace ns = fixture.cluster.find(Namespace.class, null, NS).orElseThrow();
        ns.getMetadata().setLabels(Map.of("pod-security.kubernetes.io/enforce", level));
        fixture.cluster.client().resource(ns).update();
    }

    @Test
    void aQuotaTooSmallForThePodsFailsTheWaitFastNamingTheQuota() {
        fixture.cluster
                .client()
                .resource(
                        new ResourceQuotaBuilder()
                                .withNewMetadata()
                                .withName("team-quota")
                                .withNamespace(NS)
                                .endMetadata()
                                .withNewSpec()
                                .withHard(Map.of("pods", new Quantity("2")))
                                .endSpec()
                                .build())
                .create();

        FlinkDeploymentHandle orders = impatient().apply(Specs.orders());
        DeploymentFailedException e = failure(orders);

        assertThat(e.reason()).isEqualTo("FailedCreate");
        // which Deployment's ReplicaSet creates its pods first is not fixed, as on a real cluster
        assertThat(e.workload()).isIn("orders-jobmanager", "orders-taskmanager");
        assertThat(e.getMessage())
                .startsWith("streaming/orders cannot become ready: FailedCreate")
                .contains(
                        "exceeded quota: team-quota, requested: pods=1, used: pods=2, limited: pods=2")
                .contains("describe quota,limitrange");
        assertThat(orders.status().condition(Condition.PROGRESSING).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.status()).isEqualTo(Condition.Status.FALSE);
                            assertThat(c.reason()).isEqualTo("FailedCreate");
                            assertThat(c.message()).contains("exceeded quota: team-quota");
                        });
        assertThat(
                        fixture.cluster
                                .find(ResourceQuota.class, NS, "team-quota")
                                .orElseThrow()
                                .getStatus()
                                .getUsed())
                .containsEntry("pods", new Quantity("2"));
        assertThat(fixture.cluster.list(Pod.class, NS)).hasSize(2);
    }

    @Test
    void theSdksDefaultPodsAreAdmittedInARestrictedNamespace() {
        enforce("restricted");

        fixture.deployer().apply(Specs.orders()).waitUntilRunning(WAIT);

        assertThat(fixture.cluster.list(Pod.class, NS)).hasSize(4);
    }

    @Test
    void aSpecOptedOutOfRestrictedSecurityFailsFastInARestrictedNamespaceNamingTheRule() {
        enforce("restricted");
        FlinkDeploymentSpec unrestricted =
                FlinkK8s.from(Specs.orders()).security(s -> s.unrestricted()).build();

        DeploymentFailedException e = failure(impatient().apply(unrestricted));

        assertThat(e.reason()).isEqualTo("FailedCreate");
        assertThat(e.workload()).isEqualTo("orders-jobmanager");
        assertThat(e.getMessage())
                .contains("is forbidden: violates PodSecurity \"restricted:latest\"")
                .contains("allowPrivilegeEscalation != false (container \"flink-main-container\"")
                .contains("runAsNonRoot != true");
        assertThat(fixture.cluster.list(Pod.class, NS)).isEmpty();
    }

    @Test
    void theStateClaimIsBoundByTheDefaultStorageClass() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders()).storage(s -> s.volume("10Gi")).build();

        fixture.deployer().apply(spec).waitUntilRunning(WAIT);

        PersistentVolumeClaim claim =
                fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state").orElseThrow();
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(claim.getStatus().getCapacity()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(
                        fixture.cluster.find(
                                PersistentVolume.class, null, claim.getSpec().getVolumeName()))
                .hasValueSatisfying(pv -> assertThat(pv.getStatus().getPhase()).isEqualTo("Bound"));
    }

    @Test
    void aClaimOfAStorageClassTheClusterLacksKeepsThePodsUnscheduledAndFailsTheWait() {
        FlinkDeploymentSpec spec =
                FlinkK8s.from(Specs.orders()).storage(s -> s.volume("10Gi", "fast-ssd")).build();

        DeploymentFailedException e = failure(impatient().apply(spec));

        assertThat(e.reason()).isEqualTo("Unschedulable");
        assertThat(e.getMessage())
                .contains("pod has unbound immediate PersistentVolumeClaims")
                .contains("check that its storage class exists")
                .doesNotContain("Add or free capacity");
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state"))
                .hasValueSatisfying(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Pending"));
        assertThat(fixture.cluster.events())
                .anySatisfy(
                        ev ->
                                assertThat(ev.getMessage())
                                        .isEqualTo(
                                                "storageclass.storage.k8s.io \"fast-ssd\" not found"));
    }
}
