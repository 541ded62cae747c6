package io.flinkk8s.sdk.core.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.error.FlinkJobException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class RestTlsTest {

    private static final String SECRET = "s3cr3t-marker";

    @Test
    void setsFlinksRestClientOptionsForTheTruststoreAndTheClientKeystore() {
        Configuration configuration = new Configuration();

        RestTls.truststore(Path.of("/tls/truststore.jks"), SECRET)
                .withKeystore(Path.of("/tls/client.p12"), SECRET, "key-pass")
                .withStoreType("PKCS12")
                .configure(configuration);

        assertThat(configuration.toMap())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "security.ssl.rest.enabled", "true",
                                "security.ssl.rest.truststore", "/tls/truststore.jks",
                                "security.ssl.rest.truststore-password", SECRET,
                                "security.ssl.rest.authentication-enabled", "true",
                                "security.ssl.rest.keystore", "/tls/client.p12",
                                "security.ssl.rest.keystore-password", SECRET,
                                "security.ssl.rest.key-password", "key-pass",
                                "security.ssl.rest.truststore-type", "PKCS12",
                                "security.ssl.rest.keystore-type", "PKCS12"));
    }

    @Test
    void itsTextNamesTheFilesButNoPassword() {
        RestTls tls =
                RestTls.truststore(Path.of("/tls/truststore.jks"), SECRET)
                        .withKeystore(Path.of("/tls/keystore.jks"), SECRET);

        assertThat(tls.toString())
                .isEqualTo("RestTls[truststore=/tls/truststore.jks, keystore=/tls/keystore.jks]")
                .doesNotContain(SECRET);
    }

    @Test
    void aClientWithoutTlsRefusesAnHttpsAddressSayingWhichOptionToSet() {
        assertThatThrownBy(
                        () ->
                                FlinkJobClient.connect(
                                        URI.create("https://orders-rest:8081"),
                                        Duration.ofSeconds(1)))
                .isInstanceOf(FlinkJobException.class)
                .hasMessage(
                        "The JobManager at https://orders-rest:8081 serves HTTPS"
                                + " (security.tls.rest) and this client has no TLS settings: set"
                                + " DeployOptions.restTls(RestTls.truststore(...)) (with"
                                + " FlinkJobClient: connect(address, timeout, RestTls))");
    }

    @Test
    void aTruststoreThatCannotBeReadFailsTheClientNamingTheFileNotThePassword() {
        RestTls tls = RestTls.truststore(Path.of("/no/such/truststore.jks"), SECRET);

        assertThatThrownBy(
                        () ->
                                FlinkJobClient.connect(
                                        URI.create("https://orders-rest:8081"),
                                        Duration.ofSeconds(1),
                                        tls))
                .isInstanceOf(FlinkJobException.class)
                .hasMessageContaining("/no/such/truststore.jks")
                .hasMessageNotContaining(SECRET);
    }
}
