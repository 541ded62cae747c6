package io.flinkk8s.sdk.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.TestkitInternals;
import io.flinkk8s.sdk.testkit.internal.controllers.Fixtures;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's index answers every read as the base dispatcher's scan of the whole storage does: the
 * same objects in the same order, after creates, rewrites (which move an object to the end),
 * relabelling, deletion, marking for deletion and re-creation. The scan is fabric8's own GET, which
 * the dispatcher still inherits, so it is the oracle here.
 */
class StoreIndexTest {

    private InMemoryFlinkK8sCluster cluster;
    private KubernetesClient client;
    private InMemoryApiDispatcher dispatcher;

    @BeforeEach
    void start() {
        cluster = InMemoryFlinkK8sCluster.builder().namespace("a").autoSettle(false).start();
        client = cluster.client();
        dispatcher = TestkitInternals.dispatcher(cluster);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void listsAndGetsAnswerWhatAScanOfTheWholeStorageAnswersInItsOrder() {
        for (String ns : List.of("a", "b", "c")) {
            for (int i = 0; i < 6; i++) {
                configMap(ns, "cm-" + i, i % 2 == 0 ? "web" : "db");
            }
            client.resource(deployment(ns, "web", 1)).create();
        }
        client.resource(deployment("a", "api", 1)).create();
        // rewrites move an object to the end of the storage order; relabelling changes its key
        client.configMaps().inNamespace("a").withName("cm-1").edit(c -> labelled(c, "cache"));
        client.configMaps().inNamespace("b").withName("cm-0").edit(c -> labelled(c, "web"));
        client.configMaps()
                .inNamespace("c")
                .withName("cm-2")
                .patch(
                        PatchContext.of(PatchType.SERVER_SIDE_APPLY),
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":"
                                + "\"cm-2\",\"labels\":{\"tier\":\"web\",\"x\":\"y\"}},\"data\":{\"k\":\"v\"}}");
        // gone, re-created (at the end), marked for deletion (kept with its finalizer)
        client.configMaps().inNamespace("a").withName("cm-3").delete();
        client.configMaps().inNamespace("b").withName("cm-4").delete();
        configMap("b", "cm-4", "db");
        client.configMaps()
                .inNamespace("c")
                .withName("cm-5")
                .edit(
                        c ->
                                new ConfigMapBuilder(c)
                                        .editMetadata()
                                        .addToFinalizers("example.com/keep")
                                        .endMetadata()
                                        .build());
        client.configMaps().inNamespace("c").withName("cm-5").delete();
        assertThat(
                        client.configMaps()
                                .inNamespace("c")
                                .withName("cm-5")
                                .get()
                                .getMetadata()
                                .getDeletionTimestamp())
                .isNotNull();

        assertReadsAgreeWithAScanOfTheStorage();

        // again after writes to objects the label index now holds: relabelled, gone, new, moved
        client.configMaps().inNamespace("a").withName("cm-0").edit(c -> labelled(c, "cache"));
        client.configMaps().inNamespace("c").withName("cm-4").delete();
        configMap("c", "cm-9", "web");
        client.configMaps().inNamespace("a").withName("cm-2").edit(c -> labelled(c, "db"));
        client.configMaps().inNamespace("a").withName("cm-1").edit(c -> labelled(c, "web"));
        client.configMaps()
                .inNamespace("b")
                .withName("cm-2")
                .edit(c -> new ConfigMapBuilder(c).addToData("k", "v").build());

        assertReadsAgreeWithAScanOfTheStorage();
    }

    private void assertReadsAgreeWithAScanOfTheStorage() {
        for (String path :
                List.of(
                        "/api/v1/configmaps",
                        "/api/v1/namespaces/a/configmaps",
                        "/api/v1/namespaces/b/configmaps",
                        "/api/v1/namespaces/c/configmaps",
                        "/api/v1/namespaces/a/configmaps?labelSelector=tier%3Dweb",
                        "/api/v1/namespaces/c/configmaps?labelSelector=tier%3Ddb",
                        "/api/v1/configmaps?labelSelector=tier%3Dcache",
                        "/apis/apps/v1/deployments",
                        "/apis/apps/v1/namespaces/a/deployments",
                        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                        "/api/v1/namespaces/a/services")) {
            List<JsonNode> scanned = items(dispatcher.handleGet(path));
            assertThat(namesOf(listed(path))).as(path).isEqualTo(namesOf(scanned));
            for (JsonNode object : scanned) {
                String objectPath = objectPath(path, object);
                assertThat(listed(objectPath))
                        .as(objectPath)
                        .containsExactly(Json.parse(body(dispatcher.handleGet(objectPath))));
            }
        }
        assertThat(names(dispatcher.direct().list(ConfigMap.class)))
                .isEqualTo(namesOf(items(dispatcher.handleGet("/api/v1/configmaps"))));
        assertThat(names(dispatcher.direct().list(Deployment.class, "a")))
                .isEqualTo(
                        namesOf(
                                items(
                                        dispatcher.handleGet(
                                                "/apis/apps/v1/namespaces/a/deployments"))));
        assertThat(namesOf(dispatcher.direct().listJson(CustomResourceDefinition.class, null)))
                .isEqualTo(
                        namesOf(
                                items(
                                        dispatcher.handleGet(
                                                "/apis/apiextensions.k8s.io/v1/"
                                                        + "customresourcedefinitions"))))
                .isNotEmpty();
        assertThat(dispatcher.direct().count("", "configmaps", "b"))
                .isEqualTo(items(dispatcher.handleGet("/api/v1/namespaces/b/configmaps")).size());
    }

    @Test
    void aDeletedObjectIsGoneFromEveryReadAndItsNameCanBeTakenAgain() {
        client.resource(deployment("a", "web", 1)).create();
        client.resource(deployment("b", "web", 1)).create();

        client.apps().deployments().inNamespace("a").withName("web").delete();

        assertThat(client.apps().deployments().inNamespace("a").withName("web").get()).isNull();
        assertThat(names(client.apps().deployments().inAnyNamespace().list().getItems()))
                .containsExactly("b/web");
        assertThat(dispatcher.direct().get(Deployment.class, "a", "web")).isNull();
        assertThat(dispatcher.direct().count("apps", "deployments", null)).isEqualTo(1);

        Deployment again = client.resource(deployment("a", "web", 3)).create();

        assertThat(again.getSpec().getReplicas()).isEqualTo(3);
        assertThat(names(client.apps().deployments().inAnyNamespace().list().getItems()))
                .containsExactly("b/web", "a/web");
    }

    @Test
    void aKeyTheIndexCannotPlaceMakesEveryQueryScanTheStorage() {
        Map<AttributeSet, String> storage = new LinkedHashMap<>();
        StoreIndex index = new StoreIndex();
        AttributeSet pod = key("pods", "a", "p");
        AttributeSet wildcard = key("*", "b", "w");
        for (AttributeSet k : List.of(pod, wildcard)) {
            storage.put(k, k.toString());
            index.add(k);
        }
        AttributeSet query = query("pods", "a");

        // fabric8's wildcard value equals every value: the scan finds that key for any plural
        assertThat(index.matching(storage, query, Integer.MAX_VALUE))
                .extracting(Map.Entry::getKey)
                .containsExactly(pod);
        assertThat(index.matching(storage, query("pods", "b"), Integer.MAX_VALUE))
                .extracting(Map.Entry::getKey)
                .containsExactly(wildcard);

        storage.remove(wildcard);
        index.remove(wildcard);

        assertThat(index.matching(storage, query("pods", "b"), Integer.MAX_VALUE)).isEmpty();
        assertThat(index.keysOf(storage, "pods", null)).containsExactly(pod);
    }

    private static Deployment deployment(String ns, String name, int replicas) {
        return new DeploymentBuilder(Fixtures.deployment(name, replicas))
                .editMetadata()
                .withNamespace(ns)
                .endMetadata()
                .build();
    }

    private void configMap(String ns, String name, String tier) {
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(ns)
                                .addToLabels("tier", tier)
                                .endMetadata()
                                .build())
                .create();
    }

    private static ConfigMap labelled(ConfigMap c, String tier) {
        return new ConfigMapBuilder(c)
                .editMetadata()
                .addToLabels("tier", tier)
                .endMetadata()
                .build();
    }

    /** What a client reads at {@code path}: the list's items, or the one object. */
    private List<JsonNode> listed(String path) {
        String answer = client.raw(cluster.client().getMasterUrl() + path.substring(1));
        JsonNode tree = Json.parse(answer);
        List<JsonNode> result = new ArrayList<>();
        if (tree.has("items")) {
            tree.get("items").forEach(result::add);
        } else {
            result.add(tree);
        }
        return result;
    }

    private static String objectPath(String listPath, JsonNode object) {
        String collection = listPath.replaceAll("\\?.*", "");
        JsonNode metadata = object.path("metadata");
        String ns = metadata.path("namespace").asText("");
        if (!ns.isEmpty() && !collection.contains("/namespaces/")) {
            int cut = collection.lastIndexOf('/');
            collection =
                    collection.substring(0, cut) + "/namespaces/" + ns + collection.substring(cut);
        }
        return collection + "/" + metadata.path("name").asText();
    }

    private static List<JsonNode> items(io.fabric8.mockwebserver.http.MockResponse response) {
        List<JsonNode> result = new ArrayList<>();
        Json.parse(body(response)).path("items").forEach(result::add);
        return result;
    }

    private static String body(io.fabric8.mockwebserver.http.MockResponse response) {
        return InMemoryApiDispatcher.bodyOf(response);
    }

    private static List<String> namesOf(List<JsonNode> objects) {
        return objects.stream()
                .map(
                        o ->
                                o.path("metadata").path("namespace").asText("")
                                        + "/"
                                        + o.path("metadata").path("name").asText())
                .toList();
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream()
                .map(
                        o ->
                                (o.getMetadata().getNamespace() == null
                                                ? ""
                                                : o.getMetadata().getNamespace())
                                        + "/"
                                        + o.getMetadata().getName())
                .toList();
    }

    private static AttributeSet key(String plural, String ns, String name) {
        return new AttributeSet(
                new Attribute("version", "v1"),
                new Attribute("plural", plural),
                new Attribute("namespace", ns),
                new Attribute("name", name));
    }

    private static AttributeSet query(String plural, String ns) {
        return new AttributeSet(
                new Attribute("version", "v1"),
                new Attribute("plural", plural),
                new Attribute("namespace", ns));
    }
}
