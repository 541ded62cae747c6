package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.cluster.AppliedDigest;
import io.flinkk8s.sdk.core.deploy.internal.view.InformerStatusView;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A re-apply with a status view: answered from the view's caches with no request when nothing would
 * change; a changed spec, an external drift on a field the SDK applied, a closed view or no view at
 * all take the usual path. Requests are counted by the testkit's request log.
 */
class CachedNoOpIT {

    private static final String NS = DeployFixture.NAMESPACE;

    private final DeployFixture fixture = new DeployFixture();
    private FlinkDeployer deployer;

    @BeforeEach
    void applyOrders() {
        deployer = fixture.deployer();
        deployer.apply(Specs.orders());
        fixture.cluster.settle();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyAppliedObjectsLiveDigestEqualsTheDigestOfTheObjectAsRendered() {
        KubernetesSerialization json = fixture.cluster.client().getKubernetesSerialization();

        for (HasMetadata rendered : Renderer.defaults().render(Specs.orders()).all()) {
            HasMetadata live = fixture.cluster.client().resource(rendered).get();

            assertThat(
                            AppliedDigest.ofLive(
                                    json.convertValue(live, JsonNode.class),
                                    DeployOptions.DEFAULT_FIELD_MANAGER))
                    .as(rendered.getKind() + " " + rendered.getMetadata().getName())
                    .hasValue(
                            AppliedDigest.ofRendered(json.convertValue(rendered, JsonNode.class)));
        }
    }

    @Test
    void withAStatusViewAReApplyOfTheSameSpecSendsNoRequest() {
        deployer.statusView(StatusViewOptions.namespace(NS));
        fixture.cluster.requests().reset();

        ApplyResult again = deployer.apply(Specs.orders()).lastApply().orElseThrow();

        assertThat(fixture.cluster.requests().all()).isEmpty();
        assertThat(again.changedCluster()).isFalse();
        assertThat(again.plan().changes(ResourceChange.Action.UNCHANGED))
                .hasSize(Renderer.defaults().render(Specs.orders()).all().size());
        assertThat(again.plan().jobImpact()).isNotNull();
    }

    @Test
    void withAStatusViewAChangedSpecIsStillApplied() {
        deployer.statusView(StatusViewOptions.namespace(NS));
        fixture.cluster.requests().reset();

        ApplyResult scaled =
                deployer.apply(Specs.orders().withTaskManagerReplicas(4)).lastApply().orElseThrow();

        assertThat(scaled.plan().changes(ResourceChange.Action.UPDATE))
                .extracting(ResourceChange::name)
                .contains("orders-taskmanager");
        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::name)
                .contains("orders-taskmanager");
    }

    @Test
    void withAStatusViewADriftSomeoneElseMadeOnAFieldTheSdkAppliedIsRepaired() {
        InformerStatusView view =
                (InformerStatusView) deployer.statusView(StatusViewOptions.namespace(NS));
        OptionalLong before = view.appliedDigest("ConfigMap", NS, "orders-flink-config");
        fixture.cluster
                .client()
                .configMaps()
                .inNamespace(NS)
                .withName("orders-flink-config")
                .edit(
                        cm -> {
                            cm.getData().replaceAll((k, v) -> v + "\n# edited by hand");
                            return cm;
                        });
        awaitDigestChange(view, before);
        fixture.cluster.requests().reset();

        ApplyResult repaired = deployer.apply(Specs.orders()).lastApply().orElseThrow();

        assertThat(repaired.plan().changes(ResourceChange.Action.UPDATE))
                .extracting(ResourceChange::name)
                .containsExactly("orders-flink-config");
        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::name)
                .containsExactly("orders-flink-config");
        ConfigMap now =
                fixture.cluster.find(ConfigMap.class, NS, "orders-flink-config").orElseThrow();
        assertThat(now.getData().values()).noneMatch(v -> v.contains("edited by hand"));
    }

    @Test
    void withoutAStatusViewAReApplyReadsTheClusterAndWritesNothing() {
        fixture.cluster.requests().reset();

        deployer.apply(Specs.orders());

        assertThat(fixture.cluster.requests().all()).isNotEmpty();
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void aClosedStatusViewIsNotUsed() {
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        view.close();
        fixture.cluster.requests().reset();

        deployer.apply(Specs.orders());

        assertThat(fixture.cluster.requests().all()).isNotEmpty();
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void aStatusViewOfAnotherNamespaceIsNotUsed() {
        deployer.statusView(StatusViewOptions.namespace("elsewhere"));
        fixture.cluster.requests().reset();

        deployer.apply(Specs.orders());

        assertThat(fixture.cluster.requests().all())
                .filteredOn(r -> NS.equals(r.namespace()))
                .isNotEmpty();
    }

    /** Bounded: the view's watch delivers the edit. */
    private static void awaitDigestChange(InformerStatusView view, OptionalLong before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (view.appliedDigest("ConfigMap", NS, "orders-flink-config").equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the view never saw the edit");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
