package io.flinkk8s.sdk.testkit.internal.admission;

import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.NS;
import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ResourceQuota admission refuses what does not fit, with Kubernetes' messages; the quota's status
 * follows what the namespace holds; a ReplicaSet whose pods are refused says so as Kubernetes'
 * controllers do.
 */
class ResourceQuotaAdmissionTest {

    private final AdmissionFixture fixture = new AdmissionFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void quota(Map<String, String> hard) {
        Map<String, Quantity> q = new TreeMap<>();
        hard.forEach((k, v) -> q.put(k, new Quantity(v)));
        fixture.create(
                new ResourceQuotaBuilder()
                        .withNewMetadata()
                        .withName("compute")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withHard(q)
                        .endSpec()
                        .build());
    }

    private Map<String, Quantity> used() {
        return fixture.cluster
                .find(ResourceQuota.class, NS, "compute")
                .orElseThrow()
                .getStatus()
                .getUsed();
    }

    @Test
    void aPodOverTheQuotaIsForbiddenWithRequestedUsedAndLimited() {
        quota(Map.of("requests.cpu", "5", "limits.memory", "8Gi"));
        fixture.create(pod("a", Map.of("cpu", "2"), Map.of("memory", "3Gi")));
        fixture.create(pod("b", Map.of("cpu", "2"), Map.of("memory", "1536Mi")));

        assertThat(fixture.refusal(pod("c", Map.of("cpu", "1500m"), Map.of("memory", "1Gi"))))
                .isEqualTo(
                        "403 pods \"c\" is forbidden: exceeded quota: compute, requested:"
                                + " requests.cpu=1500m, used: requests.cpu=4, limited:"
                                + " requests.cpu=5");
        assertThat(fixture.cluster.find(Pod.class, NS, "c")).isEmpty();
    }

    @Test
    void aPodLeavingOutAConstrainedResourceIsForbiddenNamingItAndTheContainer() {
        quota(Map.of("limits.cpu", "4", "requests.memory", "4Gi"));

        assertThat(fixture.refusal(pod("a", Map.of(), Map.of())))
                .isEqualTo(
                        "403 pods \"a\" is forbidden: failed quota: compute: must specify"
                                + " limits.cpu for: app; requests.memory for: app");
    }

    @Test
    void aLimitWithoutARequestCountsAsTheRequestAsTheApiServerDefaultsIt() {
        quota(Map.of("requests.cpu", "1"));

        Pod stored = fixture.create(pod("a", Map.of(), Map.of("cpu", "1")));

        assertThat(stored.getSpec().getContainers().get(0).getResources().getRequests())
                .containsEntry("cpu", new Quantity("1"));
        assertThat(fixture.refusal(pod("b", Map.of(), Map.of("cpu", "100m"))))
                .contains("exceeded quota: compute, requested: requests.cpu=100m");
    }

    @Test
    void theQuotaStatusFollowsThePodsAsTheyComeAndGo() {
        quota(Map.of("pods", "10", "requests.memory", "10Gi", "count/configmaps", "5"));
        fixture.cluster.settle();
        assertThat(used())
                .containsEntry("pods", new Quantity("0"))
                .containsEntry("requests.memory", new Quantity("0"));

        fixture.create(pod("a", Map.of("memory", "1Gi"), Map.of()));
        fixture.create(pod("b", Map.of("memory", "512Mi"), Map.of()));
        fixture.cluster.settle();
        assertThat(used())
                .containsEntry("pods", new Quantity("2"))
                .containsEntry("requests.memory", new Quantity("1536Mi"));
        assertThat(
                        fixture.cluster
                                .find(ResourceQuota.class, NS, "compute")
                                .orElseThrow()
                                .getStatus()
                                .getHard())
                .containsEntry("pods", new Quantity("10"));

        fixture.cluster.client().pods().inNamespace(NS).withName("a").delete();
        fixture.cluster.settle();
        assertThat(used())
                .containsEntry("pods", new Quantity("1"))
                .containsEntry("requests.memory", new Quantity("512Mi"));
    }

    @Test
    void claimsCountAgainstTheStorageQuota() {
        quota(Map.of("requests.storage", "15Gi", "persistentvolumeclaims", "5"));
        fixture.create(claim("one", "10Gi"));

        assertThat(fixture.refusal(claim("two", "10Gi")))
                .isEqualTo(
                        "403 persistentvolumeclaims \"two\" is forbidden: exceeded quota:"
                                + " compute, requested: requests.storage=10Gi, used:"
                                + " requests.storage=10Gi, limited: requests.storage=15Gi");
    }

    @Test
    void aReplicaSetWhosePodsAreRefusedRecordsFailedCreateAndTheDeploymentShowsReplicaFailure() {
        quota(Map.of("pods", "1"));
        fixture.create(deployment(2));
        fixture.cluster.settle();

        ReplicaSet rs = fixture.cluster.list(ReplicaSet.class, NS).get(0);
        assertThat(rs.getStatus().getConditions())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getType()).isEqualTo("ReplicaFailure");
                            assertThat(c.getReason()).isEqualTo("FailedCreate");
                            assertThat(c.getMessage())
                                    .startsWith("pods \"" + rs.getMetadata().getName() + "-")
                                    .endsWith(
                                            "is forbidden: exceeded quota: compute, requested:"
                                                    + " pods=1, used: pods=1, limited: pods=1");
                        });
        assertThat(fixture.cluster.events())
                .filteredOn(e -> "FailedCreate".equals(e.getReason()))
                .first()
                .satisfies(
                        e -> {
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getInvolvedObject().getKind()).isEqualTo("ReplicaSet");
                            assertThat(e.getMessage())
                                    .startsWith("Error creating: pods \"")
                                    .contains("exceeded quota: compute");
                        });
        Deployment d = fixture.cluster.find(Deployment.class, NS, "web").orElseThrow();
        assertThat(d.getStatus().getConditions())
                .anySatisfy(
                        c -> {
                            assertThat(c.getType()).isEqualTo("ReplicaFailure");
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getMessage()).contains("exceeded quota: compute");
                        });

        // when: the quota is raised, the ReplicaSet creates the pod and the failure goes
        ResourceQuota raised = fixture.cluster.find(ResourceQuota.class, NS, "compute").get();
        raised.getSpec().getHard().put("pods", new Quantity("2"));
        fixture.cluster.client().resource(raised).update();
        fixture.cluster.settle();

        assertThat(fixture.cluster.list(Pod.class, NS)).hasSize(2);
        assertThat(
                        fixture.cluster
                                .find(Deployment.class, NS, "web")
                                .get()
                                .getStatus()
                                .getConditions())
                .noneSatisfy(c -> assertThat(c.getType()).isEqualTo("ReplicaFailure"));
        assertThat(fixture.cluster.list(Event.class, NS))
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SuccessfulCreate"));
    }

    private static io.fabric8.kubernetes.api.model.PersistentVolumeClaim claim(
            String name, String size) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .build();
    }

    private static Deployment deployment(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withSpec(pod("x", Map.of(), Map.of()).getSpec())
                .endTemplate()
                .endSpec()
                .build();
    }
}
