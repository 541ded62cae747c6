/**
 * How a deployment is reached from outside the cluster: its {@link
 * io.flinkk8s.sdk.core.spec.networking.IngressSpec}.
 */
package io.flinkk8s.sdk.core.spec.networking;
