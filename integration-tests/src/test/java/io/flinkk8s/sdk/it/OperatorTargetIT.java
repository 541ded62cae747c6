package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A spec with {@code target: operator} on the in-memory cluster (the operator's CRDs registered and
 * the testkit's operator stand-in running): apply server-side-applies one {@code FlinkDeployment},
 * status reads its {@code .status}, which the stand-in moves as the operator does.
 */
class OperatorTargetIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private DeployFixture fixture;

    @BeforeEach
    void start() {
        // every in-memory cluster carries the operator's CRDs
        fixture = new DeployFixture();
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static FlinkDeploymentSpec orders() {
        return Specs.orders().withTarget(RenderTarget.OPERATOR);
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            flinkDeployments() {
        KubernetesClient client = fixture.cluster.client();
        return client.genericKubernetesResources("flink.apache.org/v1beta1", "FlinkDeployment")
                .inNamespace(NS);
    }

    @Test
    void applyServerSideAppliesTheFlinkDeploymentAndASecondApplyWritesNothing() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        GenericKubernetesResource rendered =
                Renderer.defaults().render(orders()).flinkDeployment("orders");
        // when
        deployer.apply(orders());
        fixture.cluster.requests().reset();
        deployer.apply(orders());
        // then
        GenericKubernetesResource stored = flinkDeployments().withName("orders").get();
        assertThat(stored.getAdditionalProperties().get("spec"))
                .isEqualTo(rendered.getAdditionalProperties().get("spec"));
        assertThat(stored.getMetadata().getLabels()).isEqualTo(rendered.getMetadata().getLabels());
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        // the only Deployment is the JobManager the operator (its stand-in) created
        assertThat(fixture.cluster.client().apps().deployments().inNamespace(NS).list().getItems())
                .extracting(d -> d.getMetadata().getName() + " " + d.getMetadata().getLabels())
                .containsExactly(
                        "orders {app=orders, component=jobmanager, type=flink-native-kubernetes}");
    }

    @Test
    void theFirstApplyWritesOnlyTheResourceAndTheStateRecord() {
        fixture.deployer().apply(orders());

        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::resource)
                .containsExactlyInAnyOrder("flinkdeployments", "configmaps");
    }

    @Test
    void statusAndWaitsFollowTheResourceStatusTheOperatorWrites() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders());
        // when
        orders.waitUntilRunning(WAIT);
        DeploymentStatus after = orders.status();
        // then
        assertThat(after.lifecycle()).isEqualTo(Lifecycle.RUNNING);
        assertThat(after.message())
                .isEqualTo("operator: lifecycle STABLE, JobManager READY, job RUNNING");
        assertThat(after.job().state()).isEqualTo(JobStatus.RUNNING);
        assertThat(after.job().id())
                .isEqualTo(
                        fixture.cluster
                                .flink(NS, "orders")
                                .latestJob()
                                .orElseThrow()
                                .id()
                                .toHexString());
        assertThat(after.jobManager().isReady()).isTrue();
        orders.waitUntilReady(WAIT);
    }

    @Test
    void suspendAppliesJobStateSuspendedForTheOperatorToCarryOut() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders());
        // when
        orders.suspend();
        // then
        Object state = flinkDeployments().withName("orders").get().get("spec", "job", "state");
        assertThat(state).isEqualTo("suspended");
        assertThat(orders.spec().job().state().wireValue()).isEqualTo("suspended");
    }

    @Test
    void switchingARunningStatefulJobFromStandaloneToTheOperatorIsRefused() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(Specs.orders());
        // when / then
        assertThatThrownBy(() -> deployer.apply(orders()))
                .isInstanceOf(UpgradeException.class)
                .hasMessageContaining("from target standalone to operator");
        assertThat(flinkDeployments().withName("orders").get()).isNull();
        assertThat(
                        fixture.cluster
                                .client()
                                .apps()
                                .deployments()
                                .inNamespace(NS)
                                .withName("orders-jobmanager")
                                .get())
                .isNotNull();
    }

    @Test
    void deleteRemovesTheFlinkDeploymentAndTheClusterTheOperatorCreated() {
        FlinkDeploymentHandle orders = fixture.deployer().apply(orders());

        orders.delete();
        fixture.cluster.settle();

        assertThat(flinkDeployments().withName("orders").get()).isNull();
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.DELETED);
        assertThat(fixture.cluster.client().apps().deployments().inNamespace(NS).list().getItems())
                .isEmpty();
        assertThat(fixture.cluster.client().pods().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(fixture.cluster.flink(NS, "orders").isRunning()).isFalse();
    }

    @Test
    void theStatusViewFollowsOperatorTargetsThroughOneFlinkDeploymentWatch() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = deployer.apply(orders());
        deployer.apply(FlinkK8s.from(Specs.orders()).name("standalone").build());
        fixture.cluster.requests().reset();
        // when
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        DeploymentStatus running =
                view.await(NS, "orders", s -> s.lifecycle() == Lifecycle.RUNNING, WAIT);
        // then
        // (but for when each condition last changed: the view knows, a one-off status() does not)
        assertThat(running)
                .usingRecursiveComparison()
                .ignoringFields("conditions.lastTransitionTime")
                .isEqualTo(orders.status());
        assertThat(running.job().id())
                .isEqualTo(
                        fixture.cluster
                                .flink(NS, "orders")
                                .latestJob()
                                .orElseThrow()
                                .id()
                                .toHexString());
        // one watch for the statuses, one for the digests of the applied objects (no-op applies)
        assertThat(
                        fixture.cluster.requests().all().stream()
                                .filter(r -> r.verb() == ApiVerb.WATCH)
                                .map(ApiRequest::resource)
                                .filter("flinkdeployments"::equals)
                                .count())
                .isEqualTo(2);
        assertThat(view.statuses()).extracting(DeploymentStatus::name).contains("standalone");
    }
}
