package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link NetworkingSpec} of a deployment: how its REST Service is exposed and a
 * NetworkPolicy for its pods. Obtained in {@code FlinkDeploymentBuilder.networking(n -> ...)}:
 *
 * <pre>{@code
 * .networking(n -> n.loadBalancer()
 *                   .restServiceAnnotation("service.beta.kubernetes.io/aws-load-balancer-internal", "true")
 *                   .networkPolicy()
 *                   .restFromNamespaces("ingress-nginx")
 *                   .metricsFromNamespaces("monitoring"))
 * }</pre>
 *
 * The Ingress is the builder's own {@code ingress(...)}. Mutable and not thread-safe.
 */
public final class NetworkingBuilder {

    private ServiceType type;
    private Integer nodePort;
    private final Map<String, String> annotations = new TreeMap<>();
    private final List<String> sourceRanges = new ArrayList<>();
    private Boolean policy;
    private final List<String> restFromNamespaces = new ArrayList<>();
    private final List<Map<String, String>> restFromPods = new ArrayList<>();
    private final List<String> metricsFromNamespaces = new ArrayList<>();

    NetworkingBuilder(NetworkingSpec spec) {
        RestServiceSpec rest = spec.restService();
        type = rest.type();
        nodePort = rest.nodePort();
        annotations.putAll(rest.annotations());
        sourceRanges.addAll(rest.loadBalancerSourceRanges());
        NetworkPolicySpec p = spec.networkPolicy();
        policy = p.enabled();
        restFromNamespaces.addAll(p.restFromNamespaces());
        restFromPods.addAll(p.restFromPods());
        metricsFromNamespaces.addAll(p.metricsFromNamespaces());
    }

    /** A {@code ClusterIP} REST Service (the default): reached by port-forward or an Ingress. */
    public NetworkingBuilder clusterIp() {
        this.type = ServiceType.CLUSTER_IP;
        this.nodePort = null;
        return this;
    }

    /** A {@code NodePort} REST Service on a port Kubernetes picks. */
    public NetworkingBuilder nodePort() {
        this.type = ServiceType.NODE_PORT;
        return this;
    }

    /** A {@code NodePort} REST Service on {@code port} (standalone target only). */
    public NetworkingBuilder nodePort(int port) {
        this.type = ServiceType.NODE_PORT;
        this.nodePort = port;
        return this;
    }

    /**
     * A {@code LoadBalancer} REST Service, admitting clients from {@code sourceRanges} (CIDRs; none
     * for every client; standalone target only).
     */
    public NetworkingBuilder loadBalancer(String... sourceRanges) {
        this.type = ServiceType.LOAD_BALANCER;
        this.sourceRanges.addAll(List.of(sourceRanges));
        return this;
    }

    /** Adds an annotation to the REST Service, e.g. a cloud provider's load balancer setting. */
    public NetworkingBuilder restServiceAnnotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    /**
     * Renders a NetworkPolicy: the deployment's pods accept only Flink's own traffic between them,
     * REST from the namespaces and pods named next, and metrics from scrapers.
     */
    public NetworkingBuilder networkPolicy() {
        this.policy = true;
        return this;
    }

    /** Lets the pods of {@code namespaces} call the REST port (turns the NetworkPolicy on). */
    public NetworkingBuilder restFromNamespaces(String... namespaces) {
        networkPolicy();
        restFromNamespaces.addAll(List.of(namespaces));
        return this;
    }

    /**
     * Lets the pods of the deployment's namespace with all of {@code labels} call the REST port
     * (turns the NetworkPolicy on).
     */
    public NetworkingBuilder restFromPods(Map<String, String> labels) {
        networkPolicy();
        restFromPods.add(labels);
        return this;
    }

    /**
     * Lets the pods of {@code namespaces} scrape the metrics port (turns the NetworkPolicy on);
     * without any, every namespace may.
     */
    public NetworkingBuilder metricsFromNamespaces(String... namespaces) {
        networkPolicy();
        metricsFromNamespaces.addAll(List.of(namespaces));
        return this;
    }

    /** A {@code ClusterIP} REST Service and no NetworkPolicy. */
    public NetworkingBuilder none() {
        type = null;
        nodePort = null;
        annotations.clear();
        sourceRanges.clear();
        policy = null;
        restFromNamespaces.clear();
        restFromPods.clear();
        metricsFromNamespaces.clear();
        return this;
    }

    NetworkingSpec build() {
        return new NetworkingSpec(
                new RestServiceSpec(type, nodePort, annotations, sourceRanges),
                new NetworkPolicySpec(
                        policy, restFromNamespaces, restFromPods, metricsFromNamespaces));
    }
}
