/**
 * The render steps of {@code security}'s secrets and hardening for both targets: a writable copy of
 * Flink's configuration with the secret configuration merged in at container start and the writable
 * volumes of a read-only root filesystem ({@link
 * io.flinkk8s.sdk.core.render.step.security.ContainerFilesystemStep}, {@link
 * io.flinkk8s.sdk.core.render.step.security.OperatorContainerFilesystemStep}), and image pull
 * Secrets ({@link io.flinkk8s.sdk.core.render.step.security.ImagePullSecretsStep}); TLS on the
 * standalone target ({@link io.flinkk8s.sdk.core.render.step.security.TlsConfigStep}; the stores
 * are mounted by {@code ContainerFilesystemStep}, which also merges the passwords, and the REST
 * probes are made HTTPS by {@code ProbesStep}).
 */
package io.flinkk8s.sdk.core.render.step.security;
