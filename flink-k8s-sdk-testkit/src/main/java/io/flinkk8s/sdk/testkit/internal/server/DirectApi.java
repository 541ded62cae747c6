package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.flinkk8s.sdk.testkit.internal.admission.ClusterView;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typed in-process API the testkit's controllers and fault injectors use. Requests go straight
 * to the dispatcher (no HTTP), are not logged, and no fault applies to them; they still produce
 * watch events and resource versions like any client write. Writes by this API are last-write-wins:
 * a resource version in the object is ignored.
 */
public final class DirectApi implements ClusterView {

    private static final String DEFAULT_MANAGER = "flinkk8s-testkit";

    private final InMemoryApiDispatcher dispatcher;
    private final Models models;
    private final Map<Class<?>, Map<AttributeSet, Tokens>> typed = new ConcurrentHashMap<>();

    DirectApi(InMemoryApiDispatcher dispatcher, Models models) {
        this.dispatcher = dispatcher;
        this.models = models;
    }

    /**
     * A model object as the JSON tree the API server would store, through the cluster client's
     * serialization (so the serializers are built once for both).
     */
    public ObjectNode tree(Object model) {
        return models.tree(model);
    }

    /**
     * Every stored object of a type in a namespace (null: every namespace), as the API server's own
     * JSON trees, in storage order: nothing is parsed or copied, so the controllers, which read
     * everything on every run, cost little. Read them, never change them: copy one ({@code
     * deepCopy()}) to write it back.
     */
    @Override
    public List<JsonNode> listJson(Class<? extends HasMetadata> type, String namespace) {
        String group = HasMetadata.getGroup(type);
        String ns = Namespaced.class.isAssignableFrom(type) ? namespace : null;
        return listJson(
                group == null ? "" : group,
                HasMetadata.getVersion(type),
                HasMetadata.getPlural(type),
                ns);
    }

    @Override
    public List<JsonNode> listJson(String group, String plural, String namespace) {
        return listJson(group, null, plural, namespace);
    }

    /** As {@link #listJson(String, String, String)}, of one version (null: any). */
    private List<JsonNode> listJson(String group, String version, String plural, String ns) {
        List<JsonNode> result = new ArrayList<>();
        dispatcher.locked(
                () -> {
                    for (AttributeSet key : keysOf(plural, ns)) {
                        if (plural.equals(value(key, "plural", null))
                                && (version == null || version.equals(value(key, "version", null)))
                                && group.equals(value(key, "api", ""))
                                && (ns == null || ns.equals(value(key, "namespace", null)))) {
                            result.add(dispatcher.treeOf(dispatcher.storage().get(key)));
                        }
                    }
                });
        return result;
    }

    /**
     * Creates a cluster-scoped object of a kind the testkit has no model class of ({@code
     * apiVersion} e.g. {@code storage.k8s.io/v1}, {@code plural}) from its tree, which becomes the
     * API server's.
     */
    public JsonNode createJson(
            String apiVersion, String plural, ObjectNode object, String manager) {
        return stored(
                write(HttpMethod.POST, prefix(apiVersion, null) + "/" + plural, object, manager));
    }

    /** Whether a cluster-scoped object of a kind without a model class is stored. */
    public boolean exists(String apiVersion, String plural, String name) {
        return dispatcher.storedEntry(prefix(apiVersion, null) + "/" + plural + "/" + name) != null;
    }

    /** One stored object as the API server's own JSON tree (see {@link #listJson}), or null. */
    @Override
    public JsonNode getJson(Class<? extends HasMetadata> type, String namespace, String name) {
        Map.Entry<AttributeSet, String> found =
                dispatcher.storedEntry(collection(type, namespace) + "/" + name);
        return found == null ? null : dispatcher.treeOf(found.getValue());
    }

    @Override
    public int count(String group, String plural, String namespace) {
        int[] count = {0};
        dispatcher.locked(
                () -> {
                    if (dispatcher.storedCount(plural) == 0) {
                        return;
                    }
                    for (AttributeSet key : keysOf(plural, namespace)) {
                        if (plural.equals(value(key, "plural", null))
                                && group.equals(value(key, "api", ""))
                                && (namespace == null
                                        || namespace.equals(value(key, "namespace", null)))) {
                            count[0]++;
                        }
                    }
                });
        return count[0];
    }

    @Override
    public boolean holdsAny(String plural) {
        int[] count = {0};
        dispatcher.locked(() -> count[0] = dispatcher.storedCount(plural));
        return count[0] > 0;
    }

    /**
     * Creates an object of {@code type} from its tree, which becomes the API server's, and answers
     * it as stored (a shared tree, as {@link #listJson}).
     */
    public JsonNode createJson(
            Class<? extends HasMetadata> type, ObjectNode object, String manager) {
        String path = collection(type, object.path("metadata").path("namespace").asText(null));
        return stored(write(HttpMethod.POST, path, object, manager));
    }

    /**
     * Replaces the main resource of an object from its tree (last write wins: a resource version in
     * it is ignored), which becomes the API server's; answers it as stored.
     */
    public JsonNode updateJson(
            Class<? extends HasMetadata> type, ObjectNode object, String manager) {
        return stored(
                write(HttpMethod.PUT, objectPath(type, object), unversioned(object), manager));
    }

    /** Replaces the status of an object from its tree (as {@link #updateJson}). */
    public JsonNode updateStatusJson(Class<? extends HasMetadata> type, ObjectNode object) {
        return stored(
                write(
                        HttpMethod.PUT,
                        objectPath(type, object) + "/status",
                        unversioned(object),
                        null));
    }

    /** Deletes an object with a propagation policy. */
    public void deleteJson(
            Class<? extends HasMetadata> type, JsonNode object, String propagationPolicy) {
        call(
                HttpMethod.DELETE,
                objectPath(type, object) + "?propagationPolicy=" + propagationPolicy,
                null,
                null);
    }

    private JsonNode stored(MockResponse r) {
        check(r);
        String body = InMemoryApiDispatcher.bodyOf(r);
        // empty when the write removed the object (a body marked for deletion, no finalizers)
        return body == null || body.isEmpty() ? null : dispatcher.treeOf(body);
    }

    private static ObjectNode unversioned(ObjectNode object) {
        if (object.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return object;
    }

    private static String objectPath(Class<? extends HasMetadata> type, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return collection(type, metadata.path("namespace").asText(null))
                + "/"
                + metadata.path("name").asText();
    }

    /** Every object of a type, in every namespace. */
    public <T extends HasMetadata> List<T> list(Class<T> type) {
        return list(type, null);
    }

    /** Every object of a type in a namespace (null: every namespace). */
    public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        // Straight from storage, in its order (as a list request answers): one JSON parse per
        // object instead of four through the list response, since controllers list on every run.
        String group = HasMetadata.getGroup(type);
        String version = HasMetadata.getVersion(type);
        String plural = HasMetadata.getPlural(type);
        String ns = Namespaced.class.isAssignableFrom(type) ? namespace : null;
        List<Map.Entry<AttributeSet, String>> stored = new ArrayList<>();
        dispatcher.locked(
                () -> {
                    for (AttributeSet key : keysOf(plural, ns)) {
                        if (plural.equals(value(key, "plural", null))
                                && version.equals(value(key, "version", null))
                                && (group == null ? "" : group).equals(value(key, "api", ""))
                                && (ns == null || ns.equals(value(key, "namespace", null)))) {
                            stored.add(Map.entry(key, dispatcher.storage().get(key)));
                        }
                    }
                });
        Map<AttributeSet, Tokens> cache =
                typed.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        if (ns == null) {
            // A full listing sees every stored object of the type: forget the deleted ones.
            Set<AttributeSet> live = new HashSet<>();
            stored.forEach(e -> live.add(e.getKey()));
            cache.keySet().retainAll(live);
        }
        List<T> result = new ArrayList<>(stored.size());
        for (Map.Entry<AttributeSet, String> e : stored) {
            result.add(typedCopy(cache, e.getKey(), e.getValue(), type));
        }
        return result;
    }

    /**
     * A new typed object read from stored JSON, which callers may change. The JSON is tokenized
     * once per stored version of an object; each request reads the cached tokens (controllers list
     * the same unchanged objects on every run). A fabric8 builder copy of a parsed object measured
     * slower than parsing, so the cache holds tokens, not objects.
     */
    private <T> T typedCopy(
            Map<AttributeSet, Tokens> cache, AttributeSet key, String json, Class<T> type) {
        Tokens cached = cache.get(key);
        if (cached == null || !cached.json().equals(json)) {
            cached = new Tokens(json, Json.tokens(json));
            cache.put(key, cached);
        }
        return models.read(cached.tokens(), type);
    }

    /** One object, or null when there is none. */
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        // Straight from storage through the same token cache as list (a GET request would parse
        // the stored JSON, write it out and this would parse it again).
        Map.Entry<AttributeSet, String> found =
                dispatcher.storedEntry(collection(type, namespace) + "/" + name);
        if (found == null) {
            return null;
        }
        Map<AttributeSet, Tokens> cache =
                typed.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        if (cache.size() > 2 * dispatcher.storage().size() + 64) {
            // kinds only ever read by name are not pruned by a full listing: forget them all
            cache.clear();
        }
        return typedCopy(cache, found.getKey(), found.getValue(), type);
    }

    /** Creates an object and answers it as stored. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T create(T object, String manager) {
        String path = collection(object.getClass(), object.getMetadata().getNamespace());
        return (T)
                expect(
                        write(HttpMethod.POST, path, models.tree(object), manager),
                        object.getClass());
    }

    /** Replaces the main resource of an object (its status is kept) and answers it as stored. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T update(T object, String manager) {
        return (T)
                expect(
                        write(HttpMethod.PUT, objectPath(object), withoutVersion(object), manager),
                        object.getClass());
    }

    /** Replaces the status of an object and answers it as stored. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T updateStatus(T object) {
        return (T)
                expect(
                        write(
                                HttpMethod.PUT,
                                objectPath(object) + "/status",
                                withoutVersion(object),
                                null),
                        object.getClass());
    }

    /**
     * Deletes an object with a propagation policy ({@code Background}, {@code Foreground}, {@code
     * Orphan}).
     */
    public void delete(HasMetadata object, String propagationPolicy) {
        call(
                HttpMethod.DELETE,
                objectPath(object) + "?propagationPolicy=" + propagationPolicy,
                null,
                null);
    }

    /** The scale of any scalable object, or null when it does not exist or cannot scale. */
    public Scale getScale(String apiVersion, String kind, String namespace, String name) {
        MockResponse r =
                call(
                        HttpMethod.GET,
                        pathOf(apiVersion, kind, namespace) + "/" + name + "/scale",
                        null,
                        null);
        return r.code() == 200
                ? Serialization.unmarshal(InMemoryApiDispatcher.bodyOf(r), Scale.class)
                : null;
    }

    /** Sets the replicas of any scalable object through its scale subresource. */
    public void setScale(
            String apiVersion,
            String kind,
            String namespace,
            String name,
            int replicas,
            String manager) {
        String body = "{\"spec\":{\"replicas\":" + replicas + "}}";
        MockResponse r =
                dispatcher.handleInternal(
                        HttpMethod.PATCH,
                        pathOf(apiVersion, kind, namespace) + "/" + name + "/scale",
                        "application/merge-patch+json",
                        body,
                        manager);
        check(r);
    }

    /**
     * Every stored object of every kind, with the resource it is stored under. The objects are the
     * API server's own trees: copy one before changing it.
     */
    public List<StoredObject> all() {
        List<StoredObject> result = new ArrayList<>();
        dispatcher.locked(
                () -> {
                    for (Map.Entry<AttributeSet, String> e : dispatcher.storage().entrySet()) {
                        AttributeSet key = e.getKey();
                        result.add(
                                new StoredObject(
                                        value(key, "api", ""),
                                        value(key, "version", "v1"),
                                        value(key, "plural", ""),
                                        dispatcher.treeOf(e.getValue())));
                    }
                });
        return result;
    }

    /**
     * Replaces a stored object of any kind (main resource), as the garbage collector does; {@code
     * object} becomes the API server's.
     */
    public void update(StoredObject stored, ObjectNode object, String manager) {
        // not checked: the garbage collector works from a snapshot, and an object it updates may
        // have gone in the same pass (a 404 is the expected answer then)
        ObjectNode body = object;
        if (body.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        write(HttpMethod.PUT, pathOf(stored) + "/" + stored.name(), body, manager);
    }

    /** Deletes a stored object of any kind with a propagation policy. */
    public void delete(StoredObject stored, String propagationPolicy) {
        call(
                HttpMethod.DELETE,
                pathOf(stored) + "/" + stored.name() + "?propagationPolicy=" + propagationPolicy,
                null,
                null);
    }

    private MockResponse call(HttpMethod method, String path, String body, String manager) {
        return dispatcher.handleInternal(
                method,
                path,
                "application/json",
                body,
                manager == null ? DEFAULT_MANAGER : manager);
    }

    private MockResponse write(HttpMethod method, String path, ObjectNode body, String manager) {
        return dispatcher.handleInternal(
                method, path, body, manager == null ? DEFAULT_MANAGER : manager);
    }

    private Object expect(MockResponse r, Class<?> type) {
        check(r);
        String body = InMemoryApiDispatcher.bodyOf(r);
        // empty when the write removed the object (a body marked for deletion, no finalizers)
        return body == null || body.isEmpty() ? null : models.read(body, type);
    }

    /**
     * Fails on an error answer: a refusal by admission (403) as an {@link ApiError} with the
     * server's message, which a controller reports as Kubernetes' do; anything else is a bug.
     */
    private static void check(MockResponse r) {
        if (r.code() == 403) {
            JsonNode status = Json.parse(InMemoryApiDispatcher.bodyOf(r));
            throw new ApiError(403, "Forbidden", status.path("message").asText());
        }
        if (r.code() >= 300) {
            throw new IllegalStateException(
                    "in-memory API rejected a testkit write (testkit bug): "
                            + r.code()
                            + " "
                            + InMemoryApiDispatcher.bodyOf(r));
        }
    }

    private ObjectNode withoutVersion(HasMetadata object) {
        ObjectNode tree = models.tree(object);
        if (tree.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return tree;
    }

    /**
     * The stored keys of a plural resource in a namespace (null: all), in storage order, from the
     * store's index (possibly with others: callers check each key). Under the dispatcher's lock.
     */
    private Collection<AttributeSet> keysOf(String plural, String namespace) {
        return dispatcher.index().keysOf(dispatcher.storage(), plural, namespace);
    }

    /** The tokens of one stored version of an object, reused while its JSON is unchanged. */
    private record Tokens(String json, TokenBuffer tokens) {}

    private static String value(AttributeSet key, String name, String fallback) {
        Attribute a = key.getAttribute(name);
        return a == null || a.getValues().isEmpty() ? fallback : a.getValues().get(0).toString();
    }

    private static String collection(Class<?> type, String namespace) {
        @SuppressWarnings("unchecked")
        Class<? extends HasMetadata> t = (Class<? extends HasMetadata>) type;
        String apiVersion = HasMetadata.getApiVersion(t);
        String ns = Namespaced.class.isAssignableFrom(type) ? namespace : null;
        return prefix(apiVersion, ns) + "/" + HasMetadata.getPlural(t);
    }

    private static String objectPath(HasMetadata object) {
        return collection(object.getClass(), object.getMetadata().getNamespace())
                + "/"
                + object.getMetadata().getName();
    }

    private static String pathOf(StoredObject stored) {
        String apiVersion =
                stored.group().isEmpty()
                        ? stored.version()
                        : stored.group() + "/" + stored.version();
        return prefix(apiVersion, stored.namespace()) + "/" + stored.resource();
    }

    private static String pathOf(String apiVersion, String kind, String namespace) {
        return prefix(apiVersion, namespace) + "/" + kind.toLowerCase(java.util.Locale.ROOT) + "s";
    }

    private static String prefix(String apiVersion, String namespace) {
        String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        return namespace == null ? base : base + "/namespaces/" + namespace;
    }
}
