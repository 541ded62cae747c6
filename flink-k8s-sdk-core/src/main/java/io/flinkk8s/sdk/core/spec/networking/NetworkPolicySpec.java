package io.flinkk8s.sdk.core.spec.networking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.flinkk8s.sdk.core.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy (networking.k8s.io/v1) for the deployment's pods: incoming traffic is denied
 * except JobManager↔TaskManager RPC, the blob server and the TaskManagers' data port between the
 * deployment's own pods, the REST port from the namespaces and pods listed here, and the Prometheus
 * port (when {@code observability.prometheus} is on) from the scraping namespaces. Outgoing traffic
 * is not restricted: jobs reach their sources and sinks, DNS, object stores and (with HA) the
 * Kubernetes API.
 *
 * <p>A NetworkPolicy takes effect only with a network plugin that enforces it. Port-forwards and
 * the kubelet's probes do not pass through it. With target {@code operator} the operator itself
 * calls the REST port: list its namespace in {@code restFromNamespaces}.
 *
 * @param enabled may be null: off
 * @param restFromNamespaces namespaces whose pods may call the REST port, e.g. the Ingress
 *     controller's, the operator's, the caller's; never null
 * @param restFromPods pod label selectors (in the deployment's namespace) whose pods may call the
 *     REST port, each a map of labels all of which a pod must have; never null
 * @param metricsFromNamespaces namespaces whose pods may scrape the Prometheus port; empty: every
 *     namespace; never null
 */
public record NetworkPolicySpec(
        Boolean enabled,
        List<String> restFromNamespaces,
        List<Map<String, String>> restFromPods,
        List<String> metricsFromNamespaces) {

    /** Normalises only: copies of the lists (and of each selector, sorted), empty for null. */
    public NetworkPolicySpec {
        restFromNamespaces = Copies.list(restFromNamespaces);
        restFromPods =
                restFromPods == null
                        ? List.of()
                        : restFromPods.stream().map(Copies::sortedMap).toList();
        metricsFromNamespaces = Copies.list(metricsFromNamespaces);
    }

    /** No NetworkPolicy. */
    public static NetworkPolicySpec none() {
        return new NetworkPolicySpec(null, null, null, null);
    }

    /** Whether a NetworkPolicy is rendered. */
    @JsonIgnore
    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }
}
