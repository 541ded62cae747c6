/**
 * The in-memory Kubernetes cluster for consumers' unit tests (issue 4): start one with {@link
 * io.flinkk8s.sdk.testkit.FlinkK8sTest} or {@link
 * io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster#builder()}, drive it with {@link
 * io.flinkk8s.sdk.testkit.FlinkK8sCluster}, and check it with {@link
 * io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions}.
 */
package io.flinkk8s.sdk.testkit;
