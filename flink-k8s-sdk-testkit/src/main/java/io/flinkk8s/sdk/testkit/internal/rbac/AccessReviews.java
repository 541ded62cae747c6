package io.flinkk8s.sdk.testkit.internal.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers SelfSubjectAccessReviews: a review comes back with {@code status.allowed} true, unless
 * its verb on its resource (with the subresource, e.g. {@code pods/portforward}) was denied, in any
 * API group and namespace. Only the answer to reviews: requests themselves are never refused for
 * want of a permission. A review stores nothing. Thread-safe.
 */
public final class AccessReviews {

    /** The API group of reviews. */
    public static final String GROUP = "authorization.k8s.io";

    /** The plural of the review the in-memory server answers. */
    public static final String RESOURCE = "selfsubjectaccessreviews";

    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    /** Whether a request to {@code group}/{@code resource} is a review this class answers. */
    public static boolean isReview(String group, String resource) {
        return GROUP.equals(group) && RESOURCE.equals(resource);
    }

    /**
     * Whether a request path is under the authorization group: its reviews (self, local, subject,
     * rules) store nothing, so they are no writes.
     */
    public static boolean isReviewPath(String path) {
        return path != null && path.startsWith("/apis/" + GROUP + "/");
    }

    /** Denies {@code verb} ({@code *} for every verb) on {@code resource} from now on. */
    public void deny(String verb, String resource) {
        denied.add(key(verb, resource));
    }

    /** Undoes {@link #deny} of the same verb and resource. */
    public void allow(String verb, String resource) {
        denied.remove(key(verb, resource));
    }

    /** Allows everything again. */
    public void allowAll() {
        denied.clear();
    }

    /** Whether {@code verb} on {@code resource} (with {@code /subresource}) is allowed. */
    public boolean allowed(String verb, String resource) {
        return !denied.contains(key(verb, resource)) && !denied.contains(key("*", resource));
    }

    /**
     * The answer to the review {@code body}: the review with its {@code status}.
     *
     * @throws IllegalArgumentException when the body is not a review with resource attributes
     *     (answered 400 by the server)
     */
    public JsonNode answer(String body) {
        ObjectNode review = Json.parseObject(body);
        JsonNode attributes = review.path("spec").path("resourceAttributes");
        if (!attributes.isObject()) {
            throw new IllegalArgumentException(
                    "spec.resourceAttributes: Required value (the in-memory server answers"
                            + " resource reviews only)");
        }
        String resource = attributes.path("resource").asText("");
        String sub = attributes.path("subresource").asText("");
        String verb = attributes.path("verb").asText("");
        boolean allowed = allowed(verb, sub.isEmpty() ? resource : resource + "/" + sub);
        ObjectNode status = review.putObject("status");
        status.put("allowed", allowed);
        if (!allowed) {
            status.put("denied", true);
            status.put("reason", "denied by the test (cluster.rbac().deny)");
        }
        return review;
    }

    private static String key(String verb, String resource) {
        return Objects.requireNonNull(verb, "verb")
                + " "
                + Objects.requireNonNull(resource, "resource");
    }
}
