package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.PreflightReport;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tenancy} on the in-memory cluster: the apply creates the missing namespace and applies the
 * quota and limit range sized from the spec, which the spec then fits; turning the policy off
 * prunes the quota and limit range; no delete removes the namespace.
 */
class TenancyIT {

    private static final String TEAM = "team-orders";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();
    private final InMemoryFlinkK8sCluster cluster = fixture.cluster;
    private final FlinkDeployer deployer = fixture.deployer();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** 1 JobManager of 1 CPU and 2 GiB, 3 TaskManagers of 2 CPUs and 4 GiB, in {@link #TEAM}. */
    private static FlinkDeploymentSpec spec() {
        return FlinkK8s.from(Specs.orders())
                .namespace(TEAM)
                .jobManager(jm -> jm.cpu(1).memory("2g"))
                .taskManagers(tm -> tm.cpu(2).memory("4g"))
                .tenancy(t -> t.namespace().resourceQuota().limitRange())
                .build();
    }

    private Namespace namespace() {
        return cluster.client().namespaces().withName(TEAM).get();
    }

    private ResourceQuota quota() {
        return cluster.client().resourceQuotas().inNamespace(TEAM).withName("orders-quota").get();
    }

    private LimitRange limitRange() {
        return cluster.client().limitRanges().inNamespace(TEAM).withName("orders-limits").get();
    }

    @Test
    void theApplyCreatesTheNamespaceWithAQuotaAndALimitRangeTheSpecFits() {
        assertThat(namespace()).isNull();

        FlinkDeploymentHandle handle = deployer.apply(spec());
        handle.waitUntilRunning(WAIT);

        assertThat(namespace()).isNotNull();
        assertThat(quota().getSpec().getHard())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "pods", new Quantity("4"),
                                "requests.cpu", new Quantity("7"),
                                "limits.cpu", new Quantity("7"),
                                "requests.memory", new Quantity("14Gi"),
                                "limits.memory", new Quantity("14Gi")));
        assertThat(limitRange().getSpec().getLimits().get(0).getMax())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")));
        PreflightReport fits = deployer.fitsQuota(spec());
        assertThat(fits.findings()).as("%s", fits).isEmpty();
        PreflightReport bigger =
                deployer.fitsQuota(
                        FlinkK8s.from(spec())
                                .tenancy(t -> t.none())
                                .taskManagers(tm -> tm.replicas(4))
                                .build());
        // one more TaskManager: over every amount of the rendered quota (pods, CPU, memory)
        assertThat(bigger.errors())
                .extracting(f -> f.object())
                .hasSize(5)
                .containsOnly("ResourceQuota " + TEAM + "/orders-quota");
    }

    @Test
    void turningTenancyOffPrunesTheQuotaAndTheLimitRangeButKeepsTheNamespace() {
        deployer.apply(spec()).waitUntilRunning(WAIT);

        deployer.apply(FlinkK8s.from(spec()).tenancy(TenancyPolicy.none()).build());
        cluster.settle();

        assertThat(quota()).isNull();
        assertThat(limitRange()).isNull();
        assertThat(namespace()).isNotNull();
    }

    @Test
    void deletingEverythingKeepsTheNamespace() {
        FlinkDeploymentHandle handle = deployer.apply(spec());
        handle.waitUntilRunning(WAIT);

        handle.delete(DeleteOptions.everything());
        cluster.settle();

        assertThat(quota()).isNull();
        assertThat(limitRange()).isNull();
        assertThat(namespace()).isNotNull();
        assertThat(namespace().getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void anExistingNamespaceIsLeftAsItIs() {
        cluster.client()
                .namespaces()
                .resource(
                        new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                                .withNewMetadata()
                                .withName(TEAM)
                                .withLabels(Map.of("team", "orders"))
                                .endMetadata()
                                .build())
                .create();

        deployer.apply(spec()).waitUntilRunning(WAIT);

        assertThat(namespace().getMetadata().getLabels())
                .containsExactly(Map.entry("team", "orders"));
    }

    @Test
    void aDeleteListsQuotasAndLimitRangesOnlyWhenTheDeploymentAppliedThem() {
        FlinkDeploymentHandle handle = deployer.apply(Specs.orders());
        handle.waitUntilRunning(WAIT);
        cluster.requests().reset();

        handle.delete(DeleteOptions.everything());

        // a caller who may not list quotas can still delete a deployment that never had one
        assertThat(cluster.requests().all())
                .isNotEmpty()
                .noneMatch(
                        r ->
                                "resourcequotas".equals(r.resource())
                                        || "limitranges".equals(r.resource()));
    }
}
