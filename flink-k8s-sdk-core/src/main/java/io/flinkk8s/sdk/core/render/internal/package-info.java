/**
 * Helpers of the render steps that read the spec and are not API: the Kubernetes form of env
 * variables, the HorizontalPodAutoscaler mapping both targets share, and what a spec needs of its
 * namespace's quotas at most ({@code QuotaNeeds}: the tenancy steps size their ResourceQuota and
 * LimitRange with it, the deployer's preflight checks existing quotas with it).
 *
 * <p>Internal: not API. Nothing here is covered by compatibility promises; it may change in any
 * release.
 */
package io.flinkk8s.sdk.core.render.internal;
