package io.flinkk8s.sdk.delivery.helm;

/**
 * One value of an exported chart, as {@code values.yaml} holds it.
 *
 * @param path its dotted path, for {@code helm --set} (e.g. {@code taskManager.replicas})
 * @param defaultValue its default: the spec's (may be null where the schema allows it)
 * @param description what it changes
 */
public record ChartValue(String path, Object defaultValue, String description) {}
