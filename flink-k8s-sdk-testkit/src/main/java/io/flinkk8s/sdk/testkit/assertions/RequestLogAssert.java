package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldContain.shouldContain;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;

import io.flinkk8s.sdk.testkit.server.ApiRequest;
import io.flinkk8s.sdk.testkit.server.ApiVerb;
import io.flinkk8s.sdk.testkit.server.RequestLog;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the requests clients made: how many writes, which verbs on which resources. */
public final class RequestLogAssert extends AbstractAssert<RequestLogAssert, RequestLog> {

    RequestLogAssert(RequestLog actual) {
        super(actual, RequestLogAssert.class);
    }

    /** Checks that no request changed the cluster (an idempotent re-apply, a dry plan). */
    public RequestLogAssert hasNoWrites() {
        return hasWrites(0);
    }

    /** Checks the number of requests that changed (or tried to change) the cluster. */
    public RequestLogAssert hasWrites(int expected) {
        isNotNull();
        List<ApiRequest> writes = actual.writes();
        if (writes.size() != expected) {
            throwAssertionError(
                    shouldHave(
                            "the request log",
                            render(actual.all()),
                            "have writes",
                            expected,
                            "it has " + writes.size() + ":\n  " + render(writes)));
        }
        return this;
    }

    /** Checks that at least one request used {@code verb} on {@code resource} (a plural). */
    public RequestLogAssert hasRequest(ApiVerb verb, String resource) {
        isNotNull();
        boolean found =
                actual.all().stream()
                        .anyMatch(r -> r.verb() == verb && resource.equals(r.resource()));
        if (!found) {
            throwAssertionError(
                    shouldContain(
                            "the request log",
                            render(actual.all()),
                            verb + " " + resource,
                            "no request matches"));
        }
        return this;
    }

    private static String render(List<ApiRequest> requests) {
        if (requests.isEmpty()) {
            return "(no requests)";
        }
        StringBuilder sb = new StringBuilder();
        for (ApiRequest r : requests) {
            sb.append(sb.length() == 0 ? "" : "\n  ").append(r);
        }
        return sb.toString();
    }
}
