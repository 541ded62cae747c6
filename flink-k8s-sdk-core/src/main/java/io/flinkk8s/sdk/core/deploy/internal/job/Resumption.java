package io.flinkk8s.sdk.core.deploy.internal.job;

import io.flinkk8s.sdk.core.deploy.ApplyResult;

/**
 * What finishing an operation an apply found interrupted came to: finished, or to be started over
 * by the caller (the apply that found it), since nothing of it took effect.
 *
 * <p>Internal: not API, may change in any release.
 */
public sealed interface Resumption {

    /** The operation was finished: the apply's result. */
    record Finished(ApplyResult result) implements Resumption {}

    /**
     * The interrupted stop-with-savepoint never completed and the old job runs: the claim was
     * cleared and the Lease released, so the apply starts over as if nothing had been under way.
     */
    record StartOver() implements Resumption {}
}
