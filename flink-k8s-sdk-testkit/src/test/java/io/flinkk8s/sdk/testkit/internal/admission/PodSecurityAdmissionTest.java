package io.flinkk8s.sdk.testkit.internal.admission;

import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.NS;
import static io.flinkk8s.sdk.testkit.internal.admission.AdmissionFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pod security admission by namespace label: a pod that breaks the level's standard is refused with
 * every failed check as Kubernetes words it; a compliant one, or any in a namespace without the
 * label, is admitted.
 */
class PodSecurityAdmissionTest {

    private final AdmissionFixture fixture = new AdmissionFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void enforce(String level) {
        Namespace ns = fixture.cluster.find(Namespace.class, null, NS).orElseThrow();
        ns.getMetadata().setLabels(Map.of("pod-security.kubernetes.io/enforce", level));
        fixture.cluster.client().resource(ns).update();
    }

    private static Pod plain() {
        return pod("plain", Map.of(), Map.of());
    }

    /** What the SDK renders for restricted pods: non-root, no escalation, ALL dropped, seccomp. */
    private static Pod restricted() {
        return new PodBuilder(pod("restricted", Map.of(), Map.of()))
                .editSpec()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(9999L)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .editFirstContainer()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void aPlainPodInARestrictedNamespaceIsForbiddenWithEveryFailedCheck() {
        enforce("restricted");

        assertThat(fixture.refusal(plain()))
                .isEqualTo(
                        "403 pods \"plain\" is forbidden: violates PodSecurity"
                                + " \"restricted:latest\": allowPrivilegeEscalation != false"
                                + " (container \"app\" must set"
                                + " securityContext.allowPrivilegeEscalation=false), unrestricted"
                                + " capabilities (container \"app\" must set"
                                + " securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot !="
                                + " true (pod or container \"app\" must set"
                                + " securityContext.runAsNonRoot=true), seccompProfile (pod or"
                                + " container \"app\" must set securityContext.seccompProfile.type"
                                + " to \"RuntimeDefault\" or \"Localhost\")");
    }

    @Test
    void aRestrictedPodIsAdmittedInARestrictedNamespace() {
        enforce("restricted");

        assertThat(fixture.create(restricted()).getMetadata().getUid()).isNotNull();
    }

    @Test
    void aBaselineNamespaceAdmitsAPlainPodButNotAPrivilegedOneOnTheHostNetwork() {
        enforce("baseline");
        fixture.create(plain());
        Pod privileged =
                new PodBuilder(pod("privileged", Map.of(), Map.of()))
                        .editSpec()
                        .withHostNetwork(true)
                        .editFirstContainer()
                        .withNewSecurityContext()
                        .withPrivileged(true)
                        .endSecurityContext()
                        .endContainer()
                        .addNewVolume()
                        .withName("host")
                        .withNewHostPath()
                        .withPath("/var/run")
                        .endHostPath()
                        .endVolume()
                        .endSpec()
                        .build();

        assertThat(fixture.refusal(privileged))
                .isEqualTo(
                        "403 pods \"privileged\" is forbidden: violates PodSecurity"
                                + " \"baseline:latest\": host namespaces (hostNetwork=true),"
                                + " hostPath volumes (volume \"host\"), privileged (container"
                                + " \"app\" must not set securityContext.privileged=true)");
    }

    @Test
    void aPrivilegedOrUnlabelledNamespaceAdmitsAnything() {
        fixture.create(plain());
        enforce("privileged");

        assertThat(
                        fixture.create(
                                        new PodBuilder(plain())
                                                .editMetadata()
                                                .withName("p2")
                                                .endMetadata()
                                                .build())
                                .getMetadata()
                                .getUid())
                .isNotNull();
    }
}
