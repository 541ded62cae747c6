package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Starts the Flink runtimes of one in-memory cluster's JobManagers, in the cluster's {@link
 * FlinkRuntimeMode}. A simulated runtime is started per JobManager process on the port reserved for
 * that JobManager; the MiniCluster is one per cluster, started on first use (or lent by the caller,
 * who then closes it).
 */
final class FlinkRuntimeSupply implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final FlinkRuntimeMode mode;
    private final Clock clock;
    private final boolean ownsMiniCluster;
    private MiniClusterRuntime miniCluster;

    /**
     * @throws FlinkK8sException in MiniCluster mode without a lent cluster, when the JVM lacks the
     *     options Flink needs: the cluster starts it inside a client's request, too late to report
     */
    FlinkRuntimeSupply(FlinkRuntimeMode mode, Clock clock, MiniClusterRuntime lent) {
        if (mode == FlinkRuntimeMode.MINI_CLUSTER && lent == null) {
            MiniClusterRuntime.checkJvmOptions();
        }
        this.mode = mode;
        this.clock = clock;
        this.miniCluster = lent;
        this.ownsMiniCluster = lent == null;
    }

    FlinkRuntimeMode mode() {
        return mode;
    }

    /** A free loopback port for a JobManager's simulated runtimes; 0 in MiniCluster mode. */
    int reservePort() {
        if (mode == FlinkRuntimeMode.MINI_CLUSTER) {
            return 0;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for a JobManager", e);
        }
    }

    /** Where a JobManager's REST Service leads, running or not. */
    synchronized URI address(int port) {
        return mode == FlinkRuntimeMode.MINI_CLUSTER
                ? miniCluster().restAddress()
                : URI.create("http://" + LOOPBACK + ":" + port);
    }

    /**
     * Starts a JobManager process with the Flink configuration of its ConfigMap, on {@code port}
     * when it is free, else on any port (the returned process says which).
     */
    synchronized JobManagerProcess start(Map<String, String> flinkConfiguration, int port) {
        if (mode == FlinkRuntimeMode.MINI_CLUSTER) {
            return new MiniClusterJobManagerProcess(miniCluster());
        }
        try {
            return new SimulatedJobManagerProcess(simulated(flinkConfiguration, port));
        } catch (FlinkK8sException e) {
            // the reserved port was taken meanwhile; a Service address that moves beats none
            return new SimulatedJobManagerProcess(simulated(flinkConfiguration, 0));
        }
    }

    private SimulatedFlinkRuntime simulated(Map<String, String> flinkConfiguration, int port) {
        return SimulatedFlinkRuntime.builder()
                .flinkConfiguration(flinkConfiguration)
                .clock(clock)
                .restPort(port)
                .start();
    }

    private MiniClusterRuntime miniCluster() {
        if (miniCluster == null) {
            miniCluster = MiniClusterRuntime.builder().start();
        }
        return miniCluster;
    }

    @Override
    public synchronized void close() {
        if (ownsMiniCluster && miniCluster != null) {
            miniCluster.close();
        }
    }
}
