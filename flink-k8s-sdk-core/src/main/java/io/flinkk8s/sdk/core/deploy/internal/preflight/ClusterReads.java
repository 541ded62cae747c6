package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.error.ApplyException;
import java.util.function.Supplier;

/**
 * The preflight's reads: through the deployer's retrier (its retries and request rate), with a
 * refusal (401, 403) kept as an answer, since a preflight that may not read an object reports that
 * it could not tell instead of failing.
 */
final class ClusterReads {

    /**
     * One read's outcome.
     *
     * @param value what the read returned; null for an object that does not exist, or when
     *     forbidden
     * @param forbidden whether the API server refused the read
     */
    record Read<T>(T value, boolean forbidden) {

        /** Whether the read was allowed and found nothing. */
        boolean missing() {
            return value == null && !forbidden;
        }
    }

    private final DeployerContext ctx;

    ClusterReads(DeployerContext ctx) {
        this.ctx = ctx;
    }

    DeployerContext context() {
        return ctx;
    }

    /**
     * The read's result, or forbidden.
     *
     * @throws ApplyException when the read fails for another reason, after the retries
     */
    <T> Read<T> read(ObjectRef target, Supplier<T> request) {
        try {
            return new Read<>(ctx.retrier().call(target, true, request), false);
        } catch (ApplyException e) {
            if (e.httpStatus() == 401 || e.httpStatus() == 403) {
                return new Read<>(null, true);
            }
            throw e;
        }
    }
}
