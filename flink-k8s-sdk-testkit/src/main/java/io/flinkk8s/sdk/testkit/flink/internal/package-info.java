/**
 * The simulated Flink JobManager behind {@link
 * io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime}: its job bookkeeping, the gateway Flink's
 * own REST handlers talk to, the simulated handlers and Flink's REST server endpoint serving them.
 * Not API: anything here may change in any release.
 */
package io.flinkk8s.sdk.testkit.flink.internal;
