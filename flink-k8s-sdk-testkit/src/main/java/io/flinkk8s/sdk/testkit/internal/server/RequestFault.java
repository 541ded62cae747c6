package io.flinkk8s.sdk.testkit.internal.server;

import io.flinkk8s.sdk.testkit.server.ApiRequest;

/**
 * An injected API fault decided by code, request by request: the dispatcher asks it about every
 * client request on a resource, in arrival order and under the dispatcher lock, whether to answer
 * with an error instead of handling the request. {@link FaultRule} covers fixed rules; {@code
 * testkit.faults.FailureRate} fails a seeded share of requests through one of these.
 */
@FunctionalInterface
public interface RequestFault {

    /**
     * The HTTP status to answer {@code request} with instead of handling it, or 0 to let it
     * through.
     *
     * @param request the request as it arrived; its {@code status()} is 0 (not answered yet)
     */
    int statusFor(ApiRequest request);
}
