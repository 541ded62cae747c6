package io.flinkk8s.sdk.core.deploy.fleet;

import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A deployment's status on every cluster of a {@link Fleet}, in the fleet's cluster order. A
 * cluster that could not be read has an error instead of a status; it never hides the others.
 *
 * @param clusters one entry per cluster
 */
public record FleetStatus(List<Entry> clusters) {

    /** Copies the list. */
    public FleetStatus {
        clusters = List.copyOf(clusters);
    }

    /**
     * The status on one cluster.
     *
     * @param cluster the cluster's name in the fleet
     * @param status the deployment's status there; null when it could not be read
     * @param error why it could not be read; null when it was
     */
    public record Entry(String cluster, DeploymentStatus status, String error) {

        /** The status, when the cluster could be read. */
        public Optional<DeploymentStatus> read() {
            return Optional.ofNullable(status);
        }

        @Override
        public String toString() {
            if (status == null) {
                return cluster + ": unknown (" + error + ")";
            }
            return cluster + ": " + status.lifecycle() + " " + status.message();
        }
    }

    /** The entry of {@code cluster}. */
    public Entry on(String cluster) {
        return clusters.stream()
                .filter(c -> c.cluster().equals(cluster))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster " + cluster));
    }

    @Override
    public String toString() {
        return clusters.stream().map(Entry::toString).collect(Collectors.joining("\n"));
    }
}
