package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator-target spec on a cluster that does not serve {@code FlinkDeployment} (the Flink
 * Kubernetes Operator and its CRDs are not installed, or were removed): every call that needs the
 * kind fails at once, naming the kind and what to install, with a short message.
 */
class MissingOperatorIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final String DISCOVERY = "/apis/flink.apache.org/v1beta1";

    private final InMemoryFlinkK8sCluster cluster =
            InMemoryFlinkK8sCluster.builder()
                    .namespace(NS)
                    .customResourceDefinitions(CustomResourceDefinitions.none())
                    .start();
    private final FlinkDeployer deployer =
            FlinkDeployer.create(
                    cluster.client(),
                    DeployOptions.builder()
                            .retryPolicy(
                                    RetryPolicy.defaults()
                                            .withBackoff(
                                                    Duration.ofMillis(1), Duration.ofMillis(5)))
                            .build());

    @AfterEach
    void close() {
        deployer.close();
        cluster.close();
    }

    private static FlinkDeploymentSpec orders() {
        return Specs.orders().withTarget(RenderTarget.OPERATOR);
    }

    @Test
    void applyFailsAtOnceNamingTheKindAndWhatToInstallInAShortMessage() {
        assertThatThrownBy(() -> deployer.apply(orders()))
                .isInstanceOfSatisfying(
                        ApplyException.class,
                        e -> {
                            assertThat(e).isInstanceOf(KindNotServedException.class);
                            assertThat(e.kind()).isEqualTo("FlinkDeployment");
                            assertThat(e.name()).isEqualTo("orders");
                            assertThat(e.getMessage()).hasSizeLessThan(600);
                        })
                .hasMessageStartingWith(
                        "Could not apply FlinkDeployment streaming/orders: the cluster does not"
                                + " serve FlinkDeployment (flink.apache.org/v1beta1). Install the"
                                + " Flink Kubernetes Operator and its CRDs")
                .hasMessageContaining("helm install flink-kubernetes-operator")
                .hasMessageContaining("or render the spec with target standalone")
                .hasMessageNotContaining("after every retry")
                .hasMessageNotContaining("retry policy")
                .hasMessageNotContaining("jobManager")
                .hasMessageNotContaining("registry.example.com");
        assertThat(cluster.requests().writes()).as("nothing written").isEmpty();
        assertThat(cluster.requests().all())
                .as("one discovery by the client, one by the SDK: no retry")
                .filteredOn(r -> r.path().startsWith(DISCOVERY))
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void planAndStatusOfADeploymentWhoseOperatorWasRemovedNameTheMissingKind() {
        // given: the deployment was applied while the operator ran, then its CRDs were removed
        copyStateRecordOfAnAppliedOperatorDeployment();
        // when / then
        assertThatThrownBy(() -> deployer.plan(orders()))
                .isInstanceOf(KindNotServedException.class)
                .hasMessageStartingWith(
                        "Could not list FlinkDeployment objects in namespace streaming: the cluster"
                                + " does not serve FlinkDeployment (flink.apache.org/v1beta1).");
        assertThatThrownBy(() -> deployer.handle(NS, "orders").status())
                .isInstanceOf(KindNotServedException.class)
                .hasMessageStartingWith(
                        "Could not apply FlinkDeployment streaming/orders: the cluster does not"
                                + " serve FlinkDeployment");
        assertThat(cluster.requests().all())
                .extracting(ApiRequest::resource)
                .doesNotContain("flinkdeployments");
    }

    @Test
    void theStatusViewStartsAndShowsNoFlinkDeploymentWithoutTheOperator() {
        // given
        copyStateRecordOfAnAppliedOperatorDeployment();
        // when
        try (DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS))) {
            // then
            assertThat(view.status(NS, "orders").message())
                    .isEqualTo("no FlinkDeployment streaming/orders");
        }
    }

    @Test
    void deleteOfADeploymentWhoseOperatorWasRemovedDeletesWhatIsLeft() {
        // given
        copyStateRecordOfAnAppliedOperatorDeployment();
        FlinkDeploymentHandle orders = deployer.handle(NS, "orders");
        // when
        orders.delete(DeleteOptions.everything());
        // then
        assertThat(cluster.find(ConfigMap.class, NS, ResourceNames.of("orders").sdkState()))
                .isEmpty();
        assertThat(cluster.requests().all())
                .extracting(ApiRequest::resource)
                .doesNotContain("flinkdeployments");
    }

    /** The state record an apply with the operator's CRDs installed leaves, copied here. */
    private void copyStateRecordOfAnAppliedOperatorDeployment() {
        String record = ResourceNames.of("orders").sdkState();
        try (DeployFixture withOperator = new DeployFixture()) {
            withOperator.deployer().apply(orders());
            ConfigMap applied =
                    withOperator.cluster.find(ConfigMap.class, NS, record).orElseThrow();
            cluster.client()
                    .configMaps()
                    .inNamespace(NS)
                    .resource(
                            new ConfigMapBuilder(applied)
                                    .editMetadata()
                                    .withResourceVersion(null)
                                    .withUid(null)
                                    .withManagedFields(List.of())
                                    .endMetadata()
                                    .build())
                    .create();
        }
        cluster.requests().reset();
    }
}
