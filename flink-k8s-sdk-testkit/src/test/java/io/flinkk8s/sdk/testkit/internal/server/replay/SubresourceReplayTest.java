package io.flinkk8s.sdk.testkit.internal.server.replay;

import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.CONFIGMAPS;
import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.DEPLOYMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.internal.server.replay.ApiCalls.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes' {@code scale_test.go}, {@code status_test.go} and {@code reset_fields_test.go}
 * (test/integration/apiserver/apply), replayed through the fabric8 client on the kinds the
 * in-memory cluster serves: apply and writes through {@code /scale} and {@code /status}, each the
 * writer's own entry, and what each endpoint resets. Left out: {@code
 * TestAllKnownVersionsAreInMappings} (checks the API server's Go tables, not a request), {@code
 * ReplicationController} (the in-memory cluster has no controller for it), and the status and
 * reset-fields cases of kinds the SDK never writes (volume attachments, CSRs, flow control, ...).
 */
class SubresourceReplayTest {

    private InMemoryFlinkK8sCluster cluster;
    private ApiCalls api;

    @BeforeEach
    void start() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace("default")
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .start();
        api = new ApiCalls(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static String valid(String kind) {
        return """
                {"apiVersion": "apps/v1", "kind": "%s", "metadata": {"name": "test"},
                 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "nginx"}},
                   "template": {"metadata": {"labels": {"app": "nginx"}},
                     "spec": {"containers": [{"name": "nginx", "image": "nginx:latest"}]}}}}
                """
                .formatted(kind);
    }

    private static final String SCALE_17 =
            "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"test\","
                    + "\"namespace\":\"default\"},\"spec\":{\"replicas\":%d}}";

    private List<String> replicaOwners(String path) {
        List<String> owners = new ArrayList<>();
        for (JsonNode entry : api.get(path).managedFields()) {
            if (entry.path("fieldsV1").path("f:spec").has("f:replicas")) {
                owners.add(entry.path("manager").asText());
            }
        }
        return owners;
    }

    private int replicas(String path) {
        return api.get(path).body().path("spec").path("replicas").asInt();
    }

    @ParameterizedTest(name = "TestScaleAllResources ({0})")
    @ValueSource(strings = {"Deployment", "StatefulSet", "ReplicaSet"})
    void scaleWritesAndAppliesShareTheReplicasFieldWithTheApplier(String kind) {
        String path = "/apis/apps/v1/namespaces/default/" + kind.toLowerCase() + "s/test";
        String scale = path + "/scale";
        assertThat(api.apply(path, "apply_test", valid(kind)).code()).isEqualTo(201);
        assertThat(replicas(path)).isEqualTo(1);
        assertThat(replicaOwners(path)).containsExactly("apply_test");

        api.patch(
                ApiCalls.withParam(scale, "fieldManager", "scale_test"),
                ApiCalls.MERGE,
                "{\"spec\":{\"replicas\": 5}}");
        assertThat(replicas(path)).isEqualTo(5);
        assertThat(replicaOwners(path)).containsExactly("scale_test");

        assertThat(api.apply(path, "apply_test", valid(kind)).code()).isEqualTo(409);
        assertThat(api.forceApply(path, "apply_test", valid(kind)).code()).isEqualTo(200);
        assertThat(replicas(path)).isEqualTo(1);
        assertThat(replicaOwners(path)).containsExactly("apply_test");

        Answer conflict = api.apply(scale, "apply_scale", SCALE_17.formatted(17));
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.body().path("message").asText()).contains("apply_test");
        assertThat(api.forceApply(scale, "apply_scale", SCALE_17.formatted(17)).code())
                .isEqualTo(200);
        assertThat(replicas(path)).isEqualTo(17);
        assertThat(replicaOwners(path)).containsExactly("apply_scale");

        assertThat(
                        api.put(
                                        ApiCalls.withParam(scale, "fieldManager", "replace_test"),
                                        SCALE_17.formatted(7))
                                .code())
                .isEqualTo(200);
        assertThat(replicas(path)).isEqualTo(7);
        assertThat(replicaOwners(path)).containsExactly("replace_test");

        assertThat(api.apply(scale, "co_owning_test", SCALE_17.formatted(7)).code()).isEqualTo(200);
        assertThat(replicas(path)).isEqualTo(7);
        assertThat(replicaOwners(path)).containsExactlyInAnyOrder("replace_test", "co_owning_test");

        api.patch(
                ApiCalls.withParam(scale, "fieldManager", "scale_test"),
                ApiCalls.MERGE,
                "{\"spec\":{\"replicas\": 5}}");
        assertThat(replicas(path)).isEqualTo(5);
        assertThat(replicaOwners(path)).containsExactly("scale_test");
    }

    @Test
    @DisplayName("TestScaleUpdateOnlyStatus")
    void aScalePatchOfTheStatusOnlyChangesNeitherReplicasNorTheirOwner() {
        String path = DEPLOYMENTS + "/test";
        api.apply(path, "apply_test", valid("Deployment"));

        api.patch(
                ApiCalls.withParam(path + "/scale", "fieldManager", "scale_test"),
                ApiCalls.MERGE,
                "{\"status\":{\"replicas\": 42}}");

        assertThat(replicas(path)).isEqualTo(1);
        assertThat(replicaOwners(path)).containsExactly("apply_test");
    }

    @Test
    @DisplayName("TestApplyStatus (deployments, configmaps have no status)")
    void aForcedApplyOfTheStatusIsRecordedBesideTheCreator() {
        String path = DEPLOYMENTS + "/test";
        api.post(
                ApiCalls.withParam(DEPLOYMENTS, "fieldManager", "create_test"),
                valid("Deployment"));

        Answer applied =
                api.forceApply(
                        path + "/status",
                        "apply_status_test",
                        "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\":"
                                + " {\"name\": \"test\"}, \"status\": {\"conditions\": [{\"type\":"
                                + " \"MyStatus\", \"status\": \"true\"}]}}");

        assertThat(applied.code()).isEqualTo(200);
        List<String> managers =
                applied.managedFields().stream().map(e -> e.path("manager").asText()).toList();
        assertThat(managers).contains("apply_status_test", "create_test");
        assertThat(api.get(CONFIGMAPS + "/none/status").code()).isEqualTo(404);
    }

    @Test
    @DisplayName("TestApplyResetFields (poddisruptionbudgets)")
    void theMainResourceAndTheStatusEachIgnoreWhatTheOtherOwns() {
        // a kind no in-memory controller writes (the Go test runs an API server alone); the spec
        // field that differs is minAvailable, as the in-memory cluster has no schema marking a
        // label selector atomic
        String path = "/apis/policy/v1/namespaces/default/poddisruptionbudgets/pdb";
        String pdb =
                """
                {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                 "metadata": {"name": "pdb"},
                 "spec": {"minAvailable": %d, "selector": {"matchLabels": {"anokkey": "anokvalue"}}},
                 "status": {"currentHealthy": %d}}
                """;
        String obj1 = pdb.formatted(1, 5);
        String obj2 = pdb.formatted(2, 25);
        assertThat(api.apply(path, "fieldmanager1", obj1).code()).isEqualTo(201);

        assertThat(api.apply(path + "/status", "fieldmanager2", obj2).code()).isEqualTo(200);

        Answer spec = api.apply(path, "fieldmanager2", obj2);
        assertThat(spec.code()).isEqualTo(409);
        assertThat(spec.body().path("message").asText()).contains("conflict");
        Answer status = api.apply(path + "/status", "fieldmanager1", obj1);
        assertThat(status.code()).isEqualTo(409);
        assertThat(status.body().path("message").asText()).contains("conflict");
    }
}
