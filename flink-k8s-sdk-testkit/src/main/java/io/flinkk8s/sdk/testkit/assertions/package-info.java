/**
 * AssertJ assertions on the in-memory cluster, its workloads, containers, any object's metadata, an
 * SDK deployment as a whole (JobManager, TaskManagers, Flink job and savepoints), the request log,
 * rendered objects and validation results; start from {@link
 * io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions}.
 */
package io.flinkk8s.sdk.testkit.assertions;
