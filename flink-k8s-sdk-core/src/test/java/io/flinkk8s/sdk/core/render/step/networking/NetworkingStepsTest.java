package io.flinkk8s.sdk.core.render.step.networking;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderFixtures;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkingStepsTest {

    private static FlinkDeploymentSpec with(RestServiceSpec rest, NetworkPolicySpec policy) {
        return RenderFixtures.minimalApplication()
                .edit()
                .networking(new NetworkingSpec(rest, policy))
                .build();
    }

    private static RenderedResources render(FlinkDeploymentSpec spec) {
        return Renderer.defaults().render(spec);
    }

    private static List<Integer> ports(NetworkPolicyIngressRule rule) {
        return rule.getPorts().stream()
                .map(NetworkPolicyPort::getPort)
                .map(IntOrString::getIntVal)
                .toList();
    }

    @Test
    void theRestServiceIsAClusterIpServiceUnlessTheSpecSaysOtherwise() {
        FlinkDeploymentSpec spec = RenderFixtures.minimalApplication();

        Service rest = render(spec).service(spec.name() + "-rest");

        assertThat(rest.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(rest.getSpec().getPorts().get(0).getNodePort()).isNull();
    }

    @Test
    void aNodePortServiceGetsTheChosenNodePort() {
        FlinkDeploymentSpec spec =
                with(new RestServiceSpec(ServiceType.NODE_PORT, 30081, null, null), null);

        Service rest = render(spec).service(spec.name() + "-rest");

        assertThat(rest.getSpec().getType()).isEqualTo("NodePort");
        assertThat(rest.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30081);
        assertThat(render(spec).service(spec.name() + "-jobmanager-rpc").getSpec().getType())
                .isEqualTo("ClusterIP");
    }

    @Test
    void aLoadBalancerServiceGetsItsAnnotationsAndSourceRanges() {
        FlinkDeploymentSpec spec =
                with(
                        new RestServiceSpec(
                                ServiceType.LOAD_BALANCER,
                                null,
                                Map.of("cloud.example.com/internal", "true"),
                                List.of("10.0.0.0/8")),
                        null);

        Service rest = render(spec).service(spec.name() + "-rest");

        assertThat(rest.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(rest.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(rest.getMetadata().getAnnotations())
                .containsEntry("cloud.example.com/internal", "true");
    }

    @Test
    void theOperatorTargetExposesTheRestServiceThroughFlinksNativeOptions() {
        FlinkDeploymentSpec spec =
                with(
                                new RestServiceSpec(
                                        ServiceType.LOAD_BALANCER,
                                        null,
                                        Map.of("b.example.com/x", "2", "a.example.com/y", "1"),
                                        null),
                                null)
                        .withTarget(RenderTarget.OPERATOR);

        Map<String, Object> config = flinkConfiguration(spec);

        assertThat(config)
                .containsEntry("kubernetes.rest-service.exposed.type", "LoadBalancer")
                .containsEntry(
                        "kubernetes.rest-service.annotations",
                        "a.example.com/y:1,b.example.com/x:2");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flinkConfiguration(FlinkDeploymentSpec spec) {
        Map<String, Object> crSpec =
                (Map<String, Object>)
                        render(spec)
                                .flinkDeployment(spec.name())
                                .getAdditionalProperties()
                                .get("spec");
        return flatten("", (Map<String, Object>) crSpec.get("flinkConfiguration"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Map<String, Object> tree) {
        Map<String, Object> flat = new java.util.TreeMap<>();
        tree.forEach(
                (k, v) -> {
                    if (v instanceof Map<?, ?> m) {
                        flat.putAll(flatten(prefix + k + ".", (Map<String, Object>) m));
                    } else {
                        flat.put(prefix + k, v);
                    }
                });
        return flat;
    }

    @Test
    void theNetworkPolicyAdmitsOnlyFlinksOwnPortsBetweenTheDeploymentsPods() {
        FlinkDeploymentSpec spec = with(null, new NetworkPolicySpec(true, null, null, null));

        RenderedResources rendered = render(spec);
        NetworkPolicy policy = rendered.get(NetworkPolicy.class, spec.name());

        Map<String, String> pods = Map.of("app.kubernetes.io/instance", spec.name());
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(pods);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        NetworkPolicyIngressRule internal = policy.getSpec().getIngress().get(0);
        assertThat(internal.getFrom()).hasSize(1);
        assertThat(internal.getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(pods);
        assertThat(ports(internal)).containsExactly(6123, 6124, 6122, 6121);
        assertThat(rendered.configMap(spec.name() + "-flink-config").getData().get("config.yaml"))
                .containsPattern("taskmanager.data.port: '?6121'?\n");
    }

    @Test
    void theNetworkPolicyAdmitsRestFromTheChosenNamespacesAndPodsAndMetricsFromScrapers() {
        FlinkDeploymentSpec spec =
                with(
                                null,
                                new NetworkPolicySpec(
                                        true,
                                        List.of("ingress-nginx"),
                                        List.of(Map.of("app", "orders-api")),
                                        List.of("monitoring")))
                        .edit()
                        .observability(
                                new ObservabilitySpec(
                                        new PrometheusSpec(true, null, null, null, null), null))
                        .flinkConfiguration(Map.of("taskmanager.data.port", "7000"))
                        .build();

        NetworkPolicy policy = render(spec).get(NetworkPolicy.class, spec.name());

        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(3);
        assertThat(ports(rules.get(0))).containsExactly(6123, 6124, 6122, 7000);
        assertThat(ports(rules.get(1))).containsExactly(8081);
        assertThat(rules.get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(rules.get(1).getFrom().get(1).getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app", "orders-api"));
        assertThat(ports(rules.get(2))).containsExactly(9249);
        assertThat(rules.get(2).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
    }

    @Test
    void metricsMayBeScrapedFromEveryNamespaceWhenNoneIsListed() {
        FlinkDeploymentSpec spec =
                with(null, new NetworkPolicySpec(true, List.of("ops"), null, null))
                        .edit()
                        .observability(
                                new ObservabilitySpec(
                                        new PrometheusSpec(true, 9300, null, null, null), null))
                        .build();

        NetworkPolicyIngressRule metrics =
                render(spec).get(NetworkPolicy.class, spec.name()).getSpec().getIngress().get(2);

        assertThat(ports(metrics)).containsExactly(9300);
        assertThat(metrics.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .isNullOrEmpty();
        assertThat(metrics.getFrom().get(0).getNamespaceSelector().getMatchExpressions())
                .isNullOrEmpty();
        assertThat(metrics.getFrom().get(0).getPodSelector()).isNull();
    }

    @Test
    void onTheOperatorTargetThePolicySelectsTheOperatorsPodsAndAdvisesToAdmitTheOperator() {
        FlinkDeploymentSpec spec =
                with(null, new NetworkPolicySpec(true, null, null, null))
                        .withTarget(RenderTarget.OPERATOR);

        RenderedResources rendered = render(spec);
        NetworkPolicy policy = rendered.get(NetworkPolicy.class, spec.name());

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app", spec.name(), "type", "flink-native-kubernetes"));
        assertThat(flinkConfiguration(spec)).containsEntry("taskmanager.data.port", "6121");
        assertThat(rendered.advisories())
                .extracting(Advisory::path)
                .contains("networking.networkPolicy.restFromNamespaces");
    }

    @Test
    void anIngressWithoutAdmittedRestClientsIsAdvisedAbout() {
        FlinkDeploymentSpec spec =
                with(null, new NetworkPolicySpec(true, null, null, null))
                        .edit()
                        .ingress(IngressSpec.of("{{name}}.example.com"))
                        .build();

        assertThat(render(spec).advisories())
                .filteredOn(a -> a.path().startsWith("networking"))
                .extracting(Advisory::message)
                .singleElement()
                .asString()
                .startsWith("the Ingress controller calls the REST port 8081");
    }
}
