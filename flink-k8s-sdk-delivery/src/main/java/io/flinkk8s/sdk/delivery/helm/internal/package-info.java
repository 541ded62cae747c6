/**
 * The engine behind {@link io.flinkk8s.sdk.delivery.helm.HelmChart}: which chart values a spec has,
 * where each one lands in the SDK's rendering (found by rendering the spec again with the value
 * changed), the templates and files of the chart, and the folder they are written to.
 *
 * <p>Internal: not API. Nothing here is covered by compatibility promises; it may change in any
 * release.
 */
package io.flinkk8s.sdk.delivery.helm.internal;
