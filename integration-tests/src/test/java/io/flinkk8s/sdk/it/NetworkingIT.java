package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.flinkk8s.sdk.core.deploy.Endpoint;
import io.flinkk8s.sdk.core.deploy.Endpoint.Exposure;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code networking} on the in-memory cluster: the URL {@code endpoint()} gives for each way the
 * REST API is exposed, and the NetworkPolicy as the cluster stores it, selecting the deployment's
 * pods and naming Flink's ports. The in-memory cluster stores NetworkPolicies and Ingresses and
 * does not enforce them on traffic; its load balancer controller gives a {@code LoadBalancer}
 * Service an address as a cloud provider would.
 */
class NetworkingIT {

    private static final String NS = DeployFixture.NAMESPACE;

    private final DeployFixture fixture = new DeployFixture();
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec exposed(RestServiceSpec rest) {
        return Specs.ordersWithoutHa().edit().networking(new NetworkingSpec(rest, null)).build();
    }

    private Endpoint endpointOf(FlinkDeploymentSpec spec) {
        FlinkDeploymentHandle handle = deployer.apply(spec);
        fixture.cluster.settle();
        return handle.endpoint();
    }

    @Test
    void aClusterIpServiceIsReachedThroughAPortForward() {
        Endpoint endpoint = endpointOf(Specs.ordersWithoutHa());

        assertThat(endpoint.exposure()).isEqualTo(Exposure.PORT_FORWARD);
        assertThat(endpoint.hasUrl()).isFalse();
        assertThat(endpoint.port()).isEqualTo(8081);
        assertThat(endpoint.hint())
                .contains("kubectl port-forward -n streaming service/orders-rest 8081")
                .contains("http://localhost:8081/");
    }

    @Test
    void aLoadBalancerServiceIsReachedAtTheAddressTheCloudReports() {
        Endpoint endpoint = endpointOf(exposed(RestServiceSpec.of(ServiceType.LOAD_BALANCER)));

        Service rest = fixture.cluster.find(Service.class, NS, "orders-rest").orElseThrow();
        String ip = rest.getStatus().getLoadBalancer().getIngress().get(0).getIp();
        assertThat(endpoint)
                .isEqualTo(
                        new Endpoint(
                                Exposure.LOAD_BALANCER,
                                "http://" + ip + ":8081/",
                                null,
                                "The REST Service's load balancer"));
    }

    @Test
    void aNodePortServiceGivesTheNodePortTheServerAllocatedAndLeavesTheNodeToTheCaller() {
        Endpoint allocated = endpointOf(exposed(RestServiceSpec.of(ServiceType.NODE_PORT)));

        Integer nodePort =
                fixture.cluster
                        .find(Service.class, NS, "orders-rest")
                        .orElseThrow()
                        .getSpec()
                        .getPorts()
                        .get(0)
                        .getNodePort();
        assertThat(nodePort).isBetween(30000, 32767);
        assertThat(allocated.exposure()).isEqualTo(Exposure.NODE_PORT);
        assertThat(allocated.url()).isNull();
        assertThat(allocated.port()).isEqualTo(nodePort);
        assertThat(allocated.hint()).contains("http://<node-address>:" + nodePort + "/");

        Endpoint chosen =
                endpointOf(exposed(new RestServiceSpec(ServiceType.NODE_PORT, 31081, null, null)));

        assertThat(chosen.port()).isEqualTo(31081);
    }

    @Test
    void anIngressWithTlsIsReachedOverHttpsAtItsHostAndPath() {
        FlinkDeploymentSpec spec =
                Specs.ordersWithoutHa()
                        .edit()
                        .ingress(
                                new IngressSpec(
                                        "flink.example.com/{{namespace}}/{{name}}(/|$)(.*)",
                                        "nginx",
                                        null,
                                        null,
                                        List.of(
                                                new IngressTls(
                                                        List.of("flink.example.com"),
                                                        "flink-tls"))))
                        .build();

        Endpoint endpoint = endpointOf(spec);

        assertThat(endpoint.exposure()).isEqualTo(Exposure.INGRESS);
        assertThat(endpoint.url()).isEqualTo("https://flink.example.com/streaming/orders/");
    }

    @Test
    void aHostlessIngressTemplateWaitsForTheControllersAddress() {
        FlinkDeploymentSpec spec =
                Specs.ordersWithoutHa()
                        .edit()
                        .ingress(IngressSpec.of("/{{namespace}}/{{name}}"))
                        .build();

        Endpoint endpoint = endpointOf(spec);

        assertThat(endpoint.exposure()).isEqualTo(Exposure.INGRESS);
        assertThat(endpoint.url()).isNull();
        assertThat(endpoint.hint())
                .contains("Ingress streaming/orders-rest routes /streaming/orders/ on any host");
    }

    @Test
    void onTheOperatorTargetTheOperatorsRestServiceGetsTheTypeAndAnAddress() {
        FlinkDeploymentSpec spec =
                exposed(
                                new RestServiceSpec(
                                        ServiceType.LOAD_BALANCER,
                                        null,
                                        Map.of("cloud.example.com/internal", "true"),
                                        null))
                        .withTarget(RenderTarget.OPERATOR);

        Endpoint endpoint = endpointOf(spec);

        Service rest = fixture.cluster.find(Service.class, NS, "orders-rest").orElseThrow();
        assertThat(rest.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(rest.getMetadata().getAnnotations())
                .containsEntry("cloud.example.com/internal", "true");
        assertThat(endpoint.exposure()).isEqualTo(Exposure.LOAD_BALANCER);
        assertThat(endpoint.url()).matches("http://198\\.51\\.100\\.\\d+:8081/");
    }

    @Test
    void theNetworkPolicySelectsEveryPodOfTheDeploymentAndOpensOnlyFlinksPorts() {
        FlinkDeploymentSpec spec =
                Specs.orders()
                        .edit()
                        .networking(
                                new NetworkingSpec(
                                        null,
                                        new NetworkPolicySpec(
                                                true, List.of("ingress-nginx"), null, null)))
                        .build();
        deployer.apply(spec);
        fixture.cluster.awaitRunning(NS, "orders");

        NetworkPolicy policy =
                fixture.cluster.find(NetworkPolicy.class, NS, "orders").orElseThrow();

        List<Pod> selected =
                fixture.cluster.list(Pod.class, NS).stream()
                        .filter(
                                p ->
                                        p.getMetadata()
                                                .getLabels()
                                                .entrySet()
                                                .containsAll(
                                                        policy.getSpec()
                                                                .getPodSelector()
                                                                .getMatchLabels()
                                                                .entrySet()))
                        .toList();
        assertThat(selected)
                .hasSize(fixture.cluster.list(Pod.class, NS).size())
                .extracting(p -> p.getMetadata().getName())
                .anyMatch(n -> n.startsWith("orders-jobmanager"))
                .anyMatch(n -> n.startsWith("orders-taskmanager"));
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).extracting(NetworkPolicyIngressRule::getPorts).hasSize(2);
        assertThat(ports(rules.get(0))).containsExactly(6123, 6124, 6122, 6121);
        assertThat(ports(rules.get(1))).containsExactly(8081);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(
                        fixture.cluster
                                .find(
                                        io.fabric8.kubernetes.api.model.ConfigMap.class,
                                        NS,
                                        "orders-flink-config")
                                .orElseThrow()
                                .getData()
                                .get("config.yaml"))
                .containsPattern("taskmanager.data.port: '?6121'?\n");
    }

    private static List<Integer> ports(NetworkPolicyIngressRule rule) {
        return rule.getPorts().stream()
                .map(NetworkPolicyPort::getPort)
                .map(IntOrString::getIntVal)
                .toList();
    }
}
