package io.flinkk8s.sdk.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.FlinkK8sTest;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.Specs;
import io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Faults#failRequests(FailureRate)}: a flaky API server in one call. */
@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class FailRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long SEED = 42;

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static int codeOf(Runnable request) {
        try {
            request.run();
            return 200;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
    }

    @Test
    void readsAreLeftAloneUnlessNamed(FlinkK8sCluster cluster, KubernetesClient client) {
        client.resource(configMap("kept")).create();

        try (ApiFault writes = cluster.faults().failRequests(FailureRate.percent(100))) {
            assertThat(client.configMaps().list().getItems()).hasSize(1);
            assertThat(client.configMaps().withName("kept").get()).isNotNull();
            assertThat(codeOf(() -> client.resource(configMap("new")).create())).isEqualTo(503);
        }
        try (ApiFault lists =
                cluster.faults().failRequests(FailureRate.percent(100).of(ApiVerb.LIST))) {
            assertThat(codeOf(() -> client.configMaps().list())).isEqualTo(503);
            assertThat(lists.failedRequests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.verb()).isEqualTo(ApiVerb.LIST));
        }
    }

    @Test
    void failsOnlyTheNamedKindsAndVerbsWithTheNamedStatus(
            FlinkK8sCluster cluster, KubernetesClient client) {
        cluster.faults()
                .failRequests(
                        FailureRate.percent(100)
                                .of(ApiVerb.CREATE)
                                .on(ConfigMap.class)
                                .answering(500));

        assertThat(codeOf(() -> client.resource(configMap("refused")).create())).isEqualTo(500);
        assertThat(codeOf(() -> client.apps().deployments().withName("none").get())).isEqualTo(200);
        assertThat(client.apps().deployments().list().getItems()).isEmpty();
    }

    @Test
    void aRemovedFaultFailsNothingMore(FlinkK8sCluster cluster, KubernetesClient client) {
        ApiFault fault = cluster.faults().failRequests(FailureRate.percent(100));
        assertThat(codeOf(() -> client.resource(configMap("first")).create())).isEqualTo(503);

        fault.remove();

        assertThat(codeOf(() -> client.resource(configMap("second")).create())).isEqualTo(200);
        assertThat(fault.failedRequests()).hasSize(1);
    }

    @Test
    void theDeployerDeploysAndUpgradesThroughAThirdOfItsWritesFailing(
            FlinkDeployer deployer, FlinkK8sCluster cluster) {
        FlinkDeploymentSpec v1 = Specs.ordersSmall();
        FlinkDeploymentSpec v2 = v1.withImage("registry.example.com/orders:1.4.3");

        try (ApiFault fault =
                cluster.faults().failRequests(FailureRate.percent(30).withSeed(SEED))) {
            FlinkDeploymentHandle orders = deployer.apply(v1);
            orders.waitUntilRunning(WAIT);
            deployer.apply(v2);
            orders.waitUntilRunning(WAIT);

            // which writes fail depends on the deployer's request sequence; at 30% of some 40
            // writes some always do (and only writes), which makes this a test of recovering
            assertThat(fault.failedRequests())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.verb().isWrite()).isTrue());
        }
        FlinkK8sAssertions.assertThat(cluster)
                .flinkDeployment("streaming", "orders")
                .job()
                .isRunning();
        assertThat(cluster.find(Deployment.class, "streaming", "orders-jobmanager"))
                .hasValueSatisfying(
                        d ->
                                assertThat(
                                                d.getSpec()
                                                        .getTemplate()
                                                        .getSpec()
                                                        .getContainers()
                                                        .get(0)
                                                        .getImage())
                                        .isEqualTo("registry.example.com/orders:1.4.3"));
    }

    @Test
    void aSeededRunFailsTheSameRequestsEveryTime() {
        List<String> first = failedWhileDeploying();

        List<String> second = failedWhileDeploying();

        assertThat(second).isNotEmpty().isEqualTo(first);
    }

    /** The requests a 30 % fault failed while a fresh cluster ran the headline. */
    private static List<String> failedWhileDeploying() {
        try (InMemoryFlinkK8sCluster cluster =
                        InMemoryFlinkK8sCluster.builder()
                                .namespace("streaming")
                                .customResourceDefinitions(CustomResourceDefinitions.none())
                                .start();
                ApiFault fault =
                        cluster.faults().failRequests(FailureRate.percent(30).withSeed(SEED))) {
            cluster.deployer().apply(Specs.ordersSmall()).waitUntilRunning(WAIT);
            return fault.failedRequests().stream()
                    .map(r -> r.verb() + " " + r.path() + " -> " + r.status())
                    .sorted()
                    .toList();
        }
    }
}
