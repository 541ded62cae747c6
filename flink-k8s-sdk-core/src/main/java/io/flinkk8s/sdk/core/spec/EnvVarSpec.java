package io.flinkk8s.sdk.core.spec;

/**
 * An environment variable for the JobManager and TaskManager containers, shaped as Kubernetes'
 * {@code EnvVar}: a literal {@code value} or a {@code valueFrom} reference, not both. Secret values
 * are referenced, never copied.
 *
 * @param name the variable name
 * @param value may be null when {@code valueFrom} is set
 * @param valueFrom may be null when {@code value} is set
 */
public record EnvVarSpec(String name, String value, EnvValueSource valueFrom) {

    /** {@code name=value}. */
    public static EnvVarSpec literal(String name, String value) {
        return new EnvVarSpec(name, value, null);
    }

    /** {@code name} from {@code key} of Secret {@code secret}. */
    public static EnvVarSpec fromSecret(String name, String secret, String key) {
        return new EnvVarSpec(name, null, EnvValueSource.secret(secret, key));
    }

    /** {@code name} from {@code key} of ConfigMap {@code configMap}. */
    public static EnvVarSpec fromConfigMap(String name, String configMap, String key) {
        return new EnvVarSpec(name, null, EnvValueSource.configMap(configMap, key));
    }
}
