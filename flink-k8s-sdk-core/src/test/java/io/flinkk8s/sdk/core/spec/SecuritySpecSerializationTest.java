package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecuritySpecSerializationTest {

    private static final String YAML =
            """
            name: orders
            job:
              jarURI: local:///opt/flink/usrlib/orders.jar
            security:
              secretConfiguration:
                s3.secret-key:
                  name: s3-credentials
                  key: secret-key
              imagePullSecrets:
              - registry-credentials
              readOnlyRootFilesystem: true
            """;

    @Test
    void readsSecretConfigurationPullSecretsAndReadOnlyRootFromYamlAndWritesThemBack() {
        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(YAML);

        assertThat(spec.security())
                .isEqualTo(
                        new SecuritySpec(
                                null,
                                null,
                                null,
                                null,
                                Map.of(
                                        "s3.secret-key",
                                        new KeyReference("s3-credentials", "secret-key")),
                                List.of("registry-credentials"),
                                true,
                                null));
        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
    }

    @Test
    void anUnsetSecuritySectionIsNotWritten() {
        FlinkDeploymentSpec spec = FlinkDeploymentSpec.named("orders");

        assertThat(SpecSerialization.toYaml(spec)).doesNotContain("security");
    }

    @Test
    void readsTlsFromYamlAndWritesItBackWithoutDefaults() {
        String yaml =
                """
                name: orders
                job:
                  jarURI: local:///opt/flink/usrlib/orders.jar
                security:
                  tls:
                    rest: true
                    restMutualAuth: true
                    secretName: orders-tls
                    passwordSecret: orders-tls-password
                    keystorePasswordKey: password
                """;

        FlinkDeploymentSpec spec = SpecSerialization.fromYaml(yaml);

        assertThat(spec.security().tls())
                .isEqualTo(
                        new TlsSpec(
                                true,
                                null,
                                true,
                                "orders-tls",
                                null,
                                null,
                                null,
                                "orders-tls-password",
                                "password",
                                null,
                                null));
        assertThat(SpecSerialization.toYaml(spec))
                .contains("tls:")
                .doesNotContain("keystoreKey")
                .doesNotContain("internal");
        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
    }

    @Test
    void tlsIsOffByDefaultAndItsDefaultsFillTheStoresAndPasswordKeys() {
        assertThat(SpecDefaults.apply(FlinkDeploymentSpec.named("orders")).security().tls())
                .isNull();

        TlsSpec effective =
                SpecDefaults.apply(
                                FlinkDeploymentSpec.named("orders")
                                        .edit()
                                        .security(
                                                SecuritySpec.unset()
                                                        .withTls(
                                                                TlsSpec.rest(
                                                                        "orders-tls", "password")))
                                        .build())
                        .security()
                        .tls();

        assertThat(effective)
                .isEqualTo(
                        new TlsSpec(
                                true,
                                false,
                                false,
                                "orders-tls",
                                "keystore.jks",
                                "truststore.jks",
                                null,
                                "orders-tls",
                                "password",
                                "password",
                                "password"));
    }
}
