/**
 * Flink behind the JobManager's REST address, inside the test JVM: {@link
 * io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime} (fast, simulated jobs and savepoints,
 * Flink's own REST server, handlers and message types) and {@link
 * io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime} (a real Flink {@code MiniCluster}), both behind
 * {@link io.flinkk8s.sdk.testkit.flink.FlinkRuntime}. Flink's {@code RestClusterClient} works
 * unchanged against either.
 */
package io.flinkk8s.sdk.testkit.flink;
