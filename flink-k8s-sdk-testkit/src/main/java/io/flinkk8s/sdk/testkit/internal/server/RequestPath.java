package io.flinkk8s.sdk.testkit.internal.server;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes API request path split into its parts, so the dispatcher can route on resource, name
 * and subresource instead of on regular expressions over the whole path.
 *
 * @param raw the path as requested, with its query
 * @param group API group, empty for the core group
 * @param version API version, may be null for discovery paths
 * @param namespace may be null: cluster-scoped or all namespaces
 * @param resource the plural resource name, may be null for discovery paths
 * @param name may be null: a collection request
 * @param subresource may be null: the main resource
 * @param query decoded query parameters (last value wins)
 */
public record RequestPath(
        String raw,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource,
        Map<String, String> query) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /**
     * Parses a request path with its query; answers a path with a null resource when it is not a
     * resource path.
     */
    static RequestPath parse(String rawPath) {
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        Map<String, String> query = parseQuery(q < 0 ? "" : rawPath.substring(q + 1));
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            return resourcePart(
                    rawPath, "", segments.get(1), segments.subList(2, segments.size()), query);
        }
        if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            return resourcePart(
                    rawPath,
                    segments.get(1),
                    segments.get(2),
                    segments.subList(3, segments.size()),
                    query);
        }
        return new RequestPath(rawPath, null, null, null, null, null, null, query);
    }

    private static RequestPath resourcePart(
            String raw,
            String group,
            String version,
            List<String> rest,
            Map<String, String> query) {
        String namespace = null;
        List<String> tail = rest;
        if (rest.size() >= 3
                && rest.get(0).equals("namespaces")
                && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
            namespace = rest.get(1);
            tail = rest.subList(2, rest.size());
        }
        String resource = tail.size() > 0 ? tail.get(0) : null;
        String name = tail.size() > 1 ? tail.get(1) : null;
        String subresource =
                tail.size() > 2 ? String.join("/", tail.subList(2, tail.size())) : null;
        return new RequestPath(raw, group, version, namespace, resource, name, subresource, query);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = decode(eq < 0 ? part : part.substring(0, eq));
            result.put(key, eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return Map.copyOf(result);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Whether this is a path to a resource (not discovery, version or root). */
    boolean isResource() {
        return resource != null;
    }

    /** {@code apps/v1} or {@code v1}. */
    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The collection path of this resource in this namespace, without query. */
    String collectionPath() {
        StringBuilder sb =
                new StringBuilder(
                        group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) {
            sb.append("/namespaces/").append(namespace);
        }
        return sb.append('/').append(resource).toString();
    }

    /** The main-resource path of an object of this collection (and no query). */
    RequestPath forObject(String objectNamespace, String objectName) {
        RequestPath collection =
                new RequestPath(
                        raw, group, version, objectNamespace, resource, null, null, Map.of());
        return new RequestPath(
                collection.objectPath(objectName),
                group,
                version,
                objectNamespace,
                resource,
                objectName,
                null,
                Map.of());
    }

    /** The path of the named object (main resource), without query. */
    String objectPath(String objectName) {
        return collectionPath() + "/" + objectName;
    }

    /** A query parameter, or null. */
    String param(String key) {
        return query.get(key);
    }

    /** The API verb of a request with {@code method} on this path. */
    ApiVerb verb(HttpMethod method) {
        boolean named = name() != null;
        return switch (method) {
            case POST -> ApiVerb.CREATE;
            case PUT -> ApiVerb.UPDATE;
            case PATCH -> ApiVerb.PATCH;
            case DELETE -> named ? ApiVerb.DELETE : ApiVerb.DELETE_COLLECTION;
            default ->
                    "true".equals(param("watch"))
                            ? ApiVerb.WATCH
                            : named ? ApiVerb.GET : ApiVerb.LIST;
        };
    }
}
