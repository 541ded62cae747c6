package io.flinkk8s.sdk.testkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request handler of the in-memory cluster: fabric8's CRUD mock dispatcher, made to behave like
 * a real API server where SDK code and its tests depend on it.
 *
 * <p>What it adds to {@link KubernetesCrudDispatcher}:
 *
 * <ul>
 *   <li>Server-side apply ({@code application/apply-patch+yaml}): creates when absent, merges when
 *       present, records {@code metadata.managedFields} per field manager, removes fields a manager
 *       stops applying (unless another manager owns them), answers 409 listing every conflicting
 *       field when another manager owns a field with a different value and {@code force} is off,
 *       and takes ownership when it is on. A no-op apply writes nothing, so {@code resourceVersion}
 *       stays.
 *   <li>{@code generation} moves on every write that changes anything outside {@code metadata} and
 *       {@code status} (the base dispatcher's JSON diff missed a value moved from the spec into the
 *       metadata), and on nothing else.
 *   <li>Every non-apply write records the writer (the {@code fieldManager} parameter, else the
 *       User-Agent product) as an {@code Update} manager of the fields it changed, so an apply that
 *       would overwrite a field a controller or another client changed conflicts.
 *   <li>RFC 7386 JSON merge patch (null deletes, arrays replace); strategic merge patch
 *       (approximated, see below); a JSON patch whose {@code test} fails answers 422.
 *   <li>Immutable fields answer 422: {@code spec.selector} of Deployments, StatefulSets,
 *       ReplicaSets, DaemonSets and Jobs; a Service's {@code spec.clusterIP} once set. Services get
 *       a cluster IP on create; an update that omits it keeps it.
 *   <li>Label selectors of every kind ({@code in}, {@code notin}, exists, {@code !key}) and field
 *       selectors on any path, on list, watch and delete-collection.
 *   <li>Watches resume from a {@code resourceVersion} with exactly the missed events, or {@code 410
 *       Gone} once those left the 10,000-event history.
 *   <li>Built-in kinds treat {@code status} as a subresource, as CRDs with a status subresource
 *       already did: main-resource writes keep the stored status.
 *   <li>The {@code scale} subresource reads and writes a real {@code autoscaling/v1 Scale} for
 *       Deployments, StatefulSets, ReplicaSets and any CRD that declares one.
 *   <li>Delete with {@code propagationPolicy} Foreground or Orphan leaves the owner with the {@code
 *       foregroundDeletion} / {@code orphan} finalizer for the garbage collector.
 *   <li>Injected faults, a request log, and a direct in-process API for the controllers.
 * </ul>
 *
 * <p>Known differences from a real API server:
 *
 * <ul>
 *   <li>No OpenAPI schemas: list merge keys come from a fixed table (containers, env, volumes, ...
 *       by {@code name}; {@code volumeMounts} by {@code mountPath}; container ports by {@code
 *       containerPort}, Service ports by {@code port}); other lists are atomic. No validation of
 *       field values or types, no defaulting beyond Service IP and type.
 *   <li>Strategic merge patch has no {@code $patch}/{@code $retainKeys} directives; it is apply's
 *       merge with null deleting.
 *   <li>Status writes by clients are not recorded in managedFields ({@code subresource: status}
 *       entries); an apply to {@code /status} is a merge. (A {@code scale} write is recorded as the
 *       API server's ScaleHandler records it: the writer's Update entry with {@code subresource:
 *       scale} owning the replicas field.)
 *   <li>{@code creationTimestamp} and {@code deletionTimestamp} come from the wall clock (set by
 *       fabric8); managedFields times and the request log use the virtual clock.
 *   <li>Deletion is immediate (no grace period); namespaces need not exist and deleting one does
 *       not delete its objects; no admission webhooks, RBAC, quotas, pagination ({@code
 *       limit}/{@code continue} are ignored), bookmarks, dry run or field validation.
 *   <li>Only {@code status} and {@code scale} subresources exist; {@code log}, {@code exec} and the
 *       rest answer 404.
 * </ul>
 */
public final class InMemoryApiDispatcher extends KubernetesCrudDispatcher {

    /**
     * The pseudo resource {@link #drainChangedResources()} reports when a change can leave garbage
     * (an object deleted or being deleted, owner references changed); never a real plural.
     */
    public static final String OWNERSHIP_CHANGES = "*ownership";

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryApiDispatcher.class);
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final Set<String> STATUS_SUBRESOURCE =
            Set.of(
                    "pods",
                    "services",
                    "deployments",
                    "statefulsets",
                    "replicasets",
                    "daemonsets",
                    "jobs",
                    "cronjobs",
                    "horizontalpodautoscalers",
                    "nodes",
                    "namespaces",
                    "persistentvolumeclaims",
                    "poddisruptionbudgets",
                    "ingresses",
                    "replicationcontrollers");

    /** A label selector term {@code key=value} (or {@code ==}) the base dispatcher can match. */
    private static final Pattern LABEL_EQUALS =
            Pattern.compile("([a-zA-Z0-9-_./]+)==?([a-zA-Z0-9-_.]+)");

    private static final Map<String, String> VERSION =
            Map.of(
                    "major",
                    "1",
                    "minor",
                    "33",
                    "gitVersion",
                    "v1.33.0-flinkk8s-testkit",
                    "platform",
                    "linux/amd64");

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final Random random;
    private final WatchHub watches = new WatchHub();
    private final Admission admission = new Admission();
    private final RequestLog requestLog = new RequestLog();
    private final InjectedFaults faults = new InjectedFaults();
    private final Set<String> changedResources = new HashSet<>();
    private final Scales scales = new Scales(this);
    private final DirectApi direct;
    private final TreeStore store = new TreeStore(this);
    private final Map<AttributeSet, AttributeSet> foundKeys = new HashMap<>();
    // stored JSON text -> its parsed tree (shared with the watch history, never changed), for the
    // objects stored through a change; lets a change find its previous state without a parse
    private final Map<String, JsonNode> storedTrees = new HashMap<>();
    private Runnable afterClientWrite = () -> {};

    /**
     * Creates a dispatcher whose timestamps come from {@code clock} and whose generated names come
     * from a random source seeded with {@code seed} (same seed, same names).
     */
    public InMemoryApiDispatcher(Clock clock, long seed) {
        this(clock, seed, new KubernetesSerialization());
    }

    /**
     * As {@link #InMemoryApiDispatcher(Clock, long)}, reading and writing typed model objects
     * through {@code serialization}: hand it the one of the cluster's client, so Jackson builds
     * each model's (de)serializers once for both.
     */
    public InMemoryApiDispatcher(Clock clock, long seed, KubernetesSerialization serialization) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(seed);
        this.direct = new DirectApi(this, new Models(serialization));
    }

    /** The log of client requests (the controllers' own requests are not in it). */
    public RequestLog requestLog() {
        return requestLog;
    }

    /** The in-process API the controllers use: no HTTP, no faults, not logged. */
    public DirectApi direct() {
        return direct;
    }

    /** Runs {@code listener} after every successful client write, under the dispatcher lock. */
    public void onClientWrite(Runnable listener) {
        this.afterClientWrite = Objects.requireNonNull(listener, "listener");
    }

    /** Adds a fault; it applies to client requests only. */
    public void addFault(FaultRule rule) {
        lock.lock();
        try {
            faults.add(Objects.requireNonNull(rule, "rule"));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a fault decided request by request; it applies to client requests only, after every
     * {@link FaultRule}, until {@link #removeFault} or {@link #clearFaults}.
     */
    public void addFault(RequestFault fault) {
        lock.lock();
        try {
            faults.add(fault);
        } finally {
            lock.unlock();
        }
    }

    /** Removes a fault added with {@link #addFault(RequestFault)}; nothing if it is not there. */
    public void removeFault(RequestFault fault) {
        lock.lock();
        try {
            faults.remove(fault);
        } finally {
            lock.unlock();
        }
    }

    /** Removes every fault. */
    public void clearFaults() {
        lock.lock();
        try {
            faults.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every open watch; clients see the connection end and must re-watch. */
    public void dropWatches() {
        lock.lock();
        try {
            watches.dropAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many watches are open right now. */
    public int openWatches() {
        return watches.openCount();
    }

    /** Runs {@code action} holding the dispatcher lock, so no request interleaves with it. */
    public void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** The plural resources changed since the last call, and forgets them. */
    public Set<String> drainChangedResources() {
        lock.lock();
        try {
            Set<String> copy = Set.copyOf(changedResources);
            changedResources.clear();
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers a custom resource definition without going through the API: its context (for
     * discovery and the status subresource) and, when given, its stored JSON (what a client listing
     * CRDs reads). Cheap: the JSON is stored as it is, not parsed.
     */
    public void preloadCustomResource(CustomResourceDefinition crd, String crdJson) {
        lock.lock();
        try {
            CustomResourceDefinitionContext context = CustomResourceDefinitionContext.fromCrd(crd);
            expectCustomResource(context);
            scales.preload(crd);
            if (crdJson != null) {
                String name = context.getPlural() + "." + context.getGroup();
                map.put(
                        new AttributeSet(
                                new Attribute("api", "apiextensions.k8s.io"),
                                new Attribute("version", "v1"),
                                new Attribute("plural", "customresourcedefinitions"),
                                new Attribute("name", name),
                                new Attribute("metadata.name", name)),
                        crdJson);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        lock.lock();
        try {
            return dispatchClientRequest(request);
        } finally {
            lock.unlock();
        }
    }

    private MockResponse dispatchClientRequest(RecordedRequest request) {
        RequestPath path = RequestPath.parse(request.getPath());
        ApiVerb verb = ApiVerb.of(request.method(), path);
        String manager = managerOf(request, path);
        String body = body(request);
        ApiRequest arrived =
                new ApiRequest(
                        clock.instant(),
                        verb,
                        request.getMethod(),
                        request.getPath(),
                        path.resource(),
                        path.subresource(),
                        path.namespace(),
                        verb == ApiVerb.CREATE && path.name() == null ? nameIn(body) : path.name(),
                        request.getHeader("Content-Type"),
                        path.param("fieldManager"),
                        0);
        FaultRule fault = path.isResource() ? faults.take(arrived) : null;
        MockResponse response;
        if (fault != null && fault.status() > 0) {
            response =
                    ApiError.response(
                            fault.status(),
                            reasonOf(fault.status()),
                            "injected fault: " + verb + " " + path.resource());
        } else {
            response =
                    handleSafely(
                            request.method(),
                            path,
                            request.getHeader("Content-Type"),
                            body,
                            null,
                            manager);
        }
        ApiRequest answered = arrived.answered(response.code());
        if (answered.verb() == ApiVerb.CREATE && answered.name() == null) {
            answered = answered.named(createdName(body, response));
        }
        requestLog.add(answered);
        if (verb.isWrite() && response.code() < 300) {
            afterClientWrite.run();
        }
        if (fault != null && fault.delay() != null) {
            if (response.getBody() == null || response.getBody().size() == 0) {
                response.setBody("{}");
            }
            response.setBodyDelay(fault.delay());
        }
        return response;
    }

    /**
     * The name a create (a POST to the collection, whose path names nothing) is about: the body's
     * {@code metadata.name}, else (a body with only {@code generateName}) the name the server
     * generated, from the answer; null when neither says.
     */
    private static String createdName(String body, MockResponse response) {
        String name = nameIn(body);
        if (name == null && response.code() < 300 && response.getBody() != null) {
            // getBytes() copies: readUtf8() would empty the body the client is about to get
            name = nameIn(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
        }
        return name;
    }

    private static String nameIn(String json) {
        try {
            String name = Json.parse(json).path("metadata").path("name").asText("");
            return name.isEmpty() ? null : name;
        } catch (RuntimeException e) {
            return null; // not JSON: the request was refused for it, and the log still has it
        }
    }

    /** Handles a request from inside the testkit: no faults, no log, no write listener. */
    MockResponse handleInternal(
            HttpMethod method, String path, String contentType, String body, String manager) {
        lock.lock();
        try {
            return handleSafely(method, RequestPath.parse(path), contentType, body, null, manager);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles a create or update from inside the testkit whose body is already a tree (the
     * controllers' typed writes), so it is neither written out nor parsed again; otherwise as
     * {@link #handleInternal(HttpMethod, String, String, String, String)}. The tree becomes the
     * dispatcher's: the caller must not use it afterwards.
     */
    MockResponse handleInternal(HttpMethod method, String path, ObjectNode body, String manager) {
        lock.lock();
        try {
            return handleSafely(
                    method, RequestPath.parse(path), "application/json", null, body, manager);
        } finally {
            lock.unlock();
        }
    }

    /** The stored entry of the object at {@code path} (a resource path with a name), or null. */
    Map.Entry<AttributeSet, String> storedEntry(String path) {
        RequestPath parsed = RequestPath.parse(path);
        lock.lock();
        try {
            Map.Entry<AttributeSet, String> found = entryAt(parsed);
            return found == null ? null : Map.entry(found.getKey(), found.getValue());
        } finally {
            lock.unlock();
        }
    }

    private MockResponse handleSafely(
            HttpMethod method,
            RequestPath path,
            String contentType,
            String body,
            ObjectNode tree,
            String manager) {
        try {
            return handle(method, path, contentType, body, tree, manager);
        } catch (ApiError e) {
            return e.toResponse();
        } catch (IllegalArgumentException e) {
            return ApiError.badRequest(e.getMessage()).toResponse();
        } catch (RuntimeException e) {
            LOG.warn("in-memory API server failed on {} {}", method, path, e);
            return ApiError.response(500, "InternalError", String.valueOf(e));
        }
    }

    private MockResponse handle(
            HttpMethod method,
            RequestPath path,
            String contentType,
            String body,
            ObjectNode tree,
            String manager) {
        if (!path.isResource()) {
            return path.raw().startsWith("/version")
                    ? ok(Json.tree(VERSION))
                    : super.handleGet(path.raw());
        }
        String sub = path.subresource();
        if (sub != null && !sub.equals("status") && !sub.equals("scale")) {
            throw ApiError.notFound(
                    "the server could not find the requested resource ("
                            + path.resource()
                            + "/"
                            + sub
                            + ")");
        }
        ApiVerb verb = ApiVerb.of(method, path);
        return switch (verb) {
            case WATCH -> watches.open(path, listObjects(path));
            case GET -> "scale".equals(sub) ? scales.get(path) : storedResponse(path);
            case LIST -> listResponse(path);
            case CREATE -> create(path, object(tree, body), manager, false);
            case UPDATE ->
                    "status".equals(sub) && tree != null
                            ? replaceStatus(path, tree)
                            : "scale".equals(sub)
                                    ? scales.put(path, object(tree, body), manager)
                                    : update(path, object(tree, body), manager);
            case PATCH -> patch(path, contentType, body, manager);
            case DELETE -> Deletion.delete(this, path, body);
            case DELETE_COLLECTION -> Deletion.deleteCollection(this, path, body);
        };
    }

    /** The body as an object: the in-process caller's tree, else the parsed request body. */
    private static ObjectNode object(ObjectNode tree, String body) {
        return tree != null ? tree : Json.parseObject(body);
    }

    // ---- reads

    /** The stored object at the path (name required), or null. */
    JsonNode stored(RequestPath path) {
        Map.Entry<AttributeSet, String> found = entryAt(path);
        return found == null ? null : Json.parse(found.getValue());
    }

    /**
     * The stored entry at the path (name required), or null: what the base dispatcher's GET finds,
     * without its scan of every stored object.
     */
    private Map.Entry<AttributeSet, String> entryAt(RequestPath path) {
        return findResource(getKey(path.objectPath(path.name())));
    }

    /**
     * The tree of a stored JSON text: the one parsed when it was stored (shared, read-only), else a
     * new parse.
     */
    JsonNode treeOf(String stored) {
        lock.lock();
        try {
            JsonNode tree = storedTrees.get(stored);
            return tree != null ? tree : Json.parse(stored);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first stored object whose key matches {@code attributes}, as the base dispatcher finds
     * it, but without scanning every stored object again for an object found before: the key it was
     * found under is remembered and answers while it is still stored and still matches (a stored
     * object's key changes only with its name, namespace or labels). Misses scan.
     */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        lock.lock();
        try {
            AttributeSet known = foundKeys.get(attributes);
            if (known != null && known.matches(attributes)) {
                String stored = map.get(known);
                if (stored != null) {
                    return Map.entry(known, stored);
                }
            }
            Map.Entry<AttributeSet, String> found = super.findResource(attributes);
            if (found == null) {
                foundKeys.remove(attributes);
            } else if (attributes.containsKey("name")) {
                if (foundKeys.size() > 4 * map.size() + 64) {
                    foundKeys.clear();
                }
                foundKeys.put(attributes, found.getKey());
            }
            return found;
        } finally {
            lock.unlock();
        }
    }

    private MockResponse storedResponse(RequestPath path) {
        JsonNode object = stored(path);
        if (object == null) {
            throw notFound(path);
        }
        return ok(object);
    }

    /** Stored objects of the path's collection that match its label and field selectors. */
    List<JsonNode> listObjects(RequestPath path) {
        return toList(filteredList(path).withArray("items"));
    }

    private ObjectNode filteredList(RequestPath path) {
        ObjectNode list = (ObjectNode) Json.parse(bodyOf(super.handleGet(labelPrefiltered(path))));
        Predicate<JsonNode> selection = Selection.of(path);
        ArrayNode items = list.withArray("items");
        for (int i = items.size() - 1; i >= 0; i--) {
            if (!selection.test(items.get(i))) {
                items.remove(i);
            }
        }
        return list;
    }

    /**
     * The collection path with the {@code key=value} terms of its label selector, which the base
     * dispatcher matches against the labels in its keys, so objects they exclude are neither copied
     * into the list nor parsed; the whole selector is applied to what it answers. Not for CRDs: the
     * preloaded ones are stored under keys without their labels.
     */
    private static String labelPrefiltered(RequestPath path) {
        String selector = path.param("labelSelector");
        if (selector == null || "customresourcedefinitions".equals(path.resource())) {
            return path.collectionPath();
        }
        List<String> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            Matcher m = LABEL_EQUALS.matcher(term.trim());
            if (m.matches()) {
                terms.add(m.group(1) + "=" + m.group(2));
            }
        }
        return terms.isEmpty()
                ? path.collectionPath()
                : path.collectionPath()
                        + "?labelSelector="
                        + URLEncoder.encode(String.join(",", terms), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> toList(ArrayNode items) {
        List<JsonNode> result = new ArrayList<>(items.size());
        items.forEach(result::add);
        return result;
    }

    private MockResponse listResponse(RequestPath path) {
        return ok(filteredList(path));
    }

    // ---- writes

    MockResponse create(RequestPath path, ObjectNode object, String manager, boolean applied) {
        ObjectNode metadata = object.with("metadata");
        if (metadata.path("name").asText("").isEmpty()
                && !metadata.path("generateName").asText("").isEmpty()) {
            metadata.put("name", metadata.path("generateName").asText() + randomSuffix(5));
        }
        admission.onCreate(path, object);
        if (!applied) {
            ManagedFields.write(
                    object,
                    ManagedFields.afterUpdate(
                            null,
                            object,
                            manager,
                            null,
                            object.path("apiVersion").asText(),
                            now()));
        }
        return store.create(path.collectionPath(), object);
    }

    private MockResponse update(RequestPath path, ObjectNode desired, String manager) {
        if ("status".equals(path.subresource())) {
            return store.replace(path.objectPath(path.name()) + "/status", desired);
        }
        JsonNode current = stored(path);
        if (current == null) {
            throw notFound(path);
        }
        return write(path, current, desired, manager, false);
    }

    /**
     * A status write from inside the testkit (a controller's): what the base dispatcher does for a
     * PUT of the status subresource (the stored object with the status of {@code desired}, a new
     * resource version when the status changed), working on the stored object's tree instead of
     * parsing the stored JSON and the body again and reading the whole body into a model object. A
     * body marked for deletion takes the base dispatcher's way, which decides from the body.
     */
    private MockResponse replaceStatus(RequestPath path, ObjectNode desired) {
        String statusPath = path.objectPath(path.name()) + "/status";
        AttributeSet pathKey = getKey(statusPath);
        if (desired.path("metadata").has("deletionTimestamp")) {
            // the base dispatcher removes the object when such a body has no finalizers left
            return store.replace(statusPath, desired);
        }
        Map.Entry<AttributeSet, String> entry = findResource(pathKey);
        if (entry == null) {
            throw notFound(path);
        }
        JsonNode current = treeOf(entry.getValue());
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
        updated.with("metadata").put("resourceVersion", String.valueOf(requestResourceVersion()));
        String json = Json.write(updated);
        processEvent(statusPath, pathKey, entry.getKey(), keyOf(updated), json);
        return new MockResponse().setResponseCode(200).setBody(json);
    }

    /** What the base dispatcher's storage key is computed from: kind, apiVersion and metadata. */
    private static GenericKubernetesResource keyOf(JsonNode object) {
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
        admission.onUpdate(path, current, desired);
        if (!applied) {
            ManagedFields.write(
                    desired,
                    ManagedFields.afterUpdate(
                            current,
                            desired,
                            manager,
                            null,
                            desired.path("apiVersion").asText(),
                            now()));
        }
        return store.replace(path.objectPath(path.name()), desired);
    }

    private MockResponse patch(RequestPath path, String contentType, String body, String manager) {
        String type = contentType == null ? "application/json-patch+json" : contentType;
        if (type.startsWith("application/apply-patch") && path.subresource() == null) {
            return apply(path, Json.parseObject(body), manager);
        }
        if ("scale".equals(path.subresource())) {
            return scales.patch(path, type, Json.parse(body), manager);
        }
        JsonNode current = stored(path);
        if (current == null) {
            throw notFound(path);
        }
        ObjectNode patched = Patches.apply(type, current, Json.parse(body));
        if ("status".equals(path.subresource())) {
            return store.replace(path.objectPath(path.name()) + "/status", patched);
        }
        return write(path, current, patched, manager, false);
    }

    private MockResponse apply(RequestPath path, ObjectNode config, String manager) {
        if (manager == null || path.param("fieldManager") == null) {
            throw ApiError.badRequest("PATCH with apply-patch requires the fieldManager parameter");
        }
        ObjectNode metadata = config.with("metadata");
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
        JsonNode current = stored(path);
        ObjectNode result = ServerSideApply.apply(current, config, manager, force, now());
        if (current == null) {
            return create(path, result, manager, true);
        }
        return write(path, current, result, manager, true);
    }

    /**
     * Moves {@code metadata.generation} when anything outside {@code metadata} and {@code status}
     * changed, as the API server does. The base dispatcher reads this from a JSON diff, whose
     * {@code move} operations hide where a value came from: a value moved from the pod template
     * into the metadata left the generation alone.
     */
    @Override
    public void touchGeneration(JsonNode current, JsonNode updated) {
        if (!(updated.get("metadata") instanceof ObjectNode metadata)) {
            return;
        }
        Set<String> fields = new HashSet<>();
        current.fieldNames().forEachRemaining(fields::add);
        updated.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Set.of("metadata", "status", "apiVersion", "kind"));
        for (String field : fields) {
            if (!Json.sameValue(current.get(field), updated.get(field))) {
                metadata.put("generation", metadata.path("generation").asInt(0) + 1);
                return;
            }
        }
    }

    // ---- events

    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        String before = oldAttributes == null ? null : map.get(oldAttributes);
        JsonNode after = newState == null ? null : treeOf(newState);
        // Without a resource the base dispatcher reads the whole new state into a model object
        // only to take its storage key from kind, apiVersion and metadata: hand it those.
        GenericKubernetesResource keyed =
                resource == null && after != null && after.hasNonNull("kind")
                        ? keyOf(after)
                        : resource;
        super.processEvent(path, pathAttributes, oldAttributes, keyed, newState);
        if (Objects.equals(before, newState)) {
            return;
        }
        RequestPath parsed = RequestPath.parse(path);
        changedResources.add(parsed.resource());
        // the previous state was parsed when it was stored: its tree is read-only from then on
        // (watch history holds it), so it is taken from there and copied before a change
        JsonNode old = before == null ? null : storedTrees.remove(before);
        if (old == null && before != null) {
            old = Json.parse(before);
        }
        if (after != null) {
            storedTrees.put(newState, after);
        }
        long rv;
        if (after != null) {
            rv = after.path("metadata").path("resourceVersion").asLong();
        } else {
            rv = requestResourceVersion();
            old = old.deepCopy();
            ((ObjectNode) old).with("metadata").put("resourceVersion", String.valueOf(rv));
        }
        if (mayLeaveGarbage(old, after)) {
            changedResources.add(OWNERSHIP_CHANGES);
        }
        watches.publish(parsed.group(), parsed.resource(), old, after, rv);
    }

    /**
     * Whether a change can give the garbage collector work: an object went away or is being
     * deleted, or its owner references changed (possibly to an owner that does not exist).
     */
    private static boolean mayLeaveGarbage(JsonNode old, JsonNode after) {
        if (after == null) {
            return true;
        }
        JsonNode meta = after.path("metadata");
        if (meta.hasNonNull("deletionTimestamp")) {
            return true;
        }
        JsonNode refs = meta.path("ownerReferences");
        JsonNode oldRefs = old == null ? null : old.path("metadata").path("ownerReferences");
        boolean hasRefs = refs.isArray() && !refs.isEmpty();
        boolean hadRefs = oldRefs != null && oldRefs.isArray() && !oldRefs.isEmpty();
        return (hasRefs || hadRefs) && !refs.equals(oldRefs);
    }

    @Override
    public MockResponse handleWatch(String path) {
        RequestPath parsed = RequestPath.parse(path);
        return watches.open(parsed, listObjects(parsed));
    }

    @Override
    public boolean isStatusSubresourceEnabledForResource(String path) {
        RequestPath parsed = RequestPath.parse(path);
        boolean builtIn =
                parsed.isResource()
                        && STATUS_SUBRESOURCE.contains(parsed.resource())
                        && (!parsed.group().contains(".") || parsed.group().endsWith(".k8s.io"));
        return builtIn || super.isStatusSubresourceEnabledForResource(path);
    }

    // ---- helpers

    String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Raw base-dispatcher access for the helpers in this package. */
    MockResponse baseDelete(String objectPath) {
        return super.handleDelete(objectPath);
    }

    MockResponse baseUpdate(String objectPath, JsonNode object) {
        return store.replace(objectPath, object);
    }

    Map<AttributeSet, String> storage() {
        return map;
    }

    String randomSuffix(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMS.charAt(random.nextInt(ALPHANUMS.length())));
        }
        return sb.toString();
    }

    static ApiError notFound(RequestPath path) {
        return ApiError.notFound(path.resource() + " \"" + path.name() + "\" not found");
    }

    static MockResponse ok(JsonNode body) {
        return new MockResponse()
                .setResponseCode(200)
                .setBody(Json.write(body))
                .setHeader("Content-Type", "application/json");
    }

    static String bodyOf(MockResponse response) {
        return response.getBody() == null ? "" : response.getBody().readUtf8();
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().readUtf8();
    }

    private static String managerOf(RecordedRequest request, RequestPath path) {
        String manager = path.param("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null || agent.isEmpty()) {
            return "unknown";
        }
        int slash = agent.indexOf('/');
        return slash < 0 ? agent : agent.substring(0, slash);
    }

    private static String reasonOf(int status) {
        return switch (status) {
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }
}
