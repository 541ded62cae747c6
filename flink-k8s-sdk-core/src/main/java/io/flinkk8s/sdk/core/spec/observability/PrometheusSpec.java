package io.flinkk8s.sdk.core.spec.observability;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.flinkk8s.sdk.core.internal.Copies;
import java.util.Map;

/**
 * Flink's Prometheus metric reporter on the JobManager and TaskManagers: {@code
 * metrics.reporter.prom.factory.class} ({@value #FACTORY_CLASS}, the one form Flink 2.x accepts and
 * 1.x reads too) and {@code metrics.reporter.prom.port}, a container port named {@value
 * #PORT_NAME}, the {@code prometheus.io/scrape|port|path} pod annotations and, on request, a
 * Prometheus Operator {@code PodMonitor} (monitoring.coreos.com/v1). The official Flink images
 * carry the reporter as a plugin ({@code plugins/metrics-prometheus}); nothing needs to be added to
 * them.
 *
 * @param enabled may be null: off
 * @param port may be null: {@value #DEFAULT_PORT} when enabled
 * @param scrapeAnnotations may be null: {@code true} when enabled
 * @param podMonitor may be null: {@code false}; when true a {@code PodMonitor} is rendered, which
 *     needs the Prometheus Operator's CRDs in the cluster
 * @param podMonitorLabels the PodMonitor's extra labels, e.g. the one a Prometheus selects its
 *     monitors by ({@code release: prometheus}); never null
 */
public record PrometheusSpec(
        Boolean enabled,
        Integer port,
        Boolean scrapeAnnotations,
        Boolean podMonitor,
        Map<String, String> podMonitorLabels) {

    /** The reporter's factory class. */
    public static final String FACTORY_CLASS =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    /** The reporter's port when none is given: Flink's default for the reporter. */
    public static final int DEFAULT_PORT = 9249;

    /** The name of the container port. */
    public static final String PORT_NAME = "metrics";

    /** The path the reporter serves. */
    public static final String PATH = "/metrics";

    /** Normalises only: a sorted copy of the labels, empty for null. */
    public PrometheusSpec {
        podMonitorLabels = Copies.sortedMap(podMonitorLabels);
    }

    /** No reporter. */
    public static PrometheusSpec none() {
        return new PrometheusSpec(null, null, null, null, null);
    }

    /** Whether the reporter is on. */
    @JsonIgnore
    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }

    /** Whether a PodMonitor is rendered: the reporter is on and one was asked for. */
    @JsonIgnore
    public boolean rendersPodMonitor() {
        return isEnabled() && Boolean.TRUE.equals(podMonitor);
    }

    /** Whether the pods carry the scrape annotations: the reporter is on and they are not off. */
    @JsonIgnore
    public boolean rendersScrapeAnnotations() {
        return isEnabled() && !Boolean.FALSE.equals(scrapeAnnotations);
    }

    /** The port, {@value #DEFAULT_PORT} when unset. */
    @JsonIgnore
    public int effectivePort() {
        return port == null ? DEFAULT_PORT : port;
    }
}
