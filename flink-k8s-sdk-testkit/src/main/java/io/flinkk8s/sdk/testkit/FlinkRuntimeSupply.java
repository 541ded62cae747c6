package io.flinkk8s.sdk.testkit;

import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.testkit.flink.MiniClusterRuntime;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import io.flinkk8s.sdk.testkit.flink.internal.MiniClusterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Starts the Flink runtimes of one in-memory cluster's JobManagers, in the cluster's {@link
 * FlinkRuntimeMode}, each on the port reserved for its JobManager with the Flink configuration of
 * its ConfigMap: a simulated runtime, or a MiniCluster of its own (which its process closes). Only
 * a MiniCluster lent by the caller (who then closes it) is shared by every JobManager, on its own
 * port and configuration.
 */
final class FlinkRuntimeSupply {

    private static final String LOOPBACK = "127.0.0.1";

    private final FlinkRuntimeMode mode;
    private final Clock clock;
    private final MiniClusterRuntime lent;

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
        this.lent = lent;
    }

    FlinkRuntimeMode mode() {
        return mode;
    }

    /** A free loopback port for a JobManager's runtimes; 0 with a lent MiniCluster. */
    int reservePort() {
        if (sharesMiniCluster()) {
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
        return sharesMiniCluster()
                ? lent.restAddress()
                : URI.create("http://" + LOOPBACK + ":" + port);
    }

    private boolean sharesMiniCluster() {
        return lent != null;
    }

    /**
     * Starts a JobManager process with the Flink configuration of its ConfigMap (and the files of
     * its pod's Secrets, which a simulated runtime reads), on {@code port} when it is free, else on
     * any port (the returned process says which).
     *
     * @throws FlinkK8sException when a MiniCluster does not start with that configuration
     */
    synchronized JobManagerProcess start(
            Map<String, String> flinkConfiguration, Map<String, byte[]> podFiles, int port) {
        if (sharesMiniCluster()) {
            return new MiniClusterJobManagerProcess(lent, false);
        }
        if (mode == FlinkRuntimeMode.MINI_CLUSTER) {
            return new MiniClusterJobManagerProcess(miniCluster(flinkConfiguration, port), true);
        }
        try {
            return new SimulatedJobManagerProcess(simulated(flinkConfiguration, podFiles, port));
        } catch (FlinkK8sException e) {
            // the reserved port was taken meanwhile; a Service address that moves beats none
            return new SimulatedJobManagerProcess(simulated(flinkConfiguration, podFiles, 0));
        }
    }

    private SimulatedFlinkRuntime simulated(
            Map<String, String> flinkConfiguration, Map<String, byte[]> podFiles, int port) {
        return SimulatedFlinkRuntime.builder()
                .flinkConfiguration(flinkConfiguration)
                .podFiles(podFiles)
                .clock(clock)
                .restPort(port)
                .start();
    }

    /**
     * A MiniCluster of one JobManager: its ConfigMap's configuration without the pod's process and
     * network settings ({@link MiniClusterSettings}), REST on the reserved port when it is free.
     */
    private static MiniClusterRuntime miniCluster(
            Map<String, String> flinkConfiguration, int port) {
        MiniClusterRuntime.Builder builder =
                MiniClusterRuntime.builder()
                        .flinkConfiguration(
                                MiniClusterSettings.flinkConfiguration(flinkConfiguration))
                        .slots(MiniClusterSettings.slots(flinkConfiguration));
        if (port > 0 && portIsFree(port)) {
            return builder.restPort(port).start();
        }
        // the reserved port was taken meanwhile; a Service address that moves beats none
        return builder.restPort(0).start();
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
