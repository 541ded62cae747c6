package io.flinkk8s.sdk.testkit.internal.server.replay;

import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.CONFIGMAPS;
import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.DEPLOYMENTS;
import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.JUST_A_POD;
import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.PODS;
import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.TEST_CM;
import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.internal.server.replay.ApiCalls.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' server-side apply integration tests ({@code
 * test/integration/apiserver/apply/apply_test.go} in kubernetes/kubernetes), replayed through the
 * fabric8 client against the in-memory cluster: one test per Go test (or per observable case),
 * asserting what it asserts. Left out, with the reason: {@code TestApplyMatchesFakeClientsetApply}
 * (compares with client-go's fake clientset, no Java counterpart), {@code
 * TestCreateOnApplyFailsWithForbidden} (RBAC, which the in-memory cluster does not have), the
 * benchmarks. {@code TestDuplicatesInAssociativeLists} and {@code TestApplyFormerlyAtomicFields}
 * compare whole managedFields that include fields the API server defaults (DaemonSet update
 * strategy, pod template defaults) and the in-memory cluster does not: their counts and the entries
 * they name are asserted (see the README's API server fidelity table).
 */
class ApplyReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static String at(String collection, String name) {
        return collection + "/" + name;
    }

    @Test
    @DisplayName("TestApplyAlsoCreates (pods): apply creates a pod, another manager reapplies it")
    void applyCreatesAPodAndAnotherManagerReappliesWithoutConflict() {
        String pod =
                """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "test-pod"},
                 "spec": {"containers": [{"name": "test-container", "image": "test-image"}]}}
                """;
        assertThat(api.apply(at(PODS, "test-pod"), "apply_test", pod).code()).isEqualTo(201);
        assertThat(api.get(at(PODS, "test-pod")).code()).isEqualTo(200);
        assertThat(api.apply(at(PODS, "test-pod"), "apply_test_2", pod).code()).isEqualTo(200);
    }

    @Test
    @DisplayName("TestApplyAlsoCreates (services): apply creates a service, another reapplies it")
    void applyCreatesAServiceAndAnotherManagerReappliesWithoutConflict() {
        String path = "/api/v1/namespaces/default/services/test-svc";
        String svc =
                """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "test-svc"},
                 "spec": {"ports": [{"port": 8080, "protocol": "UDP"}]}}
                """;
        assertThat(api.apply(path, "apply_test", svc).code()).isEqualTo(201);
        assertThat(api.get(path).code()).isEqualTo(200);
        assertThat(api.apply(path, "apply_test_2", svc).code()).isEqualTo(200);
    }

    @Test
    @DisplayName("TestNoOpUpdateSameResourceVersion")
    void aPutOfTheObjectAsReadKeepsTheResourceVersion() {
        String pod =
                """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "no-op", "labels": {"a": "one", "c": "two", "b": "three"}},
                 "spec": {"containers": [
                   {"name": "test-container-a", "image": "test-image-one"},
                   {"name": "test-container-c", "image": "test-image-two"},
                   {"name": "test-container-b", "image": "test-image-three"}]}}
                """;
        api.apply(at(PODS, "no-op"), "apply_test", pod);
        cluster.advance(Duration.ofSeconds(1));
        Answer created = api.get(at(PODS, "no-op"));

        assertThat(api.put(at(PODS, "no-op"), created.body().toString()).code()).isEqualTo(200);

        assertThat(api.get(at(PODS, "no-op")).resourceVersion())
                .isEqualTo(created.resourceVersion());
    }

    @Test
    @DisplayName("TestNoOpApplyWithEmptyMap")
    void reapplyingWithAnEmptyMapKeepsTheResourceVersion() {
        String body =
                deployment(
                                "no-op",
                                "1",
                                null,
                                "{\"name\": \"nginx\", \"image\": \"nginx:1.14.2\","
                                        + " \"ports\": [{\"containerPort\": 80}]}")
                        .replace(
                                "\"template\": {\"metadata\": {",
                                "\"template\": {\"metadata\": {\"annotations\": {}, ");
        api.apply(at(DEPLOYMENTS, "no-op"), "apply_test", body);
        cluster.advance(Duration.ofSeconds(1));
        String before = api.get(at(DEPLOYMENTS, "no-op")).resourceVersion();

        api.apply(at(DEPLOYMENTS, "no-op"), "apply_test", body);

        assertThat(api.get(at(DEPLOYMENTS, "no-op")).resourceVersion()).isEqualTo(before);
    }

    @Test
    @DisplayName("TestApplyEmptyMarkerStructDifferentFromNil")
    void anEmptyMarkerStructIsAValueItsRemovalChangesTheObject() {
        String withEmptyDir =
                """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pod-with-empty-dir"},
                 "spec": {"containers": [{"name": "test-container-a", "image": "test-image-one",
                   "volumeMounts": [{"mountPath": "/cache", "name": "cache-volume"}]}],
                  "volumes": [{"name": "cache-volume", "emptyDir": {}}]}}
                """;
        String path = at(PODS, "pod-with-empty-dir");
        api.apply(path, "apply_test", withEmptyDir);
        cluster.advance(Duration.ofSeconds(1));
        String before = api.get(path).resourceVersion();

        api.apply(path, "apply_test", withEmptyDir.replace(", \"emptyDir\": {}", ""));

        assertThat(api.get(path).resourceVersion()).isNotEqualTo(before);
    }

    @Test
    @DisplayName("TestNoopChangeCreationTime")
    void reapplyingTheSameConfigurationAnswersTheSameObject() {
        String cm =
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "myconfig", "creationTimestamp": null,
                              "resourceVersion": null},
                 "data": {"key": "value"}}
                """;
        Answer first = api.apply(at(CONFIGMAPS, "myconfig"), "apply_test", cm);
        cluster.advance(Duration.ofMillis(1200));

        Answer second = api.apply(at(CONFIGMAPS, "myconfig"), "apply_test", cm);

        assertThat(second.body()).isEqualTo(first.body());
    }

    private static final String STATEFUL_SET =
            """
            {"apiVersion": "apps/v1", "kind": "StatefulSet",
             "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
             "spec": {"serviceName": "nginx", "selector": {"matchLabels": {"app": "nginx"}},
               "template": {"metadata": {"labels": {"app": "nginx"}},
                 "spec": {"containers": [{"name": "nginx", "image": "nginx",
                   "resources": {"limits": {"memory": "2048Mi"}}}]}},
               "volumeClaimTemplates": [{"metadata": {"name": "nginx"},
                 "spec": {"accessModes": ["ReadWriteOnce"],
                          "resources": {"requests": {"storage": "1Gi"}}}}]}}
            """;

    @Test
    @DisplayName("TestNoSemanticUpdateApplySameResourceVersion")
    void reapplyingWithoutSemanticChangeKeepsTheResourceVersion() {
        String path = "/apis/apps/v1/namespaces/default/statefulsets/nginx";
        api.apply(path, "apply_test", STATEFUL_SET);
        cluster.advance(Duration.ofMillis(1200));
        // read after the in-memory controllers wrote the status
        String created = api.get(path).resourceVersion();

        assertThat(api.apply(path, "apply_test", STATEFUL_SET).resourceVersion())
                .isEqualTo(created);
    }

    @Test
    @DisplayName("TestNoSemanticUpdatePutSameResourceVersion")
    void putWithoutSemanticChangeKeepsTheResourceVersion() {
        String collection = "/apis/apps/v1/namespaces/default/statefulsets";
        api.post(ApiCalls.withParam(collection, "fieldManager", "apply_test"), STATEFUL_SET);
        cluster.advance(Duration.ofMillis(1200));
        // read after the in-memory controllers wrote the status
        String created = api.get(collection + "/nginx").resourceVersion();

        Answer put =
                api.put(
                        ApiCalls.withParam(collection + "/nginx", "fieldManager", "apply_test"),
                        STATEFUL_SET);

        assertThat(put.resourceVersion()).isEqualTo(created);
    }

    @Test
    @DisplayName("TestCreateOnApplyFailsWithUID")
    void anApplyThatWouldCreateAnObjectNamingAUidConflicts() {
        String pod =
                """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "test-pod-uid",
                              "uid": "88e00824-7f0e-11e8-94a1-c8d3ffb15800"},
                 "spec": {"containers": [{"name": "test-container", "image": "test-image"}]}}
                """;
        Answer answer = api.apply(at(PODS, "test-pod-uid"), "apply_test", pod);

        assertThat(answer.code()).isEqualTo(409);
        assertThat(answer.body().path("reason").asText()).isEqualTo("Conflict");
        assertThat(api.get(at(PODS, "test-pod-uid")).code()).isEqualTo(404);
    }

    @Test
    @DisplayName("TestApplyUpdateApplyConflictForced")
    void aConflictNamesItsCausesAndForceTakesOver() {
        String path = at(DEPLOYMENTS, "deployment");
        String body = deployment("deployment", "3", null, null);
        api.apply(path, "apply_test", body);
        api.patch(path, ApiCalls.MERGE, "{\"spec\":{\"replicas\": 5}}");

        Answer conflict = api.apply(path, "apply_test", body);

        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.causes()).isNotEmpty();
        assertThat(conflict.causes().get(0).path("reason").asText())
                .isEqualTo("FieldManagerConflict");
        assertThat(conflict.causes().get(0).path("field").asText()).isEqualTo(".spec.replicas");
        assertThat(api.forceApply(path, "apply_test", body).code()).isEqualTo(200);
    }

    @Test
    @DisplayName("TestApplyGroupsManySeparateUpdates")
    void updateEntriesAreCappedAtTenWithTheOldestInAncientChanges() {
        String path =
                "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/webhook";
        api.apply(
                path,
                "apply_test",
                """
                {"apiVersion": "admissionregistration.k8s.io/v1",
                 "kind": "ValidatingWebhookConfiguration",
                 "metadata": {"name": "webhook", "labels": {"applier": "true"}}}
                """);
        Answer last = null;
        for (int i = 0; i < 20; i++) {
            String unique = "updater" + i;
            last =
                    api.patch(
                            ApiCalls.withParam(path, "fieldManager", unique),
                            ApiCalls.MERGE,
                            "{\"metadata\":{\"labels\":{\"" + unique + "\":\"new\"}}}");
        }

        List<JsonNode> managed = last.managedFields();
        assertThat(managed).hasSize(11);
        assertThat(managed.get(0).path("manager").asText()).isEqualTo("apply_test");
        assertThat(managed.get(1).path("manager").asText()).isEqualTo("ancient-changes");
    }

    @Test
    @DisplayName("TestApplyManagedFields")
    void managedFieldsHaveTheApiServersShape() throws Exception {
        String path = at(CONFIGMAPS, "test-cm");
        api.apply(path, "apply_test", TEST_CM);
        api.patch(
                ApiCalls.withParam(path, "fieldManager", "updater"),
                ApiCalls.MERGE,
                "{\"data\":{\"new-key\": \"value\"}}");
        cluster.advance(Duration.ofSeconds(1));
        api.patch(
                ApiCalls.withParam(path, "fieldManager", "updater"),
                ApiCalls.MERGE,
                "{\"data\":{\"key\": \"new value\"}}");

        Answer object = api.get(path);

        List<JsonNode> managed = object.managedFields();
        assertThat(managed).hasSize(2);
        assertThat(withoutTime(managed.get(0)))
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"manager": "apply_test", "operation": "Apply",
                                 "apiVersion": "v1", "fieldsType": "FieldsV1",
                                 "fieldsV1": {"f:metadata": {"f:labels": {"f:test-label": {}}}}}
                                """));
        assertThat(withoutTime(managed.get(1)))
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"manager": "updater", "operation": "Update",
                                 "apiVersion": "v1", "fieldsType": "FieldsV1",
                                 "fieldsV1": {"f:data": {"f:key": {}, "f:new-key": {}}}}
                                """));
        assertThat(managed.get(0).path("time").asText())
                .isNotEqualTo(managed.get(1).path("time").asText());
        assertThat(object.body().path("data"))
                .isEqualTo(JSON.readTree("{\"key\": \"new value\", \"new-key\": \"value\"}"));
        assertThat(object.body().path("metadata").has("generation")).isFalse();
    }

    private static JsonNode withoutTime(JsonNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove("time");
        return copy;
    }

    @Test
    @DisplayName("TestApplyRemovesEmptyManagedFields")
    void anApplyThatOwnsNothingLeavesNoManagedFields() {
        String cm =
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "test-cm", "namespace": "default"}}
                """;
        api.apply(at(CONFIGMAPS, "test-cm"), "apply_test", cm);
        api.apply(at(CONFIGMAPS, "test-cm"), "apply_test", cm);

        assertThat(api.get(at(CONFIGMAPS, "test-cm")).managedFields()).isEmpty();
    }

    @Test
    @DisplayName("TestApplyRequiresFieldManager")
    void anApplyWithoutAFieldManagerIsRefused() {
        String cm =
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "test-cm", "namespace": "default"}}
                """;
        Answer without = api.patch(at(CONFIGMAPS, "test-cm"), ApiCalls.APPLY, cm);
        assertThat(without.code()).isEqualTo(400);

        assertThat(api.apply(at(CONFIGMAPS, "test-cm"), "apply_test", cm).code()).isEqualTo(201);
    }

    @Test
    @DisplayName("TestApplyRemoveContainerPort")
    void droppingAContainerPortRemovesIt() {
        String path = at(DEPLOYMENTS, "deployment");
        api.apply(
                path,
                "apply_test",
                deployment(
                        "deployment",
                        "3",
                        null,
                        "{\"name\": \"nginx\", \"image\": \"nginx:latest\","
                                + " \"ports\": [{\"containerPort\": 80, \"protocol\": \"TCP\"}]}"));

        api.apply(path, "apply_test", deployment("deployment", "3", null, null));

        JsonNode container =
                api.get(path)
                        .body()
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0);
        assertThat(container.has("ports")).isFalse();
    }

    @Test
    @DisplayName("TestApplyFailsWithVersionMismatch")
    void anApplyForAnotherApiVersionThanTheEndpointsIsABadRequest() {
        String path = at(DEPLOYMENTS, "deployment");
        api.apply(path, "apply_test", deployment("deployment", "3", null, null));

        Answer mismatch =
                api.apply(
                        path,
                        "apply_test",
                        deployment("deployment", "100", null, null)
                                .replace("\"apps/v1\"", "\"extensions/v1beta\""));

        assertThat(mismatch.code()).isEqualTo(400);
        assertThat(api.get(path).body().path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("TestApplyConvertsManagedFieldsVersion")
    void managedFieldsWrittenOnCreateAreHonouredByTheNextApply() throws Exception {
        ObjectNode created = (ObjectNode) JSON.readTree(deployment("deployment", null, null, null));
        ArrayNode managed = ((ObjectNode) created.get("metadata")).putArray("managedFields");
        managed.add(
                JSON.readTree(
                        """
                        {"manager": "sidecar_controller", "operation": "Apply",
                         "apiVersion": "extensions/v1beta1",
                         "fieldsV1": {"f:metadata": {"f:labels": {"f:sidecar_version": {}}},
                           "f:spec": {"f:template": {"f: spec": {"f:containers": {
                             "k:{\\"name\\":\\"sidecar\\"}": {".": {}, "f:image": {}}}}}}}}
                        """));
        assertThat(api.post(DEPLOYMENTS, created.toString()).code()).isEqualTo(201);

        Answer applied =
                api.apply(
                        at(DEPLOYMENTS, "deployment"),
                        "sidecar_controller",
                        """
                        {"apiVersion": "apps/v1", "kind": "Deployment",
                         "metadata": {"name": "deployment",
                                      "labels": {"sidecar_version": "release"}},
                         "spec": {"template": {"spec": {"containers": [
                           {"name": "sidecar", "image": "sidecar:latest"}]}}}}
                        """);

        assertThat(applied.code()).isEqualTo(200);
        List<JsonNode> entries = api.get(at(DEPLOYMENTS, "deployment")).managedFields();
        assertThat(entries).hasSize(2);
        JsonNode sidecar =
                entries.stream()
                        .filter(e -> e.path("manager").asText().equals("sidecar_controller"))
                        .findFirst()
                        .orElseThrow();
        assertThat(sidecar.path("operation").asText()).isEqualTo("Apply");
        assertThat(sidecar.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(sidecar.path("fieldsV1"))
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"f:metadata":{"f:labels":{"f:sidecar_version":{}}},
                                 "f:spec":{"f:template":{"f:spec":{"f:containers":{
                                   "k:{\\"name\\":\\"sidecar\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}
                                """));
    }

    private void assertManagedFieldsCleared(String patchType, String patch) {
        String path = at(CONFIGMAPS, "test-cm");
        api.apply(path, "apply_test", TEST_CM);

        assertThat(api.patch(path, patchType, patch).code()).isEqualTo(200);

        Answer object = api.get(path);
        assertThat(object.managedFields()).isEmpty();
        assertThat(object.body().path("metadata").path("labels").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("TestClearManagedFieldsWithMergePatch")
    void aMergePatchOfManagedFieldsToOneEmptyEntryClearsThem() {
        assertManagedFieldsCleared(ApiCalls.MERGE, "{\"metadata\":{\"managedFields\": [{}]}}");
    }

    @Test
    @DisplayName("TestClearManagedFieldsWithStrategicMergePatch")
    void aStrategicMergePatchOfManagedFieldsToOneEmptyEntryClearsThem() {
        assertManagedFieldsCleared(ApiCalls.STRATEGIC, "{\"metadata\":{\"managedFields\": [{}]}}");
    }

    @Test
    @DisplayName("TestClearManagedFieldsWithJSONPatch")
    void aJsonPatchOfManagedFieldsToOneEmptyEntryClearsThem() {
        assertManagedFieldsCleared(
                ApiCalls.JSON_PATCH,
                "[{\"op\": \"replace\", \"path\": \"/metadata/managedFields\", \"value\": [{}]}]");
    }

    @Test
    @DisplayName("TestClearManagedFieldsWithUpdate")
    void anUpdateWithOneEmptyManagedFieldsEntryClearsThem() {
        String path = at(CONFIGMAPS, "test-cm");
        api.apply(path, "apply_test", TEST_CM);

        Answer put =
                api.put(
                        path,
                        TEST_CM.replace(
                                "\"namespace\": \"default\",",
                                "\"namespace\": \"default\", \"managedFields\": [{}],"));

        assertThat(put.code()).isEqualTo(200);
        Answer object = api.get(path);
        assertThat(object.managedFields()).isEmpty();
        assertThat(object.body().path("metadata").path("labels").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("TestClearManagedFieldsWithUpdateEmptyList")
    void anUpdateWithAnEmptyManagedFieldsListStopsTracking() {
        String path = at(CONFIGMAPS, "test-cm");
        api.apply(path, "apply_test", TEST_CM);
        api.put(
                path,
                TEST_CM.replace(
                        "\"namespace\": \"default\",",
                        "\"namespace\": \"default\", \"managedFields\": [],"));

        api.patch(path, ApiCalls.MERGE, "{\"metadata\":{\"labels\": { \"test-label\": \"v1\" }}}");

        Answer object = api.get(path);
        assertThat(object.managedFields()).isEmpty();
        assertThat(object.body().path("metadata").path("labels").size()).isEqualTo(1);
    }

    private static final String BAD_ENTRY =
            """
            {"manager": "apply_test", "operation": "Apply", "apiVersion": "v1",
             "time": "2019-07-08T09:31:18Z", "fieldsType": "", "fieldsV1": {}}
            """;

    @Test
    @DisplayName("TestErrorsDontFail")
    void aCreateWithAnUnreadableManagedFieldsEntrySucceeds() {
        Answer created =
                api.post(
                        ApiCalls.withParam(CONFIGMAPS, "fieldManager", "apply_test"),
                        TEST_CM.replace(
                                "\"namespace\": \"default\",",
                                "\"namespace\": \"default\", \"managedFields\": ["
                                        + BAD_ENTRY
                                        + "],"));

        assertThat(created.code()).isEqualTo(201);
    }

    @Test
    @DisplayName("TestErrorsDontFailUpdate")
    void anUpdateWithAnUnreadableManagedFieldsEntrySucceeds() {
        api.post(ApiCalls.withParam(CONFIGMAPS, "fieldManager", "apply_test"), TEST_CM);

        Answer updated =
                api.put(
                        ApiCalls.withParam(at(CONFIGMAPS, "test-cm"), "fieldManager", "apply_test"),
                        TEST_CM.replace(
                                "\"namespace\": \"default\",",
                                "\"namespace\": \"default\", \"managedFields\": ["
                                        + BAD_ENTRY
                                        + "],"));

        assertThat(updated.code()).isEqualTo(200);
    }

    @Test
    @DisplayName("TestErrorsDontFailPatch")
    void aPatchWithAnUnreadableManagedFieldsEntrySucceeds() {
        api.post(ApiCalls.withParam(CONFIGMAPS, "fieldManager", "apply_test"), TEST_CM);

        Answer patched =
                api.patch(
                        ApiCalls.withParam(at(CONFIGMAPS, "test-cm"), "fieldManager", "apply_test"),
                        ApiCalls.JSON_PATCH,
                        "[{\"op\": \"replace\", \"path\": \"/metadata/managedFields\", \"value\": ["
                                + BAD_ENTRY
                                + "]}]");

        assertThat(patched.code()).isEqualTo(200);
    }

    @Test
    @DisplayName("TestApplyDoesNotChangeManagedFieldsViaSubresources")
    void managedFieldsWrittenThroughTheStatusAreIgnored() {
        Answer live = api.apply(at(PODS, "just-a-pod"), "apply_test", JUST_A_POD);
        String update =
                """
                {"metadata": {"managedFields": [{"manager": "testing", "operation": "Update",
                   "apiVersion": "v1", "fieldsType": "FieldsV1",
                   "fieldsV1": {"f:spec": {"f:containers": {
                     "k:{\\"name\\":\\"testing\\"}": {".": {}, "f:image": {}, "f:name": {}}}}}}]},
                 "status": {"conditions": [{"type": "MyStatus", "status": "true"}]}}
                """;

        Answer updated =
                api.patch(
                        ApiCalls.withParam(
                                at(PODS, "just-a-pod") + "/status",
                                "fieldManager",
                                "update_managedfields_test"),
                        ApiCalls.MERGE,
                        update);

        assertThat(updated.code()).isEqualTo(200);
        assertThat(live.managedFields()).hasSize(1);
        assertThat(updated.managedFields()).hasSize(2);
        assertThat(updated.managedFields().get(0)).isEqualTo(live.managedFields().get(0));
        assertThat(updated.managedFields().get(1).path("manager").asText())
                .isEqualTo("update_managedfields_test");
    }
}
