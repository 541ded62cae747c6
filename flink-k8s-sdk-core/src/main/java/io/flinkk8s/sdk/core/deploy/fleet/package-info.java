/**
 * The same spec on several clusters ({@link io.flinkk8s.sdk.core.deploy.fleet.Fleet}), each a
 * {@link io.flinkk8s.sdk.core.deploy.FlinkDeployer} on its own {@code KubernetesClient}, with
 * per-cluster overrides (image registry, namespace, TaskManagers, storage directories), applied in
 * parallel with a result per cluster, and the status of all of them in one view.
 */
package io.flinkk8s.sdk.core.deploy.fleet;
