package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML and JSON form and the defaults of {@code networking} and {@code observability}. */
class NetworkingObservabilitySerializationTest {

    static FlinkDeploymentSpec withNetworkingAndObservability() {
        return SpecSerializationTest.fullSpec()
                .edit()
                .networking(
                        new NetworkingSpec(
                                new RestServiceSpec(
                                        ServiceType.LOAD_BALANCER,
                                        31081,
                                        Map.of(
                                                "service.beta.kubernetes.io/aws-load-balancer-internal",
                                                "true"),
                                        List.of("10.0.0.0/8")),
                                new NetworkPolicySpec(
                                        true,
                                        List.of("ingress-nginx"),
                                        List.of(Map.of("app", "orders-api")),
                                        List.of("monitoring"))))
                .observability(
                        new ObservabilitySpec(
                                new PrometheusSpec(
                                        true, 9250, false, true, Map.of("release", "prom")),
                                new LoggingSpec(
                                        LogLevel.WARN, Map.of("org.apache.kafka", LogLevel.DEBUG))))
                .build();
    }

    @Test
    void yamlAndJsonRoundTripsAreLossless() {
        FlinkDeploymentSpec spec = withNetworkingAndObservability();

        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
        assertThat(SpecSerialization.fromJson(SpecSerialization.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void theEffectiveSpecRoundTripsWithEveryDefaultWritten() {
        FlinkDeploymentSpec effective = SpecDefaults.apply(withNetworkingAndObservability());

        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(effective)))
                .isEqualTo(effective);
    }

    @Test
    void unsetSectionsAreNotWrittenNotEvenInTheEffectiveSpec() {
        FlinkDeploymentSpec tiny = FlinkDeploymentSpec.named("tiny");

        assertThat(SpecSerialization.toYaml(tiny)).isEqualTo("name: tiny\n");
        assertThat(SpecSerialization.toYaml(SpecDefaults.apply(tiny)))
                .doesNotContain("networking")
                .doesNotContain("observability");
    }

    @Test
    void readsTheDocumentedForm() {
        String yaml =
                """
                name: orders
                networking:
                  restService:
                    type: NodePort
                    nodePort: 30081
                  networkPolicy:
                    enabled: true
                    restFromNamespaces: [ingress-nginx]
                    restFromPods:
                      - app: orders-api
                observability:
                  prometheus:
                    enabled: true
                    podMonitor: true
                    podMonitorLabels:
                      release: kube-prometheus-stack
                  logging:
                    rootLevel: warn
                    levels:
                      org.apache.flink.runtime.checkpoint: DEBUG
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.networking().restService())
                .isEqualTo(new RestServiceSpec(ServiceType.NODE_PORT, 30081, null, null));
        assertThat(spec.networking().networkPolicy().restFromPods())
                .containsExactly(Map.of("app", "orders-api"));
        assertThat(spec.observability().prometheus().rendersPodMonitor()).isTrue();
        assertThat(spec.observability().logging())
                .isEqualTo(
                        new LoggingSpec(
                                LogLevel.WARN,
                                Map.of("org.apache.flink.runtime.checkpoint", LogLevel.DEBUG)));
    }

    @Test
    void anUnknownServiceTypeOrLevelNamesTheFieldAndTheAllowedValues() {
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nnetworking:\n  restService:\n"
                                                + "    type: ExternalName\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("networking.restService.type: ")
                .hasMessageContaining("ClusterIP, NodePort, LoadBalancer");
        assertThatThrownBy(
                        () ->
                                SpecSerialization.fromYaml(
                                        "name: x\nobservability:\n  logging:\n    levels:\n"
                                                + "      org.apache.kafka: LOUD\n"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("observability.logging.levels['org.apache.kafka']: ")
                .hasMessageContaining("TRACE, DEBUG, INFO, WARN, ERROR, OFF");
    }

    @Test
    void defaultsFillTheReporterAndTheServiceTypeOnlyWhenTheirSectionIsUsed() {
        FlinkDeploymentSpec spec =
                FlinkDeploymentSpec.named("orders")
                        .edit()
                        .networking(
                                new NetworkingSpec(
                                        new RestServiceSpec(null, null, Map.of("a", "b"), null),
                                        null))
                        .observability(
                                new ObservabilitySpec(
                                        new PrometheusSpec(true, null, null, null, null), null))
                        .build();

        FlinkDeploymentSpec effective = SpecDefaults.apply(spec);

        assertThat(effective.networking().restService().type()).isEqualTo(ServiceType.CLUSTER_IP);
        assertThat(effective.observability().prometheus())
                .isEqualTo(new PrometheusSpec(true, 9249, true, false, null));
        FlinkDeploymentSpec plain = SpecDefaults.apply(FlinkDeploymentSpec.named("orders"));
        assertThat(plain.networking()).isEqualTo(NetworkingSpec.none());
        assertThat(plain.observability()).isEqualTo(ObservabilitySpec.none());
        assertThat(SpecDefaults.apply(effective)).isEqualTo(effective);
    }
}
