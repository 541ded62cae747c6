package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.EnvValueSource;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvRulesTest {

    private static final String SUBDOMAIN_RULE =
            "must be a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.', starting and"
                    + " ending with an alphanumeric) of at most 253 characters";

    private static FlinkDeploymentSpec withEnv(EnvVarSpec... env) {
        return Specs.statefulHa().edit().env(Arrays.asList(env)).build();
    }

    @Test
    void acceptsLiteralsSecretReferencesAndConfigMapReferences() {
        FlinkDeploymentSpec spec =
                withEnv(
                        EnvVarSpec.literal("REGION", "eu-west-1"),
                        EnvVarSpec.literal("EMPTY", ""),
                        EnvVarSpec.fromSecret("KAFKA_PASSWORD", "kafka-credentials", "password"),
                        EnvVarSpec.fromConfigMap("LOG_LEVEL", "flink.settings", "log_level.v1"));

        assertThat(Violations.of(spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"_X", "a.b-c", "JAVA_TOOL_OPTIONS", "-dash", "x1"})
    void acceptsKubernetesEnvVarNames(String name) {
        assertThat(Violations.of(withEnv(EnvVarSpec.literal(name, "v")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1A", "A B", "", "A=B", "ÄPFEL"})
    void rejectsNamesKubernetesRefuses(String name) {
        assertThat(Violations.of(withEnv(EnvVarSpec.literal(name, "v"))))
                .containsExactly(
                        "env[0].name: must match [-._a-zA-Z][-._a-zA-Z0-9]*, was '" + name + "'");
    }

    @Test
    void requiresAName() {
        assertThat(Violations.of(withEnv(EnvVarSpec.literal(null, "v"))))
                .containsExactly("env[0].name: must be set");
    }

    @Test
    void rejectsThePodIpVariableTheSdkSets() {
        assertThat(Violations.of(withEnv(EnvVarSpec.literal("POD_IP", "10.0.0.1"))))
                .containsExactly(
                        "env[0].name: is reserved: the SDK sets it to the pod's IP, was 'POD_IP'");
    }

    @Test
    void rejectsDuplicateNamesAtTheLaterItemNamingTheFirst() {
        FlinkDeploymentSpec spec =
                withEnv(
                        EnvVarSpec.literal("A", "1"),
                        EnvVarSpec.literal("B", "2"),
                        EnvVarSpec.fromSecret("A", "s", "k"));

        assertThat(Violations.of(spec))
                .containsExactly("env[2].name: must be unique, env[0] has the same name, was 'A'");
    }

    @Test
    void requiresExactlyOneOfValueAndValueFromWithoutShowingTheValue() {
        FlinkDeploymentSpec spec =
                withEnv(
                        new EnvVarSpec("BOTH", "s3cr3t", EnvValueSource.secret("s", "k")),
                        new EnvVarSpec("NEITHER", null, null));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "env[0]: must set exactly one of value and valueFrom, both are set",
                        "env[1]: must set exactly one of value and valueFrom, neither is set")
                .noneMatch(v -> v.contains("s3cr3t"));
    }

    @Test
    void requiresExactlyOneOfSecretKeyRefAndConfigMapKeyRef() {
        KeyReference ref = new KeyReference("settings", "key");
        FlinkDeploymentSpec spec =
                withEnv(
                        new EnvVarSpec("BOTH", null, new EnvValueSource(ref, ref)),
                        new EnvVarSpec("NEITHER", null, new EnvValueSource(null, null)));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "env[0].valueFrom: must set exactly one of secretKeyRef and"
                                + " configMapKeyRef, both are set",
                        "env[1].valueFrom: must set exactly one of secretKeyRef and"
                                + " configMapKeyRef, neither is set");
    }

    @Test
    void rejectsReferencesWithInvalidNamesAndKeys() {
        FlinkDeploymentSpec spec =
                withEnv(
                        EnvVarSpec.fromSecret("A", "Kafka_Credentials", "pass word"),
                        EnvVarSpec.fromConfigMap("B", null, null));

        assertThat(Violations.of(spec))
                .containsExactly(
                        "env[0].valueFrom.secretKeyRef.name: "
                                + SUBDOMAIN_RULE
                                + ", was 'Kafka_Credentials'",
                        "env[0].valueFrom.secretKeyRef.key: must match [-._a-zA-Z0-9]+ and be at"
                                + " most 253 characters, was 'pass word'",
                        "env[1].valueFrom.configMapKeyRef.name: must be set",
                        "env[1].valueFrom.configMapKeyRef.key: must be set");
    }

    @Test
    void rejectsANullItem() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .env(Arrays.asList(EnvVarSpec.literal("A", "1"), null))
                        .build();

        assertThat(Violations.of(spec)).containsExactly("env[1]: must not be null");
    }

    @Test
    void acceptsNoEnv() {
        assertThat(Violations.of(Specs.statefulHa().edit().env(List.of()).build())).isEmpty();
    }
}
