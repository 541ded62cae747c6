package io.flinkk8s.sdk.core.spec;

/**
 * A key of a Secret or ConfigMap in the deployment's namespace. The SDK renders a reference; it
 * never reads or copies the value.
 *
 * @param name the Secret or ConfigMap name
 * @param key the key within it
 */
public record KeyReference(String name, String key) {}
