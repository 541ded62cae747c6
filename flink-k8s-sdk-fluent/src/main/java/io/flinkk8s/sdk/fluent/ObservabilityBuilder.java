package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.observability.LogLevel;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link ObservabilitySpec} of a deployment: Flink's Prometheus reporter and log levels.
 * Obtained in {@code FlinkDeploymentBuilder.observability(o -> ...)}:
 *
 * <pre>{@code
 * .observability(o -> o.prometheus()                       // port 9249, scrape annotations
 *                      .podMonitor(Map.of("release", "kube-prometheus-stack"))
 *                      .rootLogLevel(LogLevel.WARN)
 *                      .logLevel("org.apache.flink.runtime.checkpoint", LogLevel.DEBUG))
 * }</pre>
 *
 * Mutable and not thread-safe.
 */
public final class ObservabilityBuilder {

    private Boolean prometheus;
    private Integer port;
    private Boolean scrapeAnnotations;
    private Boolean podMonitor;
    private final Map<String, String> podMonitorLabels = new TreeMap<>();
    private LogLevel rootLevel;
    private final Map<String, LogLevel> levels = new TreeMap<>();

    ObservabilityBuilder(ObservabilitySpec spec) {
        PrometheusSpec p = spec.prometheus();
        prometheus = p.enabled();
        port = p.port();
        scrapeAnnotations = p.scrapeAnnotations();
        podMonitor = p.podMonitor();
        podMonitorLabels.putAll(p.podMonitorLabels());
        rootLevel = spec.logging().rootLevel();
        levels.putAll(spec.logging().levels());
    }

    /** Turns Flink's Prometheus reporter on, on its default port 9249. */
    public ObservabilityBuilder prometheus() {
        this.prometheus = true;
        return this;
    }

    /** Turns Flink's Prometheus reporter on, on {@code port}. */
    public ObservabilityBuilder prometheus(int port) {
        this.prometheus = true;
        this.port = port;
        return this;
    }

    /** Leaves the {@code prometheus.io/*} annotations off the pods. */
    public ObservabilityBuilder withoutScrapeAnnotations() {
        this.scrapeAnnotations = false;
        return this;
    }

    /**
     * Also renders a Prometheus Operator {@code PodMonitor} with {@code labels} (the ones your
     * Prometheus selects monitors by); turns the reporter on.
     */
    public ObservabilityBuilder podMonitor(Map<String, String> labels) {
        prometheus();
        this.podMonitor = true;
        podMonitorLabels.putAll(labels);
        return this;
    }

    /** Sets the root logger's level. */
    public ObservabilityBuilder rootLogLevel(LogLevel level) {
        this.rootLevel = level;
        return this;
    }

    /** Sets the level of {@code logger}, a package or class such as {@code org.apache.kafka}. */
    public ObservabilityBuilder logLevel(String logger, LogLevel level) {
        levels.put(logger, level);
        return this;
    }

    /** No reporter and the log file's own levels. */
    public ObservabilityBuilder none() {
        prometheus = null;
        port = null;
        scrapeAnnotations = null;
        podMonitor = null;
        podMonitorLabels.clear();
        rootLevel = null;
        levels.clear();
        return this;
    }

    ObservabilitySpec build() {
        return new ObservabilitySpec(
                new PrometheusSpec(
                        prometheus, port, scrapeAnnotations, podMonitor, podMonitorLabels),
                new LoggingSpec(rootLevel, levels));
    }
}
