package io.flinkk8s.sdk.testkit;

/** What the in-memory cluster runs behind a JobManager the SDK rendered, once its pod is Ready. */
public enum FlinkRuntimeMode {
    /**
     * A {@link io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime} per JobManager pod (the
     * default): milliseconds to start, jobs and savepoints are bookkeeping the test reads and
     * drives through {@link FlinkK8sCluster#flink}.
     */
    SIMULATED,
    /**
     * A real Flink {@link io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime} per JobManager pod (a
     * second or two to start each, closed when the pod goes away), on the JobManager's own REST
     * port and started with its ConfigMap's Flink configuration, which also reaches the application
     * job (checkpointing and its storage, state backend, {@code parallelism.default}, restart
     * strategy; not the pod's ports, memory sizes, Kubernetes HA or metric reporters): application
     * jobs run their entry class from the test classpath, a deployment sees only its own jobs, and
     * what a job was restored from comes from Flink's checkpoint statistics. Storage paths in the
     * spec must be reachable from the test JVM ({@code file://} directories, or the Flink file
     * system on the test classpath).
     */
    MINI_CLUSTER
}
