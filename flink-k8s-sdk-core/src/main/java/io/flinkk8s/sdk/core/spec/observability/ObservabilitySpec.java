package io.flinkk8s.sdk.core.spec.observability;

/**
 * Metrics and logging of the JobManager and TaskManagers. Both parts are off by default.
 *
 * @param prometheus never null; {@link PrometheusSpec#none()} for no reporter
 * @param logging never null; {@link LoggingSpec#unset()} for the log file's own levels
 */
public record ObservabilitySpec(PrometheusSpec prometheus, LoggingSpec logging) {

    /** Normalises only: unset parts for null ones. */
    public ObservabilitySpec {
        prometheus = prometheus == null ? PrometheusSpec.none() : prometheus;
        logging = logging == null ? LoggingSpec.unset() : logging;
    }

    /** Nothing set. */
    public static ObservabilitySpec none() {
        return new ObservabilitySpec(null, null);
    }
}
