package io.flinkk8s.sdk.core.deploy;

import java.util.Objects;

/**
 * Where a person opens a deployment's Flink web UI and REST API, and how it is reached: {@link
 * FlinkDeploymentHandle#endpoint()}.
 *
 * @param exposure how the REST API is reached
 * @param url the URL to open, e.g. {@code https://orders.streaming.flink.example.com/}; null when
 *     it cannot be known from the cluster (a load balancer without an address yet, a node port,
 *     whose node address is the caller's to pick, a port-forward): {@code hint} says what to do
 * @param port the port to use with the address the caller picks (the node port; 8081 for a
 *     port-forward); null when {@code url} says it all
 * @param hint one sentence for a person: how to reach the deployment
 */
public record Endpoint(Exposure exposure, String url, Integer port, String hint) {

    /** How the REST API is reached. */
    public enum Exposure {
        /** Through the deployment's Ingress. */
        INGRESS,
        /** Through the REST Service's cloud load balancer. */
        LOAD_BALANCER,
        /** Through the REST Service's port on every node. */
        NODE_PORT,
        /** Not exposed: through {@code kubectl port-forward} to the REST Service. */
        PORT_FORWARD
    }

    /** Requires {@code exposure} and {@code hint}. */
    public Endpoint {
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(hint, "hint");
    }

    /** Whether {@link #url()} is known. */
    public boolean hasUrl() {
        return url != null;
    }
}
