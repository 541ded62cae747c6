package io.flinkk8s.sdk.core.spec;

/**
 * Where an environment variable's value comes from, as Kubernetes' {@code valueFrom}: exactly one
 * of the two is set.
 *
 * @param secretKeyRef may be null
 * @param configMapKeyRef may be null
 */
public record EnvValueSource(KeyReference secretKeyRef, KeyReference configMapKeyRef) {

    /** The value of {@code key} in Secret {@code name}. */
    public static EnvValueSource secret(String name, String key) {
        return new EnvValueSource(new KeyReference(name, key), null);
    }

    /** The value of {@code key} in ConfigMap {@code name}. */
    public static EnvValueSource configMap(String name, String key) {
        return new EnvValueSource(null, new KeyReference(name, key));
    }
}
