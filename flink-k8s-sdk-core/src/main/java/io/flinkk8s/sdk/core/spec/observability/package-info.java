/**
 * Metrics and logging of a deployment: the {@link
 * io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec} with Flink's Prometheus reporter and
 * log levels per logger.
 */
package io.flinkk8s.sdk.core.spec.observability;
