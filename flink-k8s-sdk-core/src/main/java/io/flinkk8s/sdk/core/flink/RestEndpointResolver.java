package io.flinkk8s.sdk.core.flink;

import java.net.URI;

/**
 * Finds the address at which this JVM reaches a JobManager's Flink REST API, given the REST Service
 * the SDK rendered ({@code ResourceNames.restService()}, port {@code FlinkPorts.REST}). Inside the
 * cluster that is the Service's DNS name ({@link #inCluster()}); outside it, a port-forward ({@link
 * PortForwardEndpointResolver}); in tests, the testkit's mapping to its simulated or MiniCluster
 * JobManager.
 */
@FunctionalInterface
public interface RestEndpointResolver {

    /**
     * The base URI of the Flink REST API behind {@code serviceName:port} in {@code namespace}, e.g.
     * {@code http://orders-rest.streaming.svc:8081}.
     */
    URI resolve(String namespace, String serviceName, int port);

    /**
     * Service DNS, for callers running inside the same Kubernetes cluster. Its {@code toString()}
     * names it, for error messages.
     */
    static RestEndpointResolver inCluster() {
        return new RestEndpointResolver() {
            @Override
            public URI resolve(String namespace, String serviceName, int port) {
                return URI.create("http://" + serviceName + "." + namespace + ".svc:" + port);
            }

            @Override
            public String toString() {
                return "RestEndpointResolver.inCluster() (Service DNS)";
            }
        };
    }
}
