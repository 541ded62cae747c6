/**
 * How a deployment is reached and isolated on the network: its {@link
 * io.flinkk8s.sdk.core.spec.networking.IngressSpec}, and the {@link
 * io.flinkk8s.sdk.core.spec.networking.NetworkingSpec} with the REST Service's type and a
 * NetworkPolicy.
 */
package io.flinkk8s.sdk.core.spec.networking;
