/**
 * The render steps of {@code observability}, for both targets: Flink's Prometheus reporter, the
 * metrics port and scrape annotations of the pods, and the Prometheus Operator's PodMonitor. The
 * log levels are merged into the logging file where it is written ({@code FlinkConfigFiles}).
 */
package io.flinkk8s.sdk.core.render.step.observability;
