package io.flinkk8s.sdk.core.render.internal;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.flinkk8s.sdk.core.spec.EnvValueSource;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;

/**
 * The Kubernetes form of the spec's environment variables: a literal value, or a {@code
 * secretKeyRef} / {@code configMapKeyRef} that names the key and never carries its value; the same
 * for both targets' pod steps. Internal: not API, may change in any release.
 */
public final class EnvVars {

    private EnvVars() {}

    /** {@code e} as a fabric8 {@link EnvVar}, built directly (fabric8's builders cost more). */
    public static EnvVar of(EnvVarSpec e) {
        EnvVar env = new EnvVar();
        env.setName(e.name());
        EnvValueSource from = e.valueFrom();
        if (from == null) {
            env.setValue(e.value());
            return env;
        }
        EnvVarSource source = new EnvVarSource();
        if (from.secretKeyRef() != null) {
            SecretKeySelector secret = new SecretKeySelector();
            secret.setName(from.secretKeyRef().name());
            secret.setKey(from.secretKeyRef().key());
            source.setSecretKeyRef(secret);
        } else {
            ConfigMapKeySelector configMap = new ConfigMapKeySelector();
            configMap.setName(from.configMapKeyRef().name());
            configMap.setKey(from.configMapKeyRef().key());
            source.setConfigMapKeyRef(configMap);
        }
        env.setValueFrom(source);
        return env;
    }
}
