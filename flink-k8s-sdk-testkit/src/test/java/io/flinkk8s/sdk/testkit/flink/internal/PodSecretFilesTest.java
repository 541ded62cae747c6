package io.flinkk8s.sdk.testkit.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSecretFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheMountedSecretFilesAndTheOptionsTheStartScriptMerges() throws Exception {
        JsonNode pod =
                json(
                        "{'spec': {'volumes': ["
                                + "{'name': 'flink-tls', 'secret': {'secretName': 'tls',"
                                + "  'items': [{'key': 'keystore.jks', 'path': 'keystore.jks'}]}},"
                                + "{'name': 'flink-config-secrets', 'projected': {'sources': ["
                                + "  {'secret': {'name': 'pass', 'items': ["
                                + "    {'key': 'password', 'path': 'security.ssl.rest.key-password'},"
                                + "    {'key': 'password', 'path': 'security.ssl.rest.keystore-password'},"
                                + "    {'key': 'missing', 'path': 's3.secret-key'}]}}]}},"
                                + "{'name': 'unmounted', 'secret': {'secretName': 'tls'}}]}}");
        JsonNode main =
                json(
                        "{'volumeMounts': ["
                                + "{'name': 'flink-tls', 'mountPath': '/opt/flink/tls'},"
                                + "{'name': 'flink-config-secrets',"
                                + " 'mountPath': '/opt/flink/conf-secrets'}]}");
        Map<String, JsonNode> secrets =
                Map.of(
                        "tls",
                        json(
                                "{'data': {'keystore.jks': '"
                                        + b64("KS")
                                        + "', 'truststore.jks': '"
                                        + b64("TS")
                                        + "'}}"),
                        "pass",
                        json("{'stringData': {'password': 'pw\\n'}}"));

        PodSecretFiles found = PodSecretFiles.of(pod, main, secrets::get);

        assertThat(found.files()).containsOnlyKeys("/opt/flink/tls/keystore.jks");
        assertThat(
                        new String(
                                found.files().get("/opt/flink/tls/keystore.jks"),
                                StandardCharsets.UTF_8))
                .isEqualTo("KS");
        assertThat(found.options())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "security.ssl.rest.key-password", "pw",
                                "security.ssl.rest.keystore-password", "pw"));
    }
}
