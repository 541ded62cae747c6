package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import io.flinkk8s.sdk.testkit.internal.rbac.AccessReviews;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import io.flinkk8s.sdk.testkit.server.RequestLog;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
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
 *   <li>Admission on create ({@link Admission}): quotas, limit ranges, pod security, storage class.
 *   <li>Gets, writes, deletes and lists find their objects through a {@link StoreIndex} by
 *       resource, namespace, name and selected labels, not by scanning every stored object.
 *   <li>Injected faults, a request log, and a direct in-process API for the controllers.
 * </ul>
 *
 * <p>Known differences from a real API server:
 *
 * <ul>
 *   <li>No OpenAPI schemas: list merge keys come from a fixed table (containers, env, volumes, ...
 *       by {@code name}; {@code volumeMounts} by {@code mountPath}; container ports by {@code
 *       containerPort} and Service ports by {@code port}, each with {@code protocol} defaulted to
 *       TCP); other lists are atomic. No validation of built-in kinds' field values or types beyond
 *       {@code ObjectRules}, no defaulting beyond Service IP and type and workload replicas. Custom
 *       resources are pruned, defaulted and validated against their CRD's structural schema, and
 *       their lists merged by its list types (package {@code internal.schema}), without CEL rules.
 *   <li>Strategic merge patch has no {@code $patch}/{@code $retainKeys} directives; it is apply's
 *       merge with null deleting.
 *   <li>Status writes of the in-process controllers are not recorded in managedFields (clients'
 *       status and scale writes and applies are, with their {@code subresource}, see {@link
 *       ManagedFields}); a status PUT is not checked against its {@code resourceVersion}.
 *   <li>{@code creationTimestamp} and {@code deletionTimestamp} come from the wall clock (set by
 *       fabric8); managedFields times and the request log use the virtual clock.
 *   <li>Deletion is immediate (no grace period); namespaces need not exist and deleting one does
 *       not delete its objects; no admission webhooks, RBAC (SelfSubjectAccessReviews are answered
 *       from {@link AccessReviews}), pagination, bookmarks, dry run or field validation.
 *   <li>Only {@code status}, {@code scale} and {@code pods/log} ({@link #podLogs}; {@code
 *       tailLines} only) exist as subresources; {@code exec} and the rest answer 404.
 * </ul>
 */
public final class InMemoryApiDispatcher extends KubernetesCrudDispatcher {

    /**
     * The pseudo resource {@link #drainChangedResources()} reports when a change can leave garbage
     * (an object deleted or being deleted, owner references changed); never a real plural.
     */
    public static final String OWNERSHIP_CHANGES = "*ownership";

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryApiDispatcher.class);
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
    private final Admission admission = new Admission(this);
    private final RecordedRequests requestLog = new RecordedRequests();
    private final InjectedFaults faults = new InjectedFaults();
    private final Scales scales = new Scales(this);
    private final DirectApi direct;
    private final TreeStore store = new TreeStore(this);
    private final ObjectReads reads = new ObjectReads(this);
    private final ObjectWrites writes = new ObjectWrites(this);
    private final ClientRequests clients = new ClientRequests(this);
    private final StoreIndex index = new StoreIndex();
    private final StoredChanges changes = new StoredChanges(this, watches);
    private volatile BiFunction<JsonNode, String, String> podLogs = (pod, container) -> "";
    private Runnable afterClientWrite = () -> {};
    private boolean clientRequest;
    private long resourceVersion;

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

    /** The answers to SelfSubjectAccessReviews: all allowed, unless a test denied some. */
    public AccessReviews accessReviews() {
        return clients.accessReviews();
    }

    /** The in-process API the controllers use: no HTTP, no faults, not logged. */
    public DirectApi direct() {
        return direct;
    }

    /** Sets what {@code GET pods/:name/log} answers for a pod's JSON and container; default "". */
    public void podLogs(BiFunction<JsonNode, String, String> logs) {
        this.podLogs = Objects.requireNonNull(logs, "logs");
    }

    /** Runs {@code listener} after every successful client write, under the dispatcher lock. */
    public void onClientWrite(Runnable listener) {
        this.afterClientWrite = Objects.requireNonNull(listener, "listener");
    }

    /** Adds a fault; it applies to client requests only. */
    public void addFault(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        locked(() -> faults.add(rule));
    }

    /**
     * Adds a fault decided request by request; it applies to client requests only, after every
     * {@link FaultRule}, until {@link #removeFault} or {@link #clearFaults}.
     */
    public void addFault(RequestFault fault) {
        locked(() -> faults.add(fault));
    }

    /** Removes a fault added with {@link #addFault(RequestFault)}; nothing if it is not there. */
    public void removeFault(RequestFault fault) {
        locked(() -> faults.remove(fault));
    }

    /** Removes every fault. */
    public void clearFaults() {
        locked(faults::clear);
    }

    /** Closes every open watch; clients see the connection end and must re-watch. */
    public void dropWatches() {
        locked(watches::dropAll);
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
            return changes.drain();
        } finally {
            lock.unlock();
        }
    }

    int storedCount(String resource) {
        return changes.storedCount(resource);
    }

    /**
     * Registers a custom resource definition without going through the API: its context (for
     * discovery and the status subresource) and, when given, its stored JSON (what a client listing
     * CRDs reads) with its tree ({@code tree}, a copy parsed from exactly that JSON; null: parsed).
     */
    public void preloadCustomResource(CustomResourceDefinition crd, String crdJson, JsonNode tree) {
        lock.lock();
        try {
            CustomResourceDefinitionContext context = CustomResourceDefinitionContext.fromCrd(crd);
            expectCustomResource(context);
            scales.preload(crd);
            if (crdJson != null) {
                String name = context.getPlural() + "." + context.getGroup();
                AttributeSet key =
                        new AttributeSet(
                                new Attribute("api", "apiextensions.k8s.io"),
                                new Attribute("version", "v1"),
                                new Attribute("plural", "customresourcedefinitions"),
                                new Attribute("name", name),
                                new Attribute("metadata.name", name));
                map.put(key, crdJson);
                index.add(key);
                // parsed once (here or by the caller), not on each listing of all objects
                changes.remember(crdJson, tree != null ? tree : Json.parse(crdJson));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        lock.lock();
        try {
            return clients.handle(request);
        } finally {
            lock.unlock();
        }
    }

    /** Handles a testkit request: no faults, no log, no write listener. */
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

    MockResponse handleSafely(
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
        if ("log".equals(sub) && "pods".equals(path.resource()) && method == HttpMethod.GET) {
            return reads.podLog(path, podLogs);
        }
        if (sub != null && !sub.equals("status") && !sub.equals("scale")) {
            throw ApiError.notFound(
                    "the server could not find the requested resource ("
                            + path.resource()
                            + "/"
                            + sub
                            + ")");
        }
        ApiVerb verb = path.verb(method);
        return switch (verb) {
            case WATCH -> watches.open(path, reads.listObjects(path));
            case GET -> "scale".equals(sub) ? scales.get(path) : reads.storedResponse(path);
            case LIST -> reads.listResponse(path);
            case CREATE -> writes.create(path, object(tree, body), manager, false);
            case UPDATE ->
                    "status".equals(sub) && tree != null
                            ? writes.replaceStatus(path, tree)
                            : "scale".equals(sub)
                                    ? scales.put(path, object(tree, body), manager)
                                    : writes.update(path, object(tree, body), manager);
            case PATCH -> writes.patch(path, contentType, body, manager);
            case DELETE -> Deletion.delete(this, path, body);
            case DELETE_COLLECTION -> Deletion.deleteCollection(this, path, body);
        };
    }

    /** The body as an object: the in-process caller's tree, else the parsed request body. */
    private static ObjectNode object(ObjectNode tree, String body) {
        return tree != null ? tree : Json.parseObject(body);
    }

    // ---- reads

    /**
     * The stored entry at the path (name required), or null: what the base dispatcher's GET finds,
     * without its scan of every stored object.
     */
    Map.Entry<AttributeSet, String> entryAt(RequestPath path) {
        return findResource(getKey(path.objectPath(path.name())));
    }

    /**
     * The tree of a stored JSON text: the one parsed when it was stored (shared, read-only), else a
     * new parse.
     */
    JsonNode treeOf(String stored) {
        lock.lock();
        try {
            return changes.treeOf(stored);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first stored object whose key matches {@code attributes}, as the base dispatcher finds
     * it, looking only at the objects of the resource (and name or namespace) the key names.
     */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        lock.lock();
        try {
            List<Map.Entry<AttributeSet, String>> found = index.matching(map, attributes, 1);
            return found.isEmpty() ? null : found.get(0);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long requestResourceVersion() {
        return resourceVersion = super.requestResourceVersion();
    }

    // ---- writes

    /**
     * Moves {@code metadata.generation} when anything outside {@code metadata} and {@code status}
     * changed, as the API server does. The base dispatcher reads this from a JSON diff, whose
     * {@code move} operations hide where a value came from: a value moved from the pod template
     * into the metadata left the generation alone.
     */
    @Override
    public void touchGeneration(JsonNode current, JsonNode updated) {
        ObjectRules.touchGeneration(current, updated);
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
                        ? ObjectWrites.keyOf(after)
                        : resource;
        super.processEvent(path, pathAttributes, oldAttributes, keyed, newState);
        index.written(map, attributeExtractor, pathAttributes, oldAttributes, keyed, newState);
        if (!Objects.equals(before, newState)) {
            changes.record(RequestPath.parse(path), before, newState, after);
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            super.reset();
            index.rebuild(map.keySet());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MockResponse handleWatch(String path) {
        RequestPath parsed = RequestPath.parse(path);
        return watches.open(parsed, reads.listObjects(parsed));
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

    // ---- for the helpers of this package

    /** Whether the request being handled is a client's (not the controllers'). */
    boolean isClientRequest() {
        return clientRequest;
    }

    /** Marks the requests handled from now on as clients' or not; under the lock. */
    void clientRequest(boolean client) {
        this.clientRequest = client;
    }

    ObjectReads reads() {
        return reads;
    }

    ObjectWrites writes() {
        return writes;
    }

    TreeStore store() {
        return store;
    }

    Admission admission() {
        return admission;
    }

    Scales scales() {
        return scales;
    }

    InjectedFaults injectedFaults() {
        return faults;
    }

    RecordedRequests recordedRequests() {
        return requestLog;
    }

    Clock clock() {
        return clock;
    }

    void afterClientWrite() {
        afterClientWrite.run();
    }

    String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    MockResponse baseUpdate(String objectPath, JsonNode object) {
        return store.replace(objectPath, object);
    }

    Map<AttributeSet, String> storage() {
        return map;
    }

    /** The storage's keys by resource, namespace and name; use it under the lock. */
    StoreIndex index() {
        return index;
    }

    /** The last resource version handed out, as a list answers it. */
    long resourceVersion() {
        return resourceVersion;
    }

    Random random() {
        return random;
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
}
