/**
 * The in-memory cluster's fault injection ({@link io.flinkk8s.sdk.testkit.faults.Faults}), on its
 * API server. Not API: anything here may change in any release.
 */
package io.flinkk8s.sdk.testkit.internal.faults;
