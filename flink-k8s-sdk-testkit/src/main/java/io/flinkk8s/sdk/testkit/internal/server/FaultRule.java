package io.flinkk8s.sdk.testkit.internal.server;

import io.flinkk8s.sdk.testkit.server.ApiVerb;
import java.time.Duration;

/**
 * An injected API fault: requests with this verb on this resource are answered with an error
 * status, or answered late, a limited number of times or until cleared.
 *
 * @param verb the verb to match; null matches every verb
 * @param resource the plural resource to match, optionally with a subresource ({@code
 *     deployments/scale}); {@code *} matches every resource
 * @param status the HTTP status to answer instead of handling the request; 0 handles it normally
 * @param delay how long to hold the response back (real time, so client timeouts fire); may be null
 * @param times how many matching requests it affects; a negative value means every one
 */
public record FaultRule(ApiVerb verb, String resource, int status, Duration delay, int times) {

    boolean matches(ApiVerb requestVerb, String requestResource, String subresource) {
        if (verb != null && verb != requestVerb) {
            return false;
        }
        if (resource.equals("*")) {
            return true;
        }
        String full = subresource == null ? requestResource : requestResource + "/" + subresource;
        return resource.equals(full) || resource.equals(requestResource) && subresource == null;
    }
}
