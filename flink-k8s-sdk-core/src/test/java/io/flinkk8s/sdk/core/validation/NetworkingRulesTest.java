package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkingRulesTest {

    private static FlinkDeploymentSpec with(RestServiceSpec rest, NetworkPolicySpec policy) {
        return Specs.minimalApplication()
                .edit()
                .networking(new NetworkingSpec(rest, policy))
                .build();
    }

    @Test
    void acceptsEveryServiceTypeWithTheFieldsItTakes() {
        assertThat(Violations.of(with(RestServiceSpec.of(ServiceType.CLUSTER_IP), null))).isEmpty();
        assertThat(
                        Violations.of(
                                with(
                                        new RestServiceSpec(
                                                ServiceType.NODE_PORT, 30081, null, null),
                                        null)))
                .isEmpty();
        assertThat(
                        Violations.of(
                                with(
                                        new RestServiceSpec(
                                                ServiceType.LOAD_BALANCER,
                                                null,
                                                Map.of("cloud.example.com/internal", "true"),
                                                List.of("10.0.0.0/8", "2001:db8::/32")),
                                        null)))
                .isEmpty();
    }

    @Test
    void rejectsANodePortOrSourceRangesTheServiceTypeCannotHaveAndBadCidrs() {
        assertThat(
                        Violations.of(
                                with(
                                        new RestServiceSpec(
                                                null, 30081, null, List.of("10.0.0.0/8")),
                                        null)))
                .containsExactly(
                        "networking.restService.nodePort: needs networking.restService.type"
                                + " NodePort or LoadBalancer, was 30081",
                        "networking.restService.loadBalancerSourceRanges: needs"
                                + " networking.restService.type LoadBalancer, was [10.0.0.0/8]");
        assertThat(
                        Violations.of(
                                with(
                                        new RestServiceSpec(
                                                ServiceType.LOAD_BALANCER,
                                                70000,
                                                null,
                                                List.of("10.0.0.0", "300.0.0.0/8")),
                                        null)))
                .containsExactly(
                        "networking.restService.nodePort: must be a port in the cluster's node"
                                + " port range (by default 30000-32767), was 70000",
                        "networking.restService.loadBalancerSourceRanges[0]: must be a CIDR such"
                                + " as 203.0.113.0/24, was '10.0.0.0'",
                        "networking.restService.loadBalancerSourceRanges[1]: must be a CIDR such"
                                + " as 203.0.113.0/24, was '300.0.0.0/8'");
    }

    @Test
    void refusesWhatFlinksNativeModeCannotSetOnTheOperatorTarget() {
        FlinkDeploymentSpec spec =
                with(
                                new RestServiceSpec(
                                        ServiceType.LOAD_BALANCER,
                                        30081,
                                        null,
                                        List.of("10.0.0.0/8")),
                                null)
                        .withTarget(RenderTarget.OPERATOR);

        assertThat(Violations.of(spec))
                .containsExactly(
                        "networking.restService.nodePort: is not supported with target operator:"
                                + " Flink's native Kubernetes mode picks the node port; leave it"
                                + " unset, was 30081",
                        "networking.restService.loadBalancerSourceRanges: is not supported with"
                                + " target operator: Flink's native Kubernetes mode has no"
                                + " option for it; restrict the clients with"
                                + " networking.networkPolicy instead, was [10.0.0.0/8]");
    }

    @Test
    void refusesTheRestServiceOptionsInFlinkConfigurationWhenTheRestServiceIsSet() {
        FlinkDeploymentSpec spec =
                with(RestServiceSpec.of(ServiceType.NODE_PORT), null)
                        .withFlinkConfiguration(
                                Map.of("kubernetes.rest-service.exposed.type", "LoadBalancer"));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkConfiguration['kubernetes.rest-service.exposed.type']: is set by"
                                + " networking.restService and must not be set here; change"
                                + " networking.restService instead, was 'LoadBalancer'");
    }

    @Test
    void judgesTheNetworkPolicysNamespacesSelectorsAndDataPort() {
        FlinkDeploymentSpec spec =
                with(
                                null,
                                new NetworkPolicySpec(
                                        true,
                                        List.of("Ingress_Nginx"),
                                        List.of(Map.of(), Map.of("app", "bad value")),
                                        List.of("monitoring")))
                        .withFlinkConfiguration(Map.of("taskmanager.data.port", "0"));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "networking.networkPolicy.restFromNamespaces[0]: must be a DNS-1123 label"
                                + " ([a-z0-9]([-a-z0-9]*[a-z0-9])?) of at most 63 characters, was"
                                + " 'Ingress_Nginx'",
                        "networking.networkPolicy.restFromPods[0]: must name at least one label:"
                                + " an empty selector would admit every pod of the namespace, was"
                                + " {}",
                        "networking.networkPolicy.restFromPods[1]: value of label 'app' must be"
                                + " empty or at most 63 characters matching"
                                + " ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], was 'bad value'",
                        "networking.networkPolicy.metricsFromNamespaces: has no effect without"
                                + " observability.prometheus.enabled: true, was [monitoring]",
                        "flinkConfiguration['taskmanager.data.port']: must be a single port from 1"
                                + " to 65535 with networking.networkPolicy on: the policy opens"
                                + " exactly that port between TaskManagers (leave it unset for"
                                + " 6121), was '0'");
    }

    @Test
    void reportsPolicyFieldsThatHaveNoEffectWhileThePolicyIsOff() {
        FlinkDeploymentSpec spec =
                with(null, new NetworkPolicySpec(null, List.of("ingress-nginx"), null, null));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "networking.networkPolicy.restFromNamespaces: has no effect while"
                                + " networking.networkPolicy.enabled is not true, was"
                                + " [ingress-nginx]");
    }
}
