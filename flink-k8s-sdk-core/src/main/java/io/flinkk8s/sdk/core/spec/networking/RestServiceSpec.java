package io.flinkk8s.sdk.core.spec.networking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.flinkk8s.sdk.core.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * How the JobManager's REST Service (the web UI and REST API) is exposed. Unset, it is a {@code
 * ClusterIP} Service, reached through a port-forward or an Ingress.
 *
 * <p>The standalone target renders the Service with these fields; the operator target writes
 * Flink's {@code kubernetes.rest-service.exposed.type} and {@code
 * kubernetes.rest-service.annotations}, from which Flink's native Kubernetes mode creates it. Flink
 * picks the node port and has no source ranges there, so {@code nodePort} and {@code
 * loadBalancerSourceRanges} are refused with target {@code operator}.
 *
 * @param type may be null: {@code ClusterIP} ({@link io.flinkk8s.sdk.core.spec.SpecDefaults} fills
 *     it when another field is set)
 * @param nodePort may be null: Kubernetes picks one; only with type {@code NodePort} or {@code
 *     LoadBalancer}, in the cluster's node port range (by default 30000-32767)
 * @param annotations the Service's annotations on top of the spec's, e.g. a cloud provider's load
 *     balancer settings; never null
 * @param loadBalancerSourceRanges the client CIDRs a {@code LoadBalancer} accepts; never null
 */
public record RestServiceSpec(
        ServiceType type,
        Integer nodePort,
        Map<String, String> annotations,
        List<String> loadBalancerSourceRanges) {

    /** Normalises only: a sorted copy of the annotations, a copy of the ranges, empty for null. */
    public RestServiceSpec {
        annotations = Copies.sortedMap(annotations);
        loadBalancerSourceRanges = Copies.list(loadBalancerSourceRanges);
    }

    /** Nothing set: a {@code ClusterIP} Service. */
    public static RestServiceSpec unset() {
        return new RestServiceSpec(null, null, null, null);
    }

    /** Exposed as {@code type}, nothing else set. */
    public static RestServiceSpec of(ServiceType type) {
        return new RestServiceSpec(type, null, null, null);
    }

    /** Whether any field is set. */
    @JsonIgnore
    public boolean isSet() {
        return type != null
                || nodePort != null
                || !annotations.isEmpty()
                || !loadBalancerSourceRanges.isEmpty();
    }

    /** The type, {@code ClusterIP} when unset. */
    @JsonIgnore
    public ServiceType effectiveType() {
        return type == null ? ServiceType.CLUSTER_IP : type;
    }
}
