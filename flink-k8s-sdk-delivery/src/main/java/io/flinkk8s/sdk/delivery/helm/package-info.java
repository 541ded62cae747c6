/**
 * A Flink deployment as a Helm chart: the SDK's rendering of a spec (either target) as templates,
 * with the values people change per environment in {@code values.yaml} and a {@code
 * values.schema.json} that makes {@code helm lint}, {@code template} and {@code install} refuse an
 * invalid value.
 *
 * <pre>{@code
 * HelmChart chart = HelmChart.of(spec).withVersion("1.4.2");
 * chart.writeTo(Path.of("charts/orders"));
 * // helm install orders charts/orders -n streaming --set taskManager.replicas=6
 * }</pre>
 */
package io.flinkk8s.sdk.delivery.helm;
