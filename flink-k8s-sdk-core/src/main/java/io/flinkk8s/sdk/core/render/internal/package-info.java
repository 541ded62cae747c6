/**
 * Helpers of the render steps that read the spec and are not API: the Kubernetes form of env
 * variables and the HorizontalPodAutoscaler mapping both targets share.
 *
 * <p>Internal: not API. Nothing here is covered by compatibility promises; it may change in any
 * release.
 */
package io.flinkk8s.sdk.core.render.internal;
