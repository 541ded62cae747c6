package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waves of a first apply, read from the testkit's request log (requests in arrival order): what
 * pods need to exist (ServiceAccount, RBAC, ConfigMaps) and the Services all before any Deployment,
 * and the objects that only refer to the Deployments (HPA, PDBs) with them: two round trips. The
 * HPA may arrive an instant before its Deployment; its first sync finds the Deployment, and it
 * scales it to its minimum.
 */
class ApplyWavesIT {

    private static final Set<String> BEFORE_PODS =
            Set.of("serviceaccounts", "roles", "rolebindings", "configmaps", "services");
    private static final Set<String> WITH_DEPLOYMENTS =
            Set.of("deployments", "poddisruptionbudgets", "horizontalpodautoscalers");

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aFirstApplyWritesWhatPodsNeedBeforeAnyDeploymentAndTheHpaAndBudgetsWithThem() {
        FlinkDeployer deployer = fixture.deployer();
        fixture.cluster.requests().reset();

        deployer.apply(headlineLike());

        List<ApiRequest> applies =
                fixture.cluster.requests().all().stream().filter(ApiRequest::isApply).toList();
        int lastBeforePods = lastIndex(applies, BEFORE_PODS);
        int firstWithDeployments = firstIndex(applies, WITH_DEPLOYMENTS);
        assertThat(applies)
                .extracting(ApiRequest::resource)
                .contains(
                        "serviceaccounts",
                        "configmaps",
                        "services",
                        "deployments",
                        "horizontalpodautoscalers",
                        "poddisruptionbudgets");
        assertThat(lastBeforePods).isLessThan(firstWithDeployments);
        assertThat(applies.subList(firstWithDeployments, applies.size()))
                .extracting(ApiRequest::resource)
                .allMatch(WITH_DEPLOYMENTS::contains);
    }

    @Test
    void theJobRunsAfterAFirstApplyInWavesAndTheHpaScaledItsDeploymentToItsMinimum() {
        FlinkDeployer deployer = fixture.deployer();

        deployer.apply(headlineLike());
        fixture.cluster.awaitRunning(DeployFixture.NAMESPACE, "orders");

        assertThat(fixture.cluster.flink(DeployFixture.NAMESPACE, "orders").runtime()).isPresent();
        assertThat(
                        fixture.cluster
                                .find(
                                        Deployment.class,
                                        DeployFixture.NAMESPACE,
                                        "orders-taskmanager")
                                .orElseThrow()
                                .getSpec()
                                .getReplicas())
                .isEqualTo(2);
    }

    /** {@code orders} with an HPA and PodDisruptionBudgets, as the headline renders them. */
    private static FlinkDeploymentSpec headlineLike() {
        return FlinkK8s.from(Specs.orders())
                .autoscaling(a -> a.taskManagers(2, 8).targetCpu(60))
                .disruption(d -> d.taskManagerMaxUnavailable(1))
                .build();
    }

    private static int lastIndex(List<ApiRequest> requests, Set<String> resources) {
        return IntStream.range(0, requests.size())
                .filter(i -> resources.contains(requests.get(i).resource()))
                .max()
                .orElseThrow();
    }

    private static int firstIndex(List<ApiRequest> requests, Set<String> resources) {
        return IntStream.range(0, requests.size())
                .filter(i -> resources.contains(requests.get(i).resource()))
                .min()
                .orElseThrow();
    }
}
