package io.flinkk8s.sdk.testkit.flink.internal;

/** How a job reached the simulated JobManager (the public {@code JobOrigin}, by the same names). */
public enum JobKind {
    /** {@code POST /jobs} with a job graph. */
    SUBMITTED_PLAN,
    /** {@code POST /jars/:jarid/run} on a session cluster. */
    JAR_RUN,
    /** Started by an application cluster itself. */
    APPLICATION
}
