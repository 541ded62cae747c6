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
     * A real Flink {@link io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime}, started once and
     * shared by every JobManager of the cluster (seconds to start): application jobs run their
     * entry class from the test classpath, savepoints go to the MiniCluster's own directory.
     */
    MINI_CLUSTER
}
