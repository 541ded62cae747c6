/**
 * The render steps of {@code tenancy}, for both targets: the ResourceQuota and the LimitRange sized
 * from the spec ({@link io.flinkk8s.sdk.core.render.step.tenancy.TenancyStep}).
 */
package io.flinkk8s.sdk.core.render.step.tenancy;
