package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.BulkOutcome;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.internal.view.InformerStatusView;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sweep of unchanged deployments with a status view: what the first cached no-op worked out (the
 * decoded state record, the rendering, the digests, the result) is used again while the spec and
 * the record stay the same, so the spec is rendered once; and after such a no-op, everything that
 * must still lead to a real apply does: a changed spec, a drift someone else made on a field the
 * SDK applied, a state record another writer changed, and a renderer that renders otherwise.
 */
class RememberedNoOpIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");

    private final DeployFixture fixture = new DeployFixture();
    private final AtomicInteger renders = new AtomicInteger();
    private FlinkDeployer deployer;
    private InformerStatusView view;

    @BeforeEach
    void applyOrdersAndOpenAView() {
        deployer =
                fixture.deployer(
                        fixture.options()
                                .renderer(
                                        Renderer.defaults()
                                                .with(
                                                        RenderTarget.STANDALONE,
                                                        RenderPipeline.standalone()
                                                                .with(new CountingStep(renders))))
                                .build());
        deployer.apply(Specs.orders());
        fixture.cluster.settle();
        view = (InformerStatusView) deployer.statusView(StatusViewOptions.namespace(NS));
        // the first no-op through the view works out what later ones use again
        fixture.cluster.requests().reset();
        assertThat(deployer.apply(Specs.orders()).lastApply().orElseThrow().changedCluster())
                .isFalse();
        assertThat(fixture.cluster.requests().all()).isEmpty();
        renders.set(0);
        fixture.cluster.requests().reset();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aSweepOverTheSameSpecObjectsRendersNothingAndSendsNothing() {
        List<FlinkDeploymentSpec> specs = List.of(Specs.orders());

        for (int sweep = 0; sweep < 3; sweep++) {
            assertThat(deployer.applyAll(specs).outcomes())
                    .extracting(BulkOutcome::status)
                    .containsExactly(BulkOutcome.Status.UNCHANGED);
        }

        assertThat(renders).hasValue(0);
        assertThat(fixture.cluster.requests().all()).isEmpty();
    }

    @Test
    void anEqualSpecGivenAsANewObjectIsANoOpWithoutRenderingAgain() {
        FlinkDeploymentSpec copy =
                SpecSerialization.fromJson(SpecSerialization.toJson(Specs.orders()));

        ApplyResult again = deployer.apply(copy).lastApply().orElseThrow();

        assertThat(again.changedCluster()).isFalse();
        assertThat(renders).hasValue(0);
        assertThat(fixture.cluster.requests().all()).isEmpty();
    }

    @Test
    void afterARememberedNoOpAChangedSpecIsApplied() {
        ApplyResult scaled =
                deployer.apply(Specs.orders().withTaskManagerReplicas(4)).lastApply().orElseThrow();

        assertThat(scaled.plan().changes(ResourceChange.Action.UPDATE))
                .extracting(ResourceChange::name)
                .contains("orders-taskmanager");
        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::name)
                .contains("orders-taskmanager", NAMES.sdkState());
    }

    @Test
    void afterARememberedNoOpADriftOnAFieldTheSdkAppliedIsRepairedAndTheNextApplyIsANoOpAgain() {
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
        await(() -> !view.appliedDigest("ConfigMap", NS, "orders-flink-config").equals(before));
        fixture.cluster.requests().reset();

        ApplyResult repaired = deployer.apply(Specs.orders()).lastApply().orElseThrow();

        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::name)
                .containsExactly("orders-flink-config");
        assertThat(repaired.plan().changes(ResourceChange.Action.UPDATE))
                .extracting(ResourceChange::name)
                .containsExactly("orders-flink-config");
        await(() -> view.appliedDigest("ConfigMap", NS, "orders-flink-config").equals(before));
        fixture.cluster.requests().reset();
        assertThat(deployer.apply(Specs.orders()).lastApply().orElseThrow().changedCluster())
                .isFalse();
        assertThat(fixture.cluster.requests().all()).isEmpty();
    }

    @Test
    void afterARememberedNoOpAStateRecordAnotherWriterChangedLeadsToARealApply() throws Exception {
        String versionBefore = view.stateRecordVersion(NS, "orders").orElseThrow();
        // another writer recorded another TaskManager count; the objects are as they were
        fixture.cluster
                .client()
                .configMaps()
                .inNamespace(NS)
                .withName(NAMES.sdkState())
                .edit(
                        cm -> {
                            cm.getData().put("state.json", withRecordedReplicas(cm, 4));
                            return cm;
                        });
        await(() -> !view.stateRecordVersion(NS, "orders").orElseThrow().equals(versionBefore));
        fixture.cluster.requests().reset();

        ApplyResult result = deployer.apply(Specs.orders()).lastApply().orElseThrow();

        assertThat(result.plan().changes(ResourceChange.Action.UPDATE)).isEmpty();
        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::name)
                .containsExactly(NAMES.sdkState());
        ConfigMap record =
                fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState()).orElseThrow();
        assertThat(recordedReplicas(record)).isEqualTo(3);
    }

    @Test
    void aDeployerWhoseRendererRendersOtherwiseAppliesWhatItRenders() {
        FlinkDeployer configuring =
                fixture.deployer(
                        fixture.options()
                                .renderer(
                                        Renderer.defaults()
                                                .with(
                                                        RenderTarget.STANDALONE,
                                                        RenderPipeline.standalone()
                                                                .with(new ConfiguringStep())))
                                .build());
        configuring.statusView(StatusViewOptions.namespace(NS));

        ApplyResult result = configuring.apply(Specs.orders()).lastApply().orElseThrow();

        assertThat(result.changedCluster()).isTrue();
        assertThat(fixture.cluster.requests().writes())
                .extracting(ApiRequest::name)
                .contains("orders-flink-config");
        assertThat(
                        fixture.cluster
                                .find(ConfigMap.class, NS, "orders-flink-config")
                                .orElseThrow()
                                .getData()
                                .values())
                .anyMatch(v -> v.contains("payments.<host>.jobmanager"));
    }

    private static String withRecordedReplicas(ConfigMap record, int replicas) {
        try {
            ObjectNode root =
                    (ObjectNode) new ObjectMapper().readTree(record.getData().get("state.json"));
            ObjectNode taskManager = (ObjectNode) root.path("spec").path("taskManager");
            assertThat(taskManager.path("replicas").asInt()).isEqualTo(3);
            taskManager.put("replicas", replicas);
            return root.toPrettyString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int recordedReplicas(ConfigMap record) throws java.io.IOException {
        return new ObjectMapper()
                .readTree(record.getData().get("state.json"))
                .path("spec")
                .path("taskManager")
                .path("replicas")
                .asInt();
    }

    /** Bounded: the view's watches deliver what the cluster holds. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the view never saw the change");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Counts the renderings it takes part in; adds nothing. */
    private static final class CountingStep implements RenderStep {
        private final AtomicInteger count;

        CountingStep(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public StepId id() {
            return StepId.of("counting");
        }

        @Override
        public Phase phase() {
            return Phase.ACCOMPANY;
        }

        @Override
        public Rendering apply(RenderContext ctx, Rendering in) {
            count.incrementAndGet();
            return in;
        }
    }

    /** Adds a Flink configuration entry: a renderer's own choice, in an object the SDK renders. */
    private static final class ConfiguringStep implements RenderStep {
        @Override
        public StepId id() {
            return StepId.of("team-config");
        }

        @Override
        public Phase phase() {
            return Phase.CONFIGURE;
        }

        @Override
        public Rendering apply(RenderContext ctx, Rendering in) {
            return in.mapConfig(c -> c.withValue("metrics.scope.jm", "payments.<host>.jobmanager"));
        }
    }
}
