package io.flinkk8s.sdk.delivery.helm.internal;

/**
 * What {@code Chart.yaml} says.
 *
 * @param name the chart's name (the deployment's)
 * @param description one line
 * @param version the chart's SemVer version
 * @param appVersion the image's tag, or the Flink version
 * @param namespace the spec's namespace
 */
public record ChartMetadata(
        String name, String description, String version, String appVersion, String namespace) {}
