package io.flinkk8s.sdk.core.deploy.fleet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an apply did on every cluster of a {@link Fleet}, in the fleet's cluster order. One
 * cluster's failure never stops the others: each says for itself whether it is applied.
 *
 * @param clusters one outcome per cluster
 */
public record FleetResult(List<ClusterOutcome> clusters) {

    /** Copies the list. */
    public FleetResult {
        clusters = List.copyOf(clusters);
    }

    /** Whether the apply succeeded on every cluster. */
    public boolean allSucceeded() {
        return clusters.stream().allMatch(ClusterOutcome::succeeded);
    }

    /** The clusters where the apply failed. */
    public List<ClusterOutcome> failed() {
        return clusters.stream().filter(c -> !c.succeeded()).toList();
    }

    /** The outcome on {@code cluster}. */
    public ClusterOutcome on(String cluster) {
        return clusters.stream()
                .filter(c -> c.cluster().equals(cluster))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no cluster "
                                                + cluster
                                                + " in this fleet; it has "
                                                + clusters.stream()
                                                        .map(ClusterOutcome::cluster)
                                                        .toList()));
    }

    @Override
    public String toString() {
        return (allSucceeded()
                        ? "applied on all " + clusters.size() + " clusters"
                        : "applied on "
                                + (clusters.size() - failed().size())
                                + " of "
                                + clusters.size()
                                + " clusters")
                + clusters.stream()
                        .map(ClusterOutcome::toString)
                        .collect(Collectors.joining("\n  ", ":\n  ", ""));
    }
}
