package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import java.time.Duration;

/**
 * What a wait for one deployment tells as it goes: a progress event each time the observed state
 * changes, and the timeout error naming the last state seen and where to look next.
 */
final class WaitReporter {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final String whereToLook;

    /**
     * @param whereToLook the end of a timeout message: what to inspect, e.g. a kubectl command
     */
    WaitReporter(DeployerContext ctx, String namespace, String name, String whereToLook) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.whereToLook = whereToLook;
    }

    /** Reports {@code now} as a progress event when it differs from {@code last}; returns it. */
    String report(String last, String now) {
        if (!now.equals(last)) {
            ctx.progress().report(namespace, name, "wait", now);
        }
        return now;
    }

    /** The error for a wait that ran out of time while the deployment was not yet {@code what}. */
    WaitTimeoutException timeout(String what, Duration timeout, String last) {
        return timeout(what, timeout, last, whereToLook);
    }

    /** As {@link #timeout(String, Duration, String)}, ending with {@code advice} instead. */
    WaitTimeoutException timeout(String what, Duration timeout, String last, String advice) {
        return new WaitTimeoutException(
                namespace
                        + "/"
                        + name
                        + " was not "
                        + what
                        + " within "
                        + timeout
                        + "; last observed: "
                        + last
                        + ". "
                        + advice,
                last);
    }
}
