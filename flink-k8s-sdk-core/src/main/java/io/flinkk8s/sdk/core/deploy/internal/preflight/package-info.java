/**
 * The deployer's preflight: what would make an apply of a spec fail, found before any write by
 * reads and SelfSubjectAccessReviews only. {@code Preflight} runs the checks, one concern per
 * class: the namespace, the operator's CRDs, RBAC ({@code AccessNeeds} lists what the deployer
 * does), quotas and limit ranges ({@code QuotaNeeds} sizes the spec), the Ingress class, and the
 * Secrets, ConfigMaps and ServiceAccount the rendered objects name.
 *
 * <p>Internal: not API, may change in any release. Imports {@code cluster}, no other part of the
 * engine.
 */
package io.flinkk8s.sdk.core.deploy.internal.preflight;
