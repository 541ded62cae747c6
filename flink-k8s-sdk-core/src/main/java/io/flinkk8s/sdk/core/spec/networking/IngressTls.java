package io.flinkk8s.sdk.core.spec.networking;

import io.flinkk8s.sdk.core.internal.Copies;
import java.util.List;

/**
 * One TLS entry of an {@link IngressSpec}: the hosts a certificate covers and the Secret that holds
 * it, as Kubernetes' {@code IngressTLS}.
 *
 * @param hosts never null
 * @param secretName may be null: the Ingress controller's default certificate
 */
public record IngressTls(List<String> hosts, String secretName) {

    /** Normalises only: a copy of the hosts, empty for null. */
    public IngressTls {
        hosts = Copies.list(hosts);
    }
}
