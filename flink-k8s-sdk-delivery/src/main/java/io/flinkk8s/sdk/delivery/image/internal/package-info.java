/**
 * The engine behind {@link io.flinkk8s.sdk.delivery.image.JobImage}: Jib Core's container builder
 * and the Dockerfile writer.
 *
 * <p>Internal: not API. Nothing here is covered by compatibility promises; it may change in any
 * release.
 */
package io.flinkk8s.sdk.delivery.image.internal;
