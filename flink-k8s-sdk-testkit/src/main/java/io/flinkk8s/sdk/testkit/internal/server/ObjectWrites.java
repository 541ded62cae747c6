package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.json.Patches;
import io.flinkk8s.sdk.testkit.internal.schema.CustomResourceSchemas;
import io.flinkk8s.sdk.testkit.internal.schema.Pruning;
import io.flinkk8s.sdk.testkit.internal.schema.StructuralSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The API server's writes: create, replace (main resource and status), patches of every content
 * type and server-side apply, each with admission and the writer's field ownership, stored through
 * {@link TreeStore}.
 */
public final class ObjectWrites {

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private static final Set<String> BUILT_IN_GROUPS =
            Set.of("", "apps", "batch", "autoscaling", "policy");

    private final InMemoryApiDispatcher dispatcher;
    private final CustomResourceSchemas schemas = new CustomResourceSchemas();

    ObjectWrites(InMemoryApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    MockResponse create(RequestPath path, ObjectNode object, String manager, boolean applied) {
        if (!applied) {
            ObjectRules.checkApiVersion(path, object, false, null);
        }
        ObjectNode metadata = object.with("metadata");
        if (metadata.path("name").asText("").isEmpty()
                && !metadata.path("generateName").asText("").isEmpty()) {
            metadata.put("name", metadata.path("generateName").asText() + randomSuffix(5));
        }
        dispatcher.admission().onCreate(path, object);
        StructuralSchema schema = schemaOf(path);
        if (schema != null) {
            if (dispatcher.isStatusSubresourceEnabledForResource(path.collectionPath())) {
                object.remove("status");
            }
            CustomResourceSchemas.admit(object, schema, path.group());
        }
        ObjectRules.validate(path, object, true);
        if (!applied) {
            ManagedFields.write(
                    object,
                    ManagedFields.afterUpdate(
                            null,
                            object,
                            manager,
                            null,
                            object.path("apiVersion").asText(),
                            dispatcher.now(),
                            dispatcher.isClientRequest(),
                            schemaOf(path)));
        }
        return dispatcher.store().create(path.collectionPath(), object);
    }

    MockResponse update(RequestPath path, ObjectNode desired, String manager) {
        ObjectRules.checkApiVersion(path, desired, false, null);
        JsonNode current = dispatcher.reads().stored(path);
        if (current == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        if ("status".equals(path.subresource())) {
            return writeStatus(path, current, desired, manager);
        }
        return write(path, current, desired, manager, false);
    }

    /**
     * A client's write of the status subresource (PUT or a patch): the stored object with the
     * status of {@code desired}, recorded as the writer's Update entry for {@code subresource:
     * status}. A body marked for deletion takes the base dispatcher's way.
     */
    private MockResponse writeStatus(
            RequestPath path, JsonNode current, ObjectNode desired, String manager) {
        String statusPath = path.objectPath(path.name()) + "/status";
        if (desired.path("metadata").has("deletionTimestamp") || manager == null) {
            return dispatcher.store().replace(statusPath, desired);
        }
        ObjectNode updated = ((ObjectNode) current).deepCopy();
        JsonNode status = desired.get("status");
        if (status == null) {
            updated.remove("status");
        } else {
            updated.set("status", status.deepCopy());
        }
        admitCustomResource(path, updated);
        ManagedFields.write(
                updated,
                ManagedFields.afterUpdate(
                        current,
                        updated,
                        manager,
                        "status",
                        current.path("apiVersion").asText(),
                        dispatcher.now(),
                        false,
                        schemaOf(path)));
        return dispatcher.store().replaceWhole(path.objectPath(path.name()), updated);
    }

    /**
     * A status write from inside the testkit (a controller's): what the base dispatcher does for a
     * PUT of the status subresource (the stored object with the status of {@code desired}, a new
     * resource version when the status changed), working on the stored object's tree instead of
     * parsing the stored JSON and the body again and reading the whole body into a model object. A
     * body marked for deletion takes the base dispatcher's way, which decides from the body.
     */
    MockResponse replaceStatus(RequestPath path, ObjectNode desired) {
        String statusPath = path.objectPath(path.name()) + "/status";
        AttributeSet pathKey = dispatcher.getKey(statusPath);
        if (desired.path("metadata").has("deletionTimestamp")) {
            // the base dispatcher removes the object when such a body has no finalizers left
            return dispatcher.store().replace(statusPath, desired);
        }
        Map.Entry<AttributeSet, String> entry = dispatcher.findResource(pathKey);
        if (entry == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        JsonNode current = dispatcher.treeOf(entry.getValue());
        JsonNode status = desired.get("status");
        if (Json.sameValue(current.get("status"), status)) {
            return new MockResponse().setResponseCode(200).setBody(entry.getValue());
        }
        ObjectNode updated = ((ObjectNode) current).deepCopy();
        if (status == null) {
            updated.remove("status");
        } else {
            updated.set("status", status);
        }
        admitCustomResource(path, updated);
        if (Json.sameValue(current.get("status"), updated.get("status"))) {
            return new MockResponse().setResponseCode(200).setBody(entry.getValue());
        }
        updated.with("metadata")
                .put("resourceVersion", String.valueOf(dispatcher.requestResourceVersion()));
        String json = Json.write(updated);
        dispatcher.processEvent(statusPath, pathKey, entry.getKey(), keyOf(updated), json);
        return new MockResponse().setResponseCode(200).setBody(json);
    }

    /** A suffix for a generated name: {@code length} of the characters Kubernetes uses. */
    private String randomSuffix(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMS.charAt(dispatcher.random().nextInt(ALPHANUMS.length())));
        }
        return sb.toString();
    }

    /** What the base dispatcher's storage key is computed from: kind, apiVersion and metadata. */
    static GenericKubernetesResource keyOf(JsonNode object) {
        GenericKubernetesResource light = new GenericKubernetesResource();
        light.setApiVersion(object.path("apiVersion").asText(null));
        light.setKind(object.path("kind").asText(null));
        JsonNode metadata = object.path("metadata");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(metadata.path("name").asText(null));
        meta.setNamespace(metadata.path("namespace").asText(null));
        if (metadata.get("labels") instanceof ObjectNode labels) {
            Map<String, String> copy = new LinkedHashMap<>();
            labels.fields().forEachRemaining(e -> copy.put(e.getKey(), e.getValue().asText()));
            meta.setLabels(copy);
        }
        light.setMetadata(meta);
        return light;
    }

    /**
     * Stores {@code desired} over {@code current} (main resource), with admission and, unless
     * {@code applied} (the caller recorded it), the writer's ownership of what it changed.
     */
    MockResponse write(
            RequestPath path,
            JsonNode current,
            ObjectNode desired,
            String manager,
            boolean applied) {
        dispatcher.admission().onUpdate(path, current, desired);
        StructuralSchema schema = schemaOf(path);
        if (schema != null) {
            if (dispatcher.isStatusSubresourceEnabledForResource(path.collectionPath())) {
                // the stored status stays: it is what the object is validated with
                JsonNode status = current.get("status");
                if (status == null) {
                    desired.remove("status");
                } else {
                    desired.set("status", status.deepCopy());
                }
            }
            CustomResourceSchemas.admit(desired, schema, path.group());
        }
        ObjectRules.validate(path, desired, false);
        if (!applied) {
            ManagedFields.write(
                    desired,
                    ManagedFields.afterUpdate(
                            current,
                            desired,
                            manager,
                            null,
                            desired.path("apiVersion").asText(),
                            dispatcher.now(),
                            dispatcher.isClientRequest(),
                            schemaOf(path)));
        }
        return dispatcher.store().replace(path.objectPath(path.name()), desired);
    }

    MockResponse patch(RequestPath path, String contentType, String body, String manager) {
        String type = contentType == null ? "application/json-patch+json" : contentType;
        boolean apply = type.startsWith("application/apply-patch");
        if (apply) {
            return apply(path, Json.parseObject(body), manager);
        }
        if ("scale".equals(path.subresource())) {
            return dispatcher.scales().patch(path, type, Json.parse(body), manager);
        }
        JsonNode current = dispatcher.reads().stored(path);
        if (current == null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        ObjectNode patched = Patches.apply(type, current, Json.parse(body));
        if ("status".equals(path.subresource())) {
            return writeStatus(path, current, patched, manager);
        }
        return write(path, current, patched, manager, false);
    }

    private MockResponse apply(RequestPath path, ObjectNode config, String manager) {
        if (manager == null || path.param("fieldManager") == null) {
            throw ApiError.badRequest("fieldManager is required for apply requests");
        }
        ObjectNode metadata = config.with("metadata");
        if (metadata.has("managedFields") && !metadata.get("managedFields").isNull()) {
            throw ApiError.badRequest("metadata.managedFields must be nil");
        }
        if (!metadata.has("name")) {
            metadata.put("name", path.name());
        }
        String name = metadata.path("name").asText();
        String namespace = metadata.path("namespace").asText("");
        if (!name.equals(path.name())) {
            throw ApiError.badRequest(
                    "the name of the object ("
                            + name
                            + ") does not match the name on the URL ("
                            + path.name()
                            + ")");
        }
        if (!namespace.isEmpty()
                && path.namespace() != null
                && !namespace.equals(path.namespace())) {
            throw ApiError.badRequest(
                    "the namespace of the object ("
                            + namespace
                            + ") does not match the namespace on the URL ("
                            + path.namespace()
                            + ")");
        }
        boolean force = "true".equals(path.param("force"));
        if ("scale".equals(path.subresource())) {
            return dispatcher.scales().apply(path, config, manager, force);
        }
        ObjectRules.checkApiVersion(path, config, true, null);
        JsonNode current = dispatcher.reads().stored(path);
        requireUid(path, config, current);
        if (current == null && path.subresource() != null) {
            throw InMemoryApiDispatcher.notFound(path);
        }
        if ("status".equals(path.subresource()) && !path.group().isEmpty()) {
            // the status strategies of workloads and custom resources reset the metadata too
            // (core kinds such as pods let labels through)
            ObjectNode kept = config.with("metadata");
            kept.retain("name", "namespace");
        }
        StructuralSchema schema = schemaOf(path);
        if (schema != null) {
            // unknown fields are pruned before the apply, so nobody owns them
            Pruning.prune(config, schema);
        }
        ObjectNode result =
                ServerSideApply.apply(
                        current,
                        config,
                        manager,
                        force,
                        dispatcher.now(),
                        path.subresource(),
                        schema);
        if (current == null) {
            return create(path, result, manager, true);
        }
        if ("status".equals(path.subresource())) {
            if (schema != null) {
                CustomResourceSchemas.admit(result, schema, path.group());
            }
            return dispatcher.store().replaceWhole(path.objectPath(path.name()), result);
        }
        return write(path, current, result, manager, true);
    }

    /** Prunes, defaults and validates a custom resource as its CRD's schema says. */
    private void admitCustomResource(RequestPath path, ObjectNode object) {
        StructuralSchema schema = schemaOf(path);
        if (schema != null) {
            CustomResourceSchemas.admit(object, schema, path.group());
        }
    }

    /**
     * The structural schema of the custom resource at {@code path}, from its CRD as stored now, or
     * null for built-in kinds and CRD versions without one. It is also what server-side apply and
     * managed fields take the resource's list types from.
     */
    StructuralSchema schemaOf(RequestPath path) {
        String group = path.group();
        if (BUILT_IN_GROUPS.contains(group) || group.endsWith(".k8s.io")) {
            return null;
        }
        String crdName = path.resource() + "." + group;
        Map.Entry<AttributeSet, String> crd =
                dispatcher.entryAt(
                        RequestPath.parse(
                                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"
                                        + crdName));
        return crd == null ? null : schemas.schema(crdName, crd.getValue(), path.version());
    }

    /** An apply naming a {@code metadata.uid} must name the stored object's. */
    private static void requireUid(RequestPath path, ObjectNode config, JsonNode current) {
        String uid = config.path("metadata").path("uid").asText("");
        if (uid.isEmpty()) {
            return;
        }
        if (current == null) {
            throw ApiError.conflict(
                    "Operation cannot be fulfilled on "
                            + path.resource()
                            + " \""
                            + path.name()
                            + "\": uid mismatch: the provided object specified uid "
                            + uid
                            + ", and no existing object was found");
        }
        String stored = current.path("metadata").path("uid").asText("");
        if (!uid.equals(stored)) {
            throw ApiError.conflict(
                    "Operation cannot be fulfilled on "
                            + path.resource()
                            + " \""
                            + path.name()
                            + "\": Precondition failed: UID in precondition: "
                            + uid
                            + ", UID in object meta: "
                            + stored);
        }
    }
}
