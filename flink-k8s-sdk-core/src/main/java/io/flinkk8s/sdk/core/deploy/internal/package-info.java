/**
 * The deployer's engine behind {@code FlinkDeployer} and {@code FlinkDeploymentHandle}: one apply
 * or plan ({@code Reconciler}), the objects it writes ({@code Rollout}), what a job starts from,
 * the TaskManager count kept after autoscaling, deletion, and the operations of a handle.
 *
 * <p>Internal: not API. Nothing here is covered by compatibility promises; it may change in any
 * release. The parts it orchestrates live in the sub-packages {@code cluster} (what a deployer
 * reads and writes in the cluster), {@code observe} (status and waits), {@code job} (job
 * transitions) and {@code view} (the watch-based status view); none of them imports this package.
 */
package io.flinkk8s.sdk.core.deploy.internal;
