package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

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
                                true));
        assertThat(SpecSerialization.fromYaml(SpecSerialization.toYaml(spec))).isEqualTo(spec);
    }

    @Test
    void anUnsetSecuritySectionIsNotWritten() {
        FlinkDeploymentSpec spec = FlinkDeploymentSpec.named("orders");

        assertThat(SpecSerialization.toYaml(spec)).doesNotContain("security");
    }
}
