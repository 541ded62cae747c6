/**
 * Transport security of a deployment: {@link io.flinkk8s.sdk.core.spec.security.TlsSpec}, TLS for
 * Flink's REST endpoint and its internal traffic with the keystores and their passwords taken from
 * Secrets.
 */
package io.flinkk8s.sdk.core.spec.security;
