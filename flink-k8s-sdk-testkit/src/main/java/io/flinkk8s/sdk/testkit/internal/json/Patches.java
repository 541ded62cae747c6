package io.flinkk8s.sdk.testkit.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;

/** The patch types a client may send, applied to a stored object. */
public final class Patches {

    private Patches() {}

    /**
     * Applies a patch of the given content type.
     *
     * @throws ApiError 415 for an unknown type, 422 when a JSON patch fails (a failed {@code test}
     *     included) or the result is not an object
     */
    public static ObjectNode apply(String contentType, JsonNode current, JsonNode patch) {
        JsonNode result;
        if (contentType.startsWith("application/merge-patch+json")) {
            result = Json.mergePatch(current, patch);
        } else if (contentType.startsWith("application/strategic-merge-patch+json")) {
            ObjectNode copy = ((ObjectNode) current).deepCopy();
            FieldPaths.merge(copy, patch, true);
            result = copy;
        } else if (contentType.startsWith("application/json-patch+json")
                || contentType.startsWith("application/json")) {
            try {
                result = JsonPatch.apply(patch, current);
            } catch (RuntimeException e) {
                throw ApiError.invalid(
                        "the server rejected our request due to an error in our "
                                + "request: "
                                + e.getMessage());
            }
        } else {
            throw new ApiError(
                    415,
                    "UnsupportedMediaType",
                    "the body of the request was in an "
                            + "unknown format - accepted media types include: application/json-patch+json, "
                            + "application/merge-patch+json, application/apply-patch+yaml");
        }
        if (!result.isObject()) {
            throw ApiError.invalid("the patch did not produce an object");
        }
        return (ObjectNode) result;
    }
}
