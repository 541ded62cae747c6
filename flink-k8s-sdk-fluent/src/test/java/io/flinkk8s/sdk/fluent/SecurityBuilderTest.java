package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityBuilderTest {

    @Test
    void takesFlinkOptionsFromSecretsAddsPullSecretsAndMakesTheRootReadOnly() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"))
                        .security(
                                s ->
                                        s.secretConfiguration(
                                                        "s3.secret-key", "s3-credentials", "secret")
                                                .imagePullSecrets("registry-credentials")
                                                .readOnlyRootFilesystem())
                        .buildUnvalidated();

        assertThat(spec.security())
                .isEqualTo(
                        new SecuritySpec(
                                null,
                                null,
                                null,
                                null,
                                Map.of(
                                        "s3.secret-key",
                                        new KeyReference("s3-credentials", "secret")),
                                List.of("registry-credentials"),
                                true,
                                null));
    }

    @Test
    void keepsTheSecretsOfASpecItStartsFrom() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"))
                        .security(s -> s.secretConfiguration("s3.secret-key", "s3", "secret"))
                        .build();

        FlinkDeploymentSpec copy = FlinkK8s.from(spec).security(s -> s.runAsUser(1000)).build();

        assertThat(copy.security().secretConfiguration())
                .isEqualTo(spec.security().secretConfiguration());
        assertThat(copy.security().runAsUser()).isEqualTo(1000L);
    }

    @Test
    void refusesASecretWrittenIntoTheFlinkConfiguration() {
        assertThatThrownBy(
                        () ->
                                FlinkK8s.application("orders")
                                        .job(job -> job.jarURI("local:///opt/flink/usrlib/o.jar"))
                                        .config("s3.secret-key", "hunter2")
                                        .build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("flinkConfiguration['s3.secret-key']: holds a secret")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void buildsTlsFromSecretsAndKeepsItWhenStartingFromASpec() {
        FlinkDeploymentSpec spec =
                FlinkK8s.application("orders")
                        .job(job -> job.jarURI("local:///opt/flink/usrlib/orders.jar"))
                        .security(
                                s ->
                                        s.tls(
                                                t ->
                                                        t.restWithMutualAuth()
                                                                .internal()
                                                                .secret("orders-tls")
                                                                .pkcs12()
                                                                .passwords(
                                                                        "orders-tls-password",
                                                                        "password")))
                        .buildUnvalidated();

        assertThat(spec.security().tls())
                .isEqualTo(
                        new TlsSpec(
                                true,
                                true,
                                true,
                                "orders-tls",
                                null,
                                null,
                                "PKCS12",
                                "orders-tls-password",
                                "password",
                                null,
                                null));
        FlinkDeploymentSpec copy =
                FlinkK8s.from(spec)
                        .security(s -> s.tls(t -> t.passwordKeys("ks", "key", "ts")))
                        .build();
        assertThat(copy.security().tls().secretName()).isEqualTo("orders-tls");
        assertThat(copy.security().tls().truststorePasswordKey()).isEqualTo("ts");
        assertThat(
                        FlinkK8s.from(spec)
                                .security(s -> s.tls((TlsSpec) null))
                                .build()
                                .security()
                                .tls())
                .isNull();
    }

    @Test
    void refusesTlsWithoutTheKeystoresPasswordKey() {
        assertThatThrownBy(
                        () ->
                                FlinkK8s.application("orders")
                                        .job(job -> job.jarURI("local:///opt/flink/usrlib/o.jar"))
                                        .security(s -> s.tls(t -> t.rest().secret("orders-tls")))
                                        .build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("security.tls.keystorePasswordKey: must be set");
    }
}
