/**
 * What a deployment asks of its namespace: the {@link
 * io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy} (the Namespace, a ResourceQuota and a LimitRange
 * sized from the spec).
 */
package io.flinkk8s.sdk.core.spec.tenancy;
