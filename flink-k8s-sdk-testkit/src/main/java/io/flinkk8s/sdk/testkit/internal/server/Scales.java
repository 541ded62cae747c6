package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.json.LabelSelectors;
import io.flinkk8s.sdk.testkit.internal.json.Patches;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of a workload (built-in
 * scalable kinds) or of a custom resource whose CRD declares a scale subresource.
 */
public final class Scales {

    private static final Set<String> BUILT_IN =
            Set.of("deployments", "statefulsets", "replicasets", "replicationcontrollers");

    /**
     * Where a kind keeps its replica counts and selector, as JSON paths ({@code .spec.replicas}).
     */
    private record Paths(String specReplicas, String statusReplicas, String labelSelector) {}

    private final InMemoryApiDispatcher dispatcher;
    private final Map<String, Paths> preloaded = new HashMap<>();

    Scales(InMemoryApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void preload(CustomResourceDefinition crd) {
        Paths paths = pathsOf(crd);
        if (paths != null) {
            preloaded.put(
                    crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getPlural(), paths);
        }
    }

    MockResponse get(RequestPath path) {
        JsonNode object = existing(path);
        return InMemoryApiDispatcher.ok(scaleOf(object, paths(path)));
    }

    MockResponse put(RequestPath path, ObjectNode scale, String manager) {
        JsonNode current = existing(path);
        Paths paths = paths(path);
        String expectedRv = scale.path("metadata").path("resourceVersion").asText("");
        String rv = current.path("metadata").path("resourceVersion").asText();
        if (!expectedRv.isEmpty() && !expectedRv.equals(rv)) {
            throw ApiError.conflict(
                    "Operation cannot be fulfilled on "
                            + path.resource()
                            + " \""
                            + path.name()
                            + "\": the object has been modified; please apply your changes "
                            + "to the latest version and try again");
        }
        ObjectNode desired = ((ObjectNode) current).deepCopy();
        set(desired, paths.specReplicas(), scale.path("spec").path("replicas").asInt(0));
        RequestPath main = path.forObject(path.namespace(), path.name());
        // recorded as the API server's ScaleHandler does: the writer's entry for subresource
        // scale owns the parent's replicas field
        ManagedFields.write(
                desired,
                ManagedFields.afterUpdate(
                        current,
                        desired,
                        manager,
                        "scale",
                        desired.path("apiVersion").asText(),
                        dispatcher.now(),
                        false,
                        dispatcher.writes().schemaOf(path)));
        dispatcher.writes().write(main, current, desired, manager, true);
        return InMemoryApiDispatcher.ok(scaleOf(dispatcher.reads().stored(main), paths));
    }

    /**
     * A server-side apply of a {@code Scale}: the applied replicas become an apply of the parent's
     * replicas field by {@code manager} through the scale subresource, with conflicts and forced
     * takeover as for any apply.
     */
    MockResponse apply(RequestPath path, ObjectNode scale, String manager, boolean force) {
        JsonNode current = existing(path);
        Paths paths = paths(path);
        ObjectNode parent = JsonNodeFactory.instance.objectNode();
        parent.put("apiVersion", current.path("apiVersion").asText());
        parent.put("kind", current.path("kind").asText());
        ObjectNode metadata = parent.putObject("metadata");
        metadata.put("name", path.name());
        if (path.namespace() != null) {
            metadata.put("namespace", path.namespace());
        }
        JsonNode replicas = scale.path("spec").path("replicas");
        if (replicas.isNumber()) {
            set(parent, paths.specReplicas(), replicas.asInt());
        }
        ObjectNode result =
                ServerSideApply.apply(
                        current,
                        parent,
                        manager,
                        force,
                        dispatcher.now(),
                        "scale",
                        dispatcher.writes().schemaOf(path));
        RequestPath main = path.forObject(path.namespace(), path.name());
        dispatcher.writes().write(main, current, result, manager, true);
        return InMemoryApiDispatcher.ok(scaleOf(dispatcher.reads().stored(main), paths));
    }

    MockResponse patch(RequestPath path, String contentType, JsonNode patch, String manager) {
        JsonNode scale = scaleOf(existing(path), paths(path));
        return put(path, Patches.apply(contentType, scale, patch), manager);
    }

    private JsonNode existing(RequestPath path) {
        JsonNode object = dispatcher.reads().stored(path);
        if (object == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        return object;
    }

    private Paths paths(RequestPath path) {
        if (BUILT_IN.contains(path.resource()) && !path.group().contains(".")) {
            return new Paths(".spec.replicas", ".status.replicas", null);
        }
        Paths paths = preloaded.get(path.group() + "/" + path.resource());
        if (paths == null) {
            paths = fromStoredCrd(path);
        }
        if (paths == null) {
            throw ApiError.notFound(
                    "the server could not find the requested resource ("
                            + path.resource()
                            + "/scale)");
        }
        return paths;
    }

    private Paths fromStoredCrd(RequestPath path) {
        RequestPath crdPath =
                RequestPath.parse(
                        "/apis/apiextensions.k8s.io/v1/"
                                + "customresourcedefinitions/"
                                + path.resource()
                                + "."
                                + path.group());
        JsonNode crd = dispatcher.reads().stored(crdPath);
        return crd == null
                ? null
                : pathsOf(Serialization.unmarshal(Json.write(crd), CustomResourceDefinition.class));
    }

    private static Paths pathsOf(CustomResourceDefinition crd) {
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (v.getSubresources() != null && v.getSubresources().getScale() != null) {
                CustomResourceSubresourceScale s = v.getSubresources().getScale();
                return new Paths(
                        s.getSpecReplicasPath(),
                        s.getStatusReplicasPath(),
                        s.getLabelSelectorPath());
            }
        }
        return null;
    }

    private static ObjectNode scaleOf(JsonNode object, Paths paths) {
        ObjectNode scale = JsonNodeFactory.instance.objectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode source = object.path("metadata");
        for (String field :
                new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(field)) {
                metadata.set(field, source.get(field));
            }
        }
        scale.putObject("spec").put("replicas", at(object, paths.specReplicas()).asInt(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", at(object, paths.statusReplicas()).asInt(0));
        String selector =
                paths.labelSelector() == null
                        ? selectorOf(object.path("spec").path("selector"))
                        : at(object, paths.labelSelector()).asText(null);
        if (selector != null && !selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    private static String selectorOf(JsonNode selector) {
        if (selector.isMissingNode() || selector.isNull()) {
            return null;
        }
        return LabelSelectors.toQueryString(Json.convert(selector, LabelSelector.class));
    }

    private static JsonNode at(JsonNode object, String jsonPath) {
        JsonNode node = object;
        for (String part : jsonPath.substring(1).split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static void set(ObjectNode object, String jsonPath, int value) {
        String[] parts = jsonPath.substring(1).split("\\.");
        ObjectNode node = object;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.with(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }
}
