package io.flinkk8s.sdk.core.render.step.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TlsStepsTest {

    private static FlinkDeploymentSpec with(TlsSpec tls) {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();
        return spec.edit().security(spec.security().withTls(tls)).build();
    }

    private static TlsSpec restAndInternal(boolean mutual) {
        return new TlsSpec(
                true,
                true,
                mutual,
                "orders-tls",
                null,
                null,
                null,
                "orders-tls-pass",
                "password",
                null,
                null);
    }

    private static RenderedResources render(FlinkDeploymentSpec spec) {
        return Renderer.defaults().render(spec);
    }

    private static PodSpec pod(RenderedResources r, FlinkDeploymentSpec spec, String suffix) {
        return r.deployment(spec.name() + suffix).getSpec().getTemplate().getSpec();
    }

    private static Container main(PodSpec pod) {
        return pod.getContainers().stream()
                .filter(c -> FlinkPorts.MAIN_CONTAINER.equals(c.getName()))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> flinkConfig(RenderedResources r, FlinkDeploymentSpec spec) {
        String file = r.configMap(spec.name() + "-flink-config").getData().get("config.yaml");
        return file.lines()
                .filter(l -> l.startsWith("security.ssl."))
                .map(l -> l.split(": ", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, TreeMap::new));
    }

    @Test
    void setsFlinksTlsOptionsByPathWithoutAnyPassword() {
        FlinkDeploymentSpec spec = with(restAndInternal(true));

        Map<String, String> config = flinkConfig(render(spec), spec);

        assertThat(config)
                .containsExactlyEntriesOf(
                        new TreeMap<>(
                                Map.of(
                                        "security.ssl.internal.enabled", "true",
                                        "security.ssl.internal.keystore",
                                                "/opt/flink/tls/keystore.jks",
                                        "security.ssl.internal.truststore",
                                                "/opt/flink/tls/truststore.jks",
                                        "security.ssl.rest.authentication-enabled", "true",
                                        "security.ssl.rest.enabled", "true",
                                        "security.ssl.rest.keystore", "/opt/flink/tls/keystore.jks",
                                        "security.ssl.rest.truststore",
                                                "/opt/flink/tls/truststore.jks")));
    }

    @Test
    void aPkcs12StoreTypeIsWrittenForBothStoresAndPicksTheP12KeysByDefault() {
        FlinkDeploymentSpec spec =
                with(
                        new TlsSpec(
                                true,
                                null,
                                null,
                                "orders-tls",
                                null,
                                null,
                                "PKCS12",
                                null,
                                "password",
                                null,
                                null));

        Map<String, String> config = flinkConfig(render(spec), spec);

        assertThat(config)
                .containsEntry("security.ssl.rest.keystore", "/opt/flink/tls/keystore.p12")
                .containsEntry("security.ssl.rest.truststore", "/opt/flink/tls/truststore.p12")
                .containsEntry("security.ssl.rest.keystore-type", "PKCS12")
                .containsEntry("security.ssl.rest.truststore-type", "PKCS12")
                .doesNotContainKey("security.ssl.internal.enabled");
    }

    @Test
    void mountsTheTwoStoresOfTheSecretReadOnlyInBothPods() {
        FlinkDeploymentSpec spec = with(restAndInternal(false));
        RenderedResources r = render(spec);

        for (String suffix : new String[] {"-jobmanager", "-taskmanager"}) {
            PodSpec pod = pod(r, spec, suffix);
            Volume volume =
                    pod.getVolumes().stream()
                            .filter(v -> ContainerFilesystemStep.TLS_VOLUME.equals(v.getName()))
                            .findFirst()
                            .orElseThrow();
            assertThat(volume.getSecret().getSecretName()).isEqualTo("orders-tls");
            assertThat(volume.getSecret().getItems())
                    .extracting(KeyToPath::getKey, KeyToPath::getPath)
                    .containsExactly(
                            tuple("keystore.jks", "keystore.jks"),
                            tuple("truststore.jks", "truststore.jks"));
            assertThat(main(pod).getVolumeMounts())
                    .filteredOn(m -> ContainerFilesystemStep.TLS_VOLUME.equals(m.getName()))
                    .extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
                    .containsExactly(tuple(TlsSpec.MOUNT_PATH, true));
        }
    }

    @Test
    void thePasswordsAreMergedAtContainerStartFromThePasswordSecretForEachChannel() {
        FlinkDeploymentSpec spec = with(restAndInternal(false));
        PodSpec pod = pod(render(spec), spec, "-jobmanager");

        Volume secrets =
                pod.getVolumes().stream()
                        .filter(v -> ContainerFilesystemStep.SECRETS_VOLUME.equals(v.getName()))
                        .findFirst()
                        .orElseThrow();

        assertThat(secrets.getProjected().getSources()).hasSize(1);
        assertThat(secrets.getProjected().getSources().get(0).getSecret().getName())
                .isEqualTo("orders-tls-pass");
        assertThat(secrets.getProjected().getSources().get(0).getSecret().getItems())
                .extracting(KeyToPath::getPath, KeyToPath::getKey)
                .containsExactlyInAnyOrder(
                        tuple("security.ssl.internal.key-password", "password"),
                        tuple("security.ssl.internal.keystore-password", "password"),
                        tuple("security.ssl.internal.truststore-password", "password"),
                        tuple("security.ssl.rest.key-password", "password"),
                        tuple("security.ssl.rest.keystore-password", "password"),
                        tuple("security.ssl.rest.truststore-password", "password"));
        assertThat(main(pod).getCommand().get(2)).contains(ContainerFilesystemStep.SECRETS_DIR);
    }

    @Test
    void theJobManagersRestProbesUseHttps() {
        FlinkDeploymentSpec spec = with(restAndInternal(false));
        Container main = main(pod(render(spec), spec, "-jobmanager"));

        for (Probe probe : new Probe[] {main.getStartupProbe(), main.getReadinessProbe()}) {
            assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(FlinkPorts.REST_NAME);
        }
    }

    @Test
    void withMutualAuthTheRestProbesOnlyOpenThePortAsTheKubeletHasNoClientCertificate() {
        FlinkDeploymentSpec plain = RenderFixtures.minimalApplication();
        FlinkDeploymentSpec spec = with(restAndInternal(true));
        Container before = main(pod(render(plain), plain, "-jobmanager"));
        Container main = main(pod(render(spec), spec, "-jobmanager"));

        Probe readiness = main.getReadinessProbe();
        assertThat(readiness.getHttpGet()).isNull();
        assertThat(readiness.getTcpSocket().getPort().getStrVal()).isEqualTo(FlinkPorts.REST_NAME);
        assertThat(readiness.getPeriodSeconds())
                .isEqualTo(before.getReadinessProbe().getPeriodSeconds());
        assertThat(main.getStartupProbe().getTcpSocket()).isNotNull();
    }

    @Test
    void internalTlsOnlyLeavesTheRestProbesOnPlainHttp() {
        FlinkDeploymentSpec spec =
                with(
                        new TlsSpec(
                                null,
                                true,
                                null,
                                "orders-tls",
                                null,
                                null,
                                null,
                                null,
                                "password",
                                null,
                                null));
        Container main = main(pod(render(spec), spec, "-jobmanager"));

        assertThat(main.getReadinessProbe().getHttpGet().getScheme()).isNull();
        assertThat(flinkConfig(render(spec), spec))
                .containsEntry("security.ssl.internal.enabled", "true")
                .doesNotContainKey("security.ssl.rest.enabled");
    }
}
