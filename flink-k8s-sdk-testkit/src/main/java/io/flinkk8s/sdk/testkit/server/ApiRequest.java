package io.flinkk8s.sdk.testkit.server;

import java.time.Instant;

/**
 * One API request a client made to the in-memory cluster, as the request log keeps it.
 *
 * @param at when it arrived, on the cluster's virtual clock
 * @param verb the API verb
 * @param method the HTTP method
 * @param path the request path with its query
 * @param resource the plural resource name (may be null: discovery and version requests)
 * @param subresource {@code status} or {@code scale} (may be null: the main resource)
 * @param namespace may be null: cluster-scoped or all namespaces
 * @param name may be null: a collection request. A create (POST to the collection) names its object
 *     by the body's {@code metadata.name}, or, for a body with only {@code generateName}, by the
 *     name the server generated (null when that create failed)
 * @param contentType the request's content type, which names the patch type (may be null)
 * @param fieldManager the field manager the request named (may be null)
 * @param status the HTTP status the cluster answered
 */
public record ApiRequest(
        Instant at,
        ApiVerb verb,
        String method,
        String path,
        String resource,
        String subresource,
        String namespace,
        String name,
        String contentType,
        String fieldManager,
        int status) {

    /** This request as answered with {@code code}. */
    public ApiRequest answered(int code) {
        return new ApiRequest(
                at,
                verb,
                method,
                path,
                resource,
                subresource,
                namespace,
                name,
                contentType,
                fieldManager,
                code);
    }

    /** Whether this request was a server-side apply ({@code application/apply-patch+yaml}). */
    public boolean isApply() {
        return contentType != null && contentType.startsWith("application/apply-patch");
    }

    @Override
    public String toString() {
        return at
                + " "
                + verb
                + " "
                + path
                + (contentType == null || !method.equals("PATCH") ? "" : " (" + contentType + ")")
                + " -> "
                + status;
    }
}
