package io.flinkk8s.sdk.core.spec.networking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flinkk8s.sdk.core.internal.WireValues;

/** How the JobManager's REST Service is exposed, spelled as Kubernetes spells a Service type. */
public enum ServiceType {
    /** Reachable inside the cluster only (and through a port-forward or an Ingress). */
    CLUSTER_IP("ClusterIP"),
    /** Also on a port of every node. */
    NODE_PORT("NodePort"),
    /** Also through a load balancer the cloud provider creates. */
    LOAD_BALANCER("LoadBalancer");

    private final String wireValue;

    ServiceType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The Kubernetes spelling, e.g. {@code LoadBalancer}. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /**
     * Reads the Kubernetes spelling or the constant name, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values for anything else
     */
    @JsonCreator
    public static ServiceType fromWireValue(String text) {
        return WireValues.parse(ServiceType.class, text, ServiceType::wireValue);
    }
}
