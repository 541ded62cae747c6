package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for {@code observability}: a reporter port that is free in the Flink container, reporter
 * options not also set by hand, PodMonitor labels the API server accepts, and log levels for
 * loggers log4j can name in a log4j file.
 */
public final class ObservabilityRules {

    /** The prefix of the Prometheus reporter's options, which the policy writes. */
    public static final String REPORTER_PREFIX = "metrics.reporter.prom.";

    /** The ports the Flink container already uses. */
    private static final Set<Integer> TAKEN =
            Set.of(
                    FlinkPorts.JOB_MANAGER_RPC,
                    FlinkPorts.BLOB_SERVER,
                    FlinkPorts.REST,
                    FlinkPorts.TASK_MANAGER_RPC,
                    FlinkPorts.TASK_MANAGER_DATA);

    private static final Pattern LOGGER =
            Pattern.compile("[A-Za-z_$][\\w$-]*(\\.[A-Za-z_$][\\w$-]*)*");

    private static final String LOGBACK = "logback-console.xml";

    private ObservabilityRules() {}

    public static void observability(Checks checks, FlinkDeploymentSpec spec) {
        checks.at(
                "observability",
                () -> {
                    prometheus(checks, spec.observability().prometheus());
                    logging(checks, spec);
                });
        if (spec.observability().prometheus().isEnabled()) {
            spec.flinkConfiguration().keySet().stream()
                    .filter(key -> key.startsWith(REPORTER_PREFIX))
                    .forEach(
                            key ->
                                    checks.report(
                                            Checks.entryPath("flinkConfiguration", key),
                                            "is set by observability.prometheus and must not be"
                                                    + " set here; change observability.prometheus"
                                                    + " instead",
                                            spec.flinkConfiguration().get(key)));
        }
    }

    private static void prometheus(Checks checks, PrometheusSpec prometheus) {
        checks.at(
                "prometheus",
                () -> {
                    if (!prometheus.isEnabled()) {
                        unused(checks, "port", prometheus.port());
                        unused(checks, "scrapeAnnotations", prometheus.scrapeAnnotations());
                        unused(checks, "podMonitor", prometheus.podMonitor());
                        if (!prometheus.podMonitorLabels().isEmpty()) {
                            unused(checks, "podMonitorLabels", prometheus.podMonitorLabels());
                        }
                        return;
                    }
                    Integer port = prometheus.port();
                    if (port != null && (port < 1 || port > 65535)) {
                        checks.report("port", "must be a port from 1 to 65535", port);
                    } else if (port != null && TAKEN.contains(port)) {
                        checks.report(
                                "port",
                                "must not be one of Flink's own ports " + sorted(TAKEN),
                                port);
                    }
                    if (!prometheus.podMonitorLabels().isEmpty()
                            && !Boolean.TRUE.equals(prometheus.podMonitor())) {
                        checks.report(
                                "podMonitorLabels",
                                "has no effect without podMonitor: true",
                                prometheus.podMonitorLabels());
                    }
                    checks.eachEntry(
                            "podMonitorLabels",
                            prometheus.podMonitorLabels(),
                            (key, value) -> {
                                if (!KubernetesNames.isQualifiedName(key)) {
                                    checks.report(KubernetesNames.QUALIFIED_NAME_RULE, key);
                                } else if (ResourceLabels.isReserved(key)) {
                                    checks.report(
                                            "is reserved: the SDK sets it on every object", value);
                                } else if (value == null || !KubernetesNames.isLabelValue(value)) {
                                    checks.report(KubernetesNames.LABEL_VALUE_RULE, value);
                                }
                            });
                });
    }

    private static void logging(Checks checks, FlinkDeploymentSpec spec) {
        LoggingSpec logging = spec.observability().logging();
        checks.at(
                "logging",
                () -> {
                    checks.eachEntry(
                            "levels",
                            logging.levels(),
                            (logger, level) -> {
                                if (!LOGGER.matcher(logger).matches()) {
                                    checks.report(
                                            "key must be a logger name: a package or class such"
                                                    + " as org.apache.kafka",
                                            logger);
                                } else if (level == null) {
                                    checks.report(
                                            "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF",
                                            null);
                                }
                            });
                    if (logging.isSet() && spec.logConfiguration().containsKey(LOGBACK)) {
                        checks.report(
                                "are merged into log4j-console.properties, but logConfiguration"
                                        + " has "
                                        + LOGBACK
                                        + ": set the levels in that file, or drop it",
                                LOGBACK);
                    }
                });
    }

    private static void unused(Checks checks, String field, Object value) {
        if (value != null) {
            checks.report(
                    field,
                    "has no effect while observability.prometheus.enabled is not true",
                    value);
        }
    }

    private static String sorted(Set<Integer> ports) {
        return ports.stream().sorted().toList().toString();
    }
}
