package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.flinkk8s.sdk.core.spec.EnvValueSource;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;

/**
 * The Kubernetes form of the spec's environment variables: a literal value, or a {@code
 * secretKeyRef} / {@code configMapKeyRef} that names the key and never carries its value. Internal:
 * not API, may change in any release.
 */
public final class EnvVars {

    private EnvVars() {}

    /** {@code e} as a fabric8 {@link EnvVar}. */
    public static EnvVar of(EnvVarSpec e) {
        EnvVarBuilder b = new EnvVarBuilder().withName(e.name());
        EnvValueSource from = e.valueFrom();
        if (from == null) {
            return b.withValue(e.value()).build();
        }
        if (from.secretKeyRef() != null) {
            return b.withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName(from.secretKeyRef().name())
                    .withKey(from.secretKeyRef().key())
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build();
        }
        return b.withNewValueFrom()
                .withNewConfigMapKeyRef()
                .withName(from.configMapKeyRef().name())
                .withKey(from.configMapKeyRef().key())
                .endConfigMapKeyRef()
                .endValueFrom()
                .build();
    }
}
