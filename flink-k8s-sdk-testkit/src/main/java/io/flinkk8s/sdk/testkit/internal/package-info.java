/**
 * The testkit's engine: the in-memory API server ({@code internal.server}, {@code internal.json}),
 * the controllers that play the control plane ({@code internal.controllers}), the simulated Flink
 * JobManager ({@code internal.flink}) and fault injection ({@code internal.faults}). Not API:
 * anything under {@code internal} may change in any release; use {@code InMemoryFlinkK8sCluster},
 * {@code FlinkK8sCluster} and the public packages.
 */
package io.flinkk8s.sdk.testkit.internal;
