/**
 * The render steps of {@code storage}, for both targets: {@link
 * io.flinkk8s.sdk.core.render.step.storage.StorageConfigStep} (the Flink options), {@link
 * io.flinkk8s.sdk.core.render.step.storage.StorageStep} (plugins, credentials, volumes and mounts
 * in the pod drafts, which the operator target writes into the {@code FlinkDeployment}'s pod
 * templates) and {@link io.flinkk8s.sdk.core.render.step.storage.PersistentVolumeClaimStep} (the
 * claim, next to the workloads or the {@code FlinkDeployment}).
 */
package io.flinkk8s.sdk.core.render.step.storage;
