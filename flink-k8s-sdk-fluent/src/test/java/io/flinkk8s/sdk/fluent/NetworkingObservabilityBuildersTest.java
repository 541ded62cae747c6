package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
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

/** The effect of each method of the networking and observability builders. */
class NetworkingObservabilityBuildersTest {

    private static FlinkDeploymentBuilder orders() {
        return FlinkK8s.application("orders")
                .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"));
    }

    @Test
    void networkingBuildsTheRestServiceAndTheNetworkPolicy() {
        FlinkDeploymentSpec spec =
                orders().networking(
                                n ->
                                        n.loadBalancer("10.0.0.0/8")
                                                .restServiceAnnotation(
                                                        "cloud.example.com/lb", "internal")
                                                .restFromNamespaces("ingress-nginx")
                                                .restFromPods(Map.of("app", "orders-api"))
                                                .metricsFromNamespaces("monitoring"))
                        .observability(o -> o.prometheus())
                        .build();

        assertThat(spec.networking())
                .isEqualTo(
                        new NetworkingSpec(
                                new RestServiceSpec(
                                        ServiceType.LOAD_BALANCER,
                                        null,
                                        Map.of("cloud.example.com/lb", "internal"),
                                        List.of("10.0.0.0/8")),
                                new NetworkPolicySpec(
                                        true,
                                        List.of("ingress-nginx"),
                                        List.of(Map.of("app", "orders-api")),
                                        List.of("monitoring"))));
    }

    @Test
    void observabilityBuildsTheReporterThePodMonitorAndTheLevelsWithDefaultsApplied() {
        FlinkDeploymentSpec spec =
                orders().observability(
                                o ->
                                        o.podMonitor(Map.of("release", "prom"))
                                                .rootLogLevel(LogLevel.WARN)
                                                .logLevel("org.apache.kafka", LogLevel.DEBUG))
                        .build();

        assertThat(spec.observability())
                .isEqualTo(
                        new ObservabilitySpec(
                                new PrometheusSpec(
                                        true, 9249, true, true, Map.of("release", "prom")),
                                new LoggingSpec(
                                        LogLevel.WARN,
                                        Map.of("org.apache.kafka", LogLevel.DEBUG))));
    }

    @Test
    void aCopyKeepsBothSectionsAndNoneClearsThem() {
        FlinkDeploymentSpec spec =
                orders().networking(n -> n.nodePort(30081).networkPolicy())
                        .observability(o -> o.prometheus(9300).withoutScrapeAnnotations())
                        .build();

        FlinkDeploymentSpec copy = FlinkK8s.from(spec).build();
        FlinkDeploymentSpec cleared =
                FlinkK8s.from(spec)
                        .networking(NetworkingBuilder::none)
                        .observability((ObservabilitySpec) null)
                        .build();

        assertThat(copy).isEqualTo(spec);
        assertThat(cleared.networking()).isEqualTo(NetworkingSpec.none());
        assertThat(cleared.observability()).isEqualTo(ObservabilitySpec.none());
    }

    @Test
    void badNetworkingIsRefusedWithItsPathOnBuild() {
        InvalidSpecException e =
                catchThrowableOfType(
                        InvalidSpecException.class,
                        () ->
                                orders().networking(
                                                n -> n.clusterIp().loadBalancer().nodePort(70000))
                                        .build());

        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly("networking.restService.nodePort");
    }
}
