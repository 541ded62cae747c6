package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.error.DeploymentFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a wait that cannot succeed, on either target: the cause written as an Event on its
 * workload ({@link CauseEvents}), with the last log lines of a crashed container, and the {@link
 * DeploymentFailedException} that names it and what to check.
 */
final class WaitFailure {

    private static final Logger LOG = LoggerFactory.getLogger(WaitFailure.class);
    private static final int LOG_LINES = 20;

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    WaitFailure(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    /** The error of a wait that cannot succeed, after writing its cause as an Event. */
    DeploymentFailedException failed(FailureCause cause) {
        String logs = FailureCause.CRASH_LOOP.equals(cause.reason()) ? logTail(cause) : "";
        new CauseEvents(ctx, namespace).record(withLogs(cause, logs));
        return new DeploymentFailedException(
                namespace
                        + "/"
                        + name
                        + " cannot become ready: "
                        + cause.reason()
                        + ": "
                        + cause.message()
                        + "."
                        + logs
                        + " "
                        + FailureAdvice.of(cause, namespace),
                cause.reason(),
                cause.workload());
    }

    private static FailureCause withLogs(FailureCause cause, String logs) {
        return logs.isEmpty()
                ? cause
                : new FailureCause(
                        cause.reason(),
                        cause.workload(),
                        cause.pod(),
                        cause.container(),
                        cause.message() + "." + logs,
                        cause.detail());
    }

    /**
     * The last lines the crashed container wrote ({@code pods/log} with {@code previous=true}), as
     * {@code " Its last log lines: ..."}; empty when they cannot be read.
     */
    private String logTail(FailureCause cause) {
        try {
            String log =
                    ctx.client()
                            .pods()
                            .inNamespace(namespace)
                            .withName(cause.pod())
                            .inContainer(cause.container())
                            .terminated()
                            .tailingLines(LOG_LINES)
                            .getLog();
            if (log == null || log.isBlank()) {
                return "";
            }
            return " Its last log lines:\n  " + String.join("\n  ", log.strip().lines().toList());
        } catch (RuntimeException e) {
            LOG.debug("No log of {}/{} {}", namespace, cause.pod(), cause.container(), e);
            return "";
        }
    }
}
