package io.flinkk8s.sdk.testkit.internal.admission;

import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.NS;
import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims as a cluster with a default StorageClass treats them: the class is filled in on create,
 * the claim binds to a provisioned volume once a pod mounts it (the default class waits for its
 * first consumer, as kind's does); a claim of a missing class stays Pending with the provisioning
 * Event, and the pods mounting it stay unscheduled with the scheduler's message.
 */
class VolumeBindingTest {

    private final AdmissionFixture fixture = new AdmissionFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static PersistentVolumeClaim claim(String name, String storageClass) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withStorageClassName(storageClass)
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("10Gi"))
                .endResources()
                .endSpec()
                .build();
    }

    private static Pod mounting(String name, String claim) {
        return new PodBuilder(pod(name, Map.of(), Map.of()))
                .editSpec()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName(claim)
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .build();
    }

    private PersistentVolumeClaim stored(String name) {
        return fixture.cluster.find(PersistentVolumeClaim.class, NS, name).orElseThrow();
    }

    @Test
    void theClusterStartsWithTheDefaultClassStandardAsKindDoes() {
        assertThat(fixture.cluster.find(StorageClass.class, null, "standard"))
                .hasValueSatisfying(
                        c -> {
                            assertThat(c.getMetadata().getAnnotations())
                                    .containsEntry(
                                            "storageclass.kubernetes.io/is-default-class", "true");
                            assertThat(c.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
                        });
    }

    @Test
    void aClaimWithoutAClassGetsTheDefaultAndBindsOnceAPodMountsIt() {
        fixture.create(claim("data", null));
        fixture.cluster.settle();
        assertThat(stored("data").getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(stored("data").getStatus().getPhase()).isEqualTo("Pending");

        fixture.create(mounting("app", "data"));
        fixture.cluster.settle();

        PersistentVolumeClaim bound = stored("data");
        assertThat(bound.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(bound.getStatus().getCapacity()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(bound.getStatus().getAccessModes()).containsExactly("ReadWriteOnce");
        PersistentVolume pv =
                fixture.cluster
                        .find(PersistentVolume.class, null, bound.getSpec().getVolumeName())
                        .orElseThrow();
        assertThat(pv.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(pv.getSpec().getClaimRef().getName()).isEqualTo("data");
        assertThat(fixture.cluster.find(Pod.class, NS, "app").get().getSpec().getNodeName())
                .isNotNull();

        // the volume goes with its claim (reclaim policy Delete)
        fixture.cluster.client().pods().inNamespace(NS).withName("app").delete();
        fixture.cluster.client().persistentVolumeClaims().inNamespace(NS).withName("data").delete();
        fixture.cluster.settle();
        assertThat(fixture.cluster.list(PersistentVolume.class, null)).isEmpty();
    }

    @Test
    void anImmediateClassBindsAtOnce() {
        fixture.create(
                new StorageClassBuilder()
                        .withNewMetadata()
                        .withName("fast")
                        .endMetadata()
                        .withProvisioner("ebs.csi.aws.com")
                        .withVolumeBindingMode("Immediate")
                        .build());

        fixture.create(claim("data", "fast"));
        fixture.cluster.settle();

        assertThat(stored("data").getStatus().getPhase()).isEqualTo("Bound");
        assertThat(stored("data").getMetadata().getAnnotations())
                .containsEntry("volume.kubernetes.io/storage-provisioner", "ebs.csi.aws.com");
    }

    @Test
    void aClaimOfAMissingClassStaysPendingAndItsPodUnschedulable() {
        fixture.create(claim("data", "nfs-client"));
        fixture.create(mounting("app", "data"));
        fixture.cluster.settle();

        assertThat(stored("data").getStatus().getPhase()).isEqualTo("Pending");
        assertThat(fixture.cluster.events())
                .anySatisfy(
                        e -> {
                            assertThat(e.getReason()).isEqualTo("ProvisioningFailed");
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "storageclass.storage.k8s.io \"nfs-client\" not found");
                        });
        Pod app = fixture.cluster.find(Pod.class, NS, "app").orElseThrow();
        assertThat(app.getSpec().getNodeName()).isNull();
        assertThat(app.getStatus().getConditions())
                .extracting(PodCondition::getReason, PodCondition::getMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Unschedulable",
                                "0/1 nodes are available: pod has unbound immediate"
                                        + " PersistentVolumeClaims. preemption: 0/1 nodes are"
                                        + " available: 1 Preemption is not helpful for"
                                        + " scheduling."));

        // when the class appears, the claim binds and the pod is scheduled
        fixture.create(
                new StorageClassBuilder()
                        .withNewMetadata()
                        .withName("nfs-client")
                        .endMetadata()
                        .withProvisioner("nfs")
                        .build());
        fixture.cluster.settle();
        assertThat(stored("data").getStatus().getPhase()).isEqualTo("Bound");
        assertThat(fixture.cluster.find(Pod.class, NS, "app").get().getSpec().getNodeName())
                .isNotNull();
    }

    @Test
    void aClassTheTestAddsBindsItsClaimsAndCannotBeAddedTwice() {
        fixture.cluster.addStorageClass("nfs-client");
        fixture.create(claim("data", "nfs-client"));
        fixture.create(mounting("app", "data"));
        fixture.cluster.settle();

        assertThat(stored("data").getStatus().getPhase()).isEqualTo("Bound");
        assertThat(fixture.cluster.find(StorageClass.class, null, "nfs-client"))
                .hasValueSatisfying(
                        c -> assertThat(c.getMetadata().getAnnotations()).isNullOrEmpty());
        assertThatThrownBy(() -> fixture.cluster.addStorageClass("nfs-client"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The cluster has a StorageClass nfs-client already");
    }

    @Test
    void anEmptyClassAsksForNoClassAndStaysPending() {
        fixture.create(claim("data", ""));
        fixture.cluster.settle();

        assertThat(stored("data").getSpec().getStorageClassName()).isEmpty();
        assertThat(stored("data").getStatus().getPhase()).isEqualTo("Pending");
    }
}
