package io.flinkk8s.sdk.testkit.flink;

/** How a job reached a {@link SimulatedFlinkRuntime}. */
public enum JobOrigin {
    /**
     * {@code POST /jobs}: a serialized job graph or other execution plan, as {@code
     * RestClusterClient.submitJob} sends it.
     */
    SUBMITTED_PLAN,
    /** {@code POST /jars/:jarid/run} on a session cluster. */
    JAR_RUN,
    /** {@link FlinkRuntime#startApplicationJob}: started by an application cluster itself. */
    APPLICATION
}
