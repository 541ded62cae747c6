package io.flinkk8s.sdk.core.spec.networking;

/**
 * How the deployment is reached and isolated on the network: the REST Service's type and a
 * NetworkPolicy. The Ingress is the spec's own {@code ingress} field (the operator's name for it).
 * Both parts are off by default.
 *
 * @param restService never null; {@link RestServiceSpec#unset()} for a {@code ClusterIP} Service
 * @param networkPolicy never null; {@link NetworkPolicySpec#none()} renders no NetworkPolicy
 */
public record NetworkingSpec(RestServiceSpec restService, NetworkPolicySpec networkPolicy) {

    /** Normalises only: unset parts for null ones. */
    public NetworkingSpec {
        restService = restService == null ? RestServiceSpec.unset() : restService;
        networkPolicy = networkPolicy == null ? NetworkPolicySpec.none() : networkPolicy;
    }

    /** Nothing set: a {@code ClusterIP} REST Service, no NetworkPolicy. */
    public static NetworkingSpec none() {
        return new NetworkingSpec(null, null);
    }
}
