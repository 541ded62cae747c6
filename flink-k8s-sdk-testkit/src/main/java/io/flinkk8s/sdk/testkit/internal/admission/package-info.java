/**
 * The admission plugins of the in-memory API server that enforce what the cluster models, as
 * Kubernetes' own do on create: {@code LimitRanger} (defaults, then min, max and ratio), {@code
 * DefaultStorageClass}, {@code PodSecurity} (by namespace label) and {@code ResourceQuota} (with
 * the quota's {@code status.used} computed from what is stored). Not API: anything here may change
 * in any release. Imports {@code json}, no other part of the engine; the server hands it a {@link
 * io.flinkk8s.sdk.testkit.internal.admission.ClusterView} to read stored objects through.
 */
package io.flinkk8s.sdk.testkit.internal.admission;
