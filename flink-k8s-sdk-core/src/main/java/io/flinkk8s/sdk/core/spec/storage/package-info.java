/**
 * Where a deployment keeps its state: {@link io.flinkk8s.sdk.core.spec.storage.StoragePolicy}, with
 * an object store and its Flink filesystem plugin, a PersistentVolumeClaim the SDK renders, and a
 * node-local volume for RocksDB and local recovery.
 */
package io.flinkk8s.sdk.core.spec.storage;
