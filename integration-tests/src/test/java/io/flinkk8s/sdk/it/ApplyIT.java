package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import io.flinkk8s.sdk.core.deploy.RetryPolicy;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.RenderPipeline;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Apply, plan and prune against the in-memory cluster, counted on its request log. */
class ApplyIT {

    private static final String NS = DeployFixture.NAMESPACE;
    private static final ResourceNames NAMES = ResourceNames.of("orders");

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void firstApplySendsOneServerSideApplyPerRenderedObjectAndNoGet() {
        // given
        FlinkDeploymentSpec spec = Specs.orders();
        List<ResourceKey> rendered = Renderer.standalone().render(spec).keys();
        FlinkDeployer deployer = fixture.deployer();
        // when
        deployer.apply(spec);
        // then
        List<ApiRequest> requests = fixture.cluster.requests().all();
        List<ApiRequest> applies = requests.stream().filter(ApiRequest::isApply).toList();
        assertThat(applies)
                .extracting(ApiRequest::name)
                .containsExactlyInAnyOrderElementsOf(
                        rendered.stream().map(ResourceKey::name).toList());
        assertThat(applies)
                .allSatisfy(r -> assertThat(r.fieldManager()).isEqualTo("flink-k8s-sdk"));
        assertThat(requests).noneMatch(r -> r.verb() == ApiVerb.GET);
        assertThat(fixture.cluster.requests().writes())
                .filteredOn(r -> !r.isApply())
                .extracting(ApiRequest::verb, ApiRequest::resource)
                .containsExactly(tuple(ApiVerb.CREATE, "configmaps"));
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState())).isPresent();
    }

    @Test
    void secondApplyOfTheSameSpecWritesNothing() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(Specs.orders());
        fixture.cluster.requests().reset();
        // when
        var handle = deployer.apply(Specs.orders());
        // then
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(fixture.cluster.requests().all())
                .allSatisfy(r -> assertThat(r.verb()).isEqualTo(ApiVerb.LIST));
        assertThat(handle.lastApply().orElseThrow().plan().changes())
                .extracting(ResourceChange::action)
                .containsOnly(Action.UNCHANGED);
    }

    @Test
    void secondApplyFromAnotherDeployerAlsoWritesNothing() {
        // given
        fixture.deployer().apply(Specs.orders());
        fixture.cluster.requests().reset();
        // when
        fixture.deployer().apply(Specs.orders());
        // then
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void applyMakesTheClusterRunTheRenderedObjects() {
        // when
        fixture.deployer().apply(Specs.orders());
        // then
        fixture.cluster.awaitReady(NS, NAMES.jobManagerDeployment());
        fixture.cluster.awaitReady(NS, NAMES.taskManagerDeployment());
        Deployment tms =
                fixture.cluster
                        .find(Deployment.class, NS, NAMES.taskManagerDeployment())
                        .orElseThrow();
        assertThat(tms.getSpec().getReplicas()).isEqualTo(3);
        assertThat(tms.getMetadata().getManagedFields())
                .extracting(f -> f.getManager())
                .contains("flink-k8s-sdk");
    }

    @Test
    void planShowsTheFieldsThatWouldChangeAndWritesNothing() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(Specs.orders());
        fixture.cluster.requests().reset();
        // when
        ApplyPlan plan = deployer.plan(Specs.orders().withTaskManagerReplicas(4));
        // then
        assertThat(fixture.cluster.requests().writes()).isEmpty();
        assertThat(plan.change("Deployment", NAMES.taskManagerDeployment()).orElseThrow())
                .satisfies(c -> assertThat(c.action()).isEqualTo(Action.UPDATE))
                .extracting(ResourceChange::fields)
                .asInstanceOf(InstanceOfAssertFactories.list(FieldChange.class))
                .containsExactly(new FieldChange("spec.replicas", "3", "4"));
        assertThat(plan.changes(Action.UPDATE)).hasSize(1);
        assertThat(plan.toString())
                .contains("0 to create, 1 to update")
                .contains("~ Deployment orders-taskmanager")
                .contains("spec.replicas: 3 -> 4");
    }

    @Test
    void planOfAFirstApplyCreatesEverything() {
        // when
        ApplyPlan plan = fixture.deployer().plan(Specs.orders());
        // then
        assertThat(plan.changes()).extracting(ResourceChange::action).containsOnly(Action.CREATE);
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void invalidSpecIsRejectedBeforeAnyApiRequest() {
        // given
        FlinkDeploymentSpec invalid = Specs.orders().withTaskManagerReplicas(0);
        FlinkDeployer deployer = fixture.deployer();
        // when / then
        assertThatThrownBy(() -> deployer.apply(invalid))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("taskManager.replicas");
        assertThatThrownBy(() -> deployer.plan(invalid)).isInstanceOf(InvalidSpecException.class);
        assertThat(fixture.cluster.requests().all()).isEmpty();
    }

    @Test
    void pruneDeletesWhatTheSpecNoLongerRenders() {
        // given: HA renders a ServiceAccount, a Role and a RoleBinding
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(Specs.orders());
        assertThat(fixture.cluster.find(Role.class, NS, NAMES.haRole())).isPresent();
        // when
        var handle = deployer.apply(Specs.ordersWithoutHa());
        // then
        assertThat(fixture.cluster.find(Role.class, NS, NAMES.haRole())).isEmpty();
        assertThat(fixture.cluster.find(RoleBinding.class, NS, NAMES.haRole())).isEmpty();
        assertThat(fixture.cluster.find(ServiceAccount.class, NS, NAMES.serviceAccount()))
                .isEmpty();
        assertThat(handle.lastApply().orElseThrow().plan().changes(Action.PRUNE))
                .extracting(ResourceChange::kind)
                .containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding");
    }

    @Test
    void pruneNeverDeletesPersistentVolumeClaimsHaConfigMapsOrTheStateRecord() {
        // given: a custom step rendered a PVC and an extra ConfigMap; Flink wrote an HA ConfigMap
        Renderer withExtras = Renderer.of(RenderPipeline.standalone().with(new ExtraObjectsStep()));
        fixture.deployer(fixture.options().renderer(withExtras).build()).apply(Specs.orders());
        fixture.cluster.client().configMaps().inNamespace(NS).resource(flinkHaConfigMap()).create();
        // when
        fixture.deployer().apply(Specs.orders());
        // then
        assertThat(fixture.cluster.find(ConfigMap.class, NS, "orders-extra")).isEmpty();
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state"))
                .isPresent();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, "orders-cluster-config-map"))
                .isPresent();
        assertThat(fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState())).isPresent();
    }

    @Test
    void pruneDeletesPersistentVolumeClaimsOnlyWhenTheOptionSaysSo() {
        // given
        Renderer withExtras = Renderer.of(RenderPipeline.standalone().with(new ExtraObjectsStep()));
        fixture.deployer(fixture.options().renderer(withExtras).build()).apply(Specs.orders());
        // when
        fixture.deployer(fixture.options().prunePersistentVolumeClaims(true).build())
                .apply(Specs.orders());
        // then
        assertThat(fixture.cluster.find(PersistentVolumeClaim.class, NS, "orders-state")).isEmpty();
    }

    @Test
    void stateRecordIsALabelledConfigMapWithTheAppliedSpec() {
        // when
        fixture.deployer().apply(Specs.orders());
        // then
        ConfigMap record =
                fixture.cluster.find(ConfigMap.class, NS, NAMES.sdkState()).orElseThrow();
        assertThat(record.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "flink-k8s-sdk")
                .containsEntry("app.kubernetes.io/instance", "orders")
                .containsEntry("app.kubernetes.io/component", "sdk-state");
        assertThat(record.getData().get("state.json"))
                .contains("\"format\" : 1")
                .contains("\"specSha256\"")
                .contains("registry.example.com/orders:1.0");
    }

    @Test
    void aPlainApplyWhoseStateRecordChangedMeanwhileWritesItAgain() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        deployer.apply(Specs.orders());
        fixture.cluster.faults().failNextRequest(ApiVerb.UPDATE, "configmaps", 409);
        // when
        deployer.apply(Specs.orders().withTaskManagerReplicas(4));
        // then
        assertThat(deployer.handle(NS, "orders").spec().taskManager().replicas()).isEqualTo(4);
    }

    @Test
    void serverErrorsAndConflictsDuringApplyAreRetriedUntilTheyConverge() {
        // given
        var faults = fixture.cluster.faults();
        faults.failNextRequests(ApiVerb.PATCH, "deployments", 500, 2);
        faults.failNextRequests(ApiVerb.PATCH, "services", 409, 1);
        faults.failNextRequests(ApiVerb.PATCH, "configmaps", 503, 1);
        faults.failNextRequests(ApiVerb.LIST, "configmaps", 429, 1);
        // when
        fixture.deployer().apply(Specs.orders());
        // then
        assertThat(fixture.cluster.requests().all())
                .filteredOn(r -> r.status() >= 400)
                .extracting(ApiRequest::status)
                .containsExactlyInAnyOrder(500, 500, 409, 503, 429);
        fixture.cluster.awaitReady(NS, NAMES.taskManagerDeployment());
        fixture.cluster.requests().reset();
        fixture.deployer().apply(Specs.orders());
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    @Test
    void unprocessableEntityFailsAtOnceNamingTheObjectAndTheServerMessage() {
        // given
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "deployments", 422);
        FlinkDeployer deployer = fixture.deployer();
        // when / then
        assertThatThrownBy(() -> deployer.apply(Specs.orders()))
                .isInstanceOfSatisfying(
                        ApplyException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(422);
                            assertThat(e.kind()).isEqualTo("Deployment");
                        })
                .hasMessageMatching(
                        "(?s)Could not apply Deployment streaming/orders-(jobmanager|taskmanager):"
                                + " HTTP 422: injected fault: PATCH deployments\\..*");
        assertThat(fixture.cluster.requests().all())
                .filteredOn(r -> "deployments".equals(r.resource()))
                .hasSize(2);
    }

    @Test
    void forbiddenFailsAtOnceWithWhatToGrant() {
        // given
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "services", 403);
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(Specs.orders()))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("Could not apply Service streaming/orders-")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("permission to get, list, patch and delete Service objects");
        assertThat(fixture.cluster.find(Deployment.class, NS, NAMES.taskManagerDeployment()))
                .as("Deployments come after Services and are not applied")
                .isEmpty();
    }

    @Test
    void aServerErrorThatOutlastsTheRetriesSaysHowManyAttemptsWereMade() {
        // given
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "services", 503);
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(Specs.orders()))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("HTTP 503 after 6 attempts")
                .hasMessageNotContaining("every retry");
        assertThat(fixture.cluster.requests().all())
                .filteredOn(r -> "services".equals(r.resource()))
                .extracting(ApiRequest::name)
                .containsOnly(NAMES.restService(), NAMES.rpcService())
                .hasSize(12);
    }

    @Test
    void aServerErrorWithRetriesTurnedOffSaysItWasNotRetried() {
        // given
        fixture.cluster.faults().failRequests(ApiVerb.PATCH, "services", 503);
        FlinkDeployer deployer =
                fixture.deployer(fixture.options().retryPolicy(RetryPolicy.none()).build());
        // when / then
        assertThatThrownBy(() -> deployer.apply(Specs.orders()))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("HTTP 503 (no retry: the retry policy allows 1 attempt)")
                .hasMessageNotContaining("every retry")
                .hasMessageNotContaining("kept failing");
        assertThat(fixture.cluster.requests().all())
                .filteredOn(r -> "services".equals(r.resource()))
                .hasSize(2);
    }

    private static ConfigMap flinkHaConfigMap() {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("orders-cluster-config-map")
                .withNamespace(NS)
                .withLabels(
                        Map.of(
                                "app", "orders",
                                "configmap-type", "high-availability",
                                "type", "flink-native-kubernetes"))
                .endMetadata()
                .addToData("address", "akka.tcp://flink@10.0.0.1:6123/user/rpc/dispatcher_1")
                .build();
    }
}
