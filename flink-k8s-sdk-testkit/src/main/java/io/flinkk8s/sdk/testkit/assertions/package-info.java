/**
 * AssertJ assertions on the in-memory cluster, its workloads, containers and request log; start
 * from {@link io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions}.
 */
package io.flinkk8s.sdk.testkit.assertions;
