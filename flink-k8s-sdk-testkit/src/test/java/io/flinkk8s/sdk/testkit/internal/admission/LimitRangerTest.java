package io.flinkk8s.sdk.testkit.internal.admission;

import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.NS;
import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LimitRanger admission: a container without requests or limits gets the Container item's defaults
 * (and the annotation saying so); min, max and the limit-to-request ratio refuse with Kubernetes'
 * messages.
 */
class LimitRangerTest {

    private final AdmissionFixture fixture = new AdmissionFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void limits(LimitRangeItem... items) {
        fixture.create(
                new LimitRangeBuilder()
                        .withNewMetadata()
                        .withName("limits")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withLimits(items)
                        .endSpec()
                        .build());
    }

    private static Map<String, Quantity> q(String cpu, String memory) {
        return Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory));
    }

    @Test
    void aContainerWithoutResourcesGetsTheDefaultsAndTheAnnotationSaysWhich() {
        limits(
                new LimitRangeItemBuilder()
                        .withType("Container")
                        .withDefault(q("1", "1Gi"))
                        .withDefaultRequest(q("250m", "512Mi"))
                        .build());

        Pod stored = fixture.create(pod("a", Map.of(), Map.of()));

        ResourceRequirements resources = stored.getSpec().getContainers().get(0).getResources();
        assertThat(resources.getLimits()).isEqualTo(q("1", "1Gi"));
        assertThat(resources.getRequests()).isEqualTo(q("250m", "512Mi"));
        assertThat(stored.getMetadata().getAnnotations())
                .containsEntry(
                        "kubernetes.io/limit-ranger",
                        "LimitRanger plugin set: cpu, memory request for container app;"
                                + " cpu, memory limit for container app");
    }

    @Test
    void aMaxAloneDefaultsTheLimitAndTheRequestToIt() {
        limits(new LimitRangeItemBuilder().withType("Container").withMax(q("2", "4Gi")).build());

        Pod stored = fixture.create(pod("a", Map.of("cpu", "500m"), Map.of()));

        ResourceRequirements resources = stored.getSpec().getContainers().get(0).getResources();
        assertThat(resources.getLimits()).isEqualTo(q("2", "4Gi"));
        assertThat(resources.getRequests())
                .containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("4Gi"));
    }

    @Test
    void aContainerOverTheMaxIsForbiddenWithEveryViolation() {
        limits(new LimitRangeItemBuilder().withType("Container").withMax(q("2", "4Gi")).build());

        assertThat(fixture.refusal(pod("a", Map.of(), Map.of("cpu", "4", "memory", "8Gi"))))
                .isEqualTo(
                        "403 pods \"a\" is forbidden: [maximum cpu usage per Container is 2, but"
                                + " limit is 4, maximum memory usage per Container is 4Gi, but"
                                + " limit is 8Gi]");
    }

    @Test
    void aRequestUnderTheMinAndARatioOverTheMaximumAreForbidden() {
        limits(
                new LimitRangeItemBuilder()
                        .withType("Container")
                        .withMin(Map.of("memory", new Quantity("256Mi")))
                        .withMaxLimitRequestRatio(Map.of("cpu", new Quantity("2")))
                        .build());

        assertThat(
                        fixture.refusal(
                                pod(
                                        "a",
                                        Map.of("cpu", "500m", "memory", "128Mi"),
                                        Map.of("cpu", "2", "memory", "128Mi"))))
                .isEqualTo(
                        "403 pods \"a\" is forbidden: [minimum memory usage per Container is"
                                + " 256Mi, but request is 128Mi, cpu max limit to request ratio"
                                + " per Container is 2, but provided ratio is 4.000000]");
    }

    @Test
    void aPodItemBoundsTheSumOfItsContainers() {
        limits(
                new LimitRangeItemBuilder()
                        .withType("Pod")
                        .withMax(Map.of("cpu", new Quantity("1")))
                        .build());

        assertThat(fixture.refusal(pod("a", Map.of(), Map.of("cpu", "1500m"))))
                .isEqualTo(
                        "403 pods \"a\" is forbidden: maximum cpu usage per Pod is 1, but limit is"
                                + " 1500m");
    }
}
