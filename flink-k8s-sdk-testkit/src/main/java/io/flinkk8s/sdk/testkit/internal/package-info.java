/**
 * The testkit's engine: the in-memory API server ({@code internal.server}, {@code internal.json}),
 * its HTTP front ({@code internal.http}), the controllers that play the control plane ({@code
 * internal.controllers}) and fault injection ({@code internal.faults}); the simulated Flink
 * JobManager's engine is {@code io.flinkk8s.sdk.testkit.flink.internal}. Not API: anything under
 * {@code internal} may change in any release; use {@code InMemoryFlinkK8sCluster}, {@code
 * FlinkK8sCluster} and the public packages.
 */
package io.flinkk8s.sdk.testkit.internal;
