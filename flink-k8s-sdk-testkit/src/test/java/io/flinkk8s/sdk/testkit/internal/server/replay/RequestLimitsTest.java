package io.flinkk8s.sdk.testkit.internal.server.replay;

import static io.flinkk8s.sdk.testkit.internal.server.replay.Manifests.CONFIGMAPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.internal.server.replay.ApiCalls.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request limits of a real API server, each refused with Kubernetes' status code, reason and
 * causes: names, label and annotation syntax and size, ConfigMap data size, request body size, a
 * body for another API version.
 */
class RequestLimitsTest {

    private InMemoryFlinkK8sCluster cluster;
    private ApiCalls api;

    @BeforeEach
    void start() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace("default")
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .start();
        api = new ApiCalls(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Answer createConfigMap(String metadata, String data) {
        return api.post(
                CONFIGMAPS,
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": "
                        + metadata
                        + (data == null ? "" : ", \"data\": " + data)
                        + "}");
    }

    private static void assertInvalid(Answer answer, String field, String reason, String text) {
        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body().path("reason").asText()).isEqualTo("Invalid");
        assertThat(answer.causes()).hasSize(1);
        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo(field);
        assertThat(answer.causes().get(0).path("reason").asText()).isEqualTo(reason);
        assertThat(answer.body().path("message").asText()).contains(text);
    }

    @Test
    void aNameLongerThanADnsSubdomainIsInvalid() {
        String name = "a".repeat(254);

        Answer answer = createConfigMap("{\"name\": \"" + name + "\"}", null);

        assertInvalid(
                answer,
                "metadata.name",
                "FieldValueInvalid",
                "ConfigMap \""
                        + name
                        + "\" is invalid: metadata.name: Invalid value: \""
                        + name
                        + "\": must be no more than 253 characters");
    }

    @Test
    void aServiceNameMustBeADns1035Label() {
        Answer answer =
                api.post(
                        "/api/v1/namespaces/default/services",
                        "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\":"
                                + " \"1-service\"}, \"spec\": {\"ports\": [{\"port\": 80}]}}");

        assertInvalid(answer, "metadata.name", "FieldValueInvalid", "a DNS-1035 label must");
    }

    @Test
    void anEventNameMustBeADnsSubdomainAsAKubeletWritesIt() {
        String event =
                "{\"apiVersion\": \"v1\", \"kind\": \"Event\", \"metadata\": {\"name\": \"%s\"},"
                        + " \"involvedObject\": {\"kind\": \"Pod\", \"name\": \"web-1\","
                        + " \"namespace\": \"default\"}, \"reason\": \"BackOff\"}";

        Answer upper =
                api.post("/api/v1/namespaces/default/events", event.formatted("web-1.BackOff"));
        Answer kubelet =
                api.post("/api/v1/namespaces/default/events", event.formatted("web-1.17e3a0c2b"));

        assertInvalid(
                upper,
                "metadata.name",
                "FieldValueInvalid",
                "Event \"web-1.BackOff\" is invalid: metadata.name: Invalid value:"
                        + " \"web-1.BackOff\": a lowercase RFC 1123 subdomain must consist of");
        assertThat(kubelet.code()).isEqualTo(201);
    }

    @Test
    void aLabelValueWithASpaceIsInvalid() {
        Answer answer =
                createConfigMap(
                        "{\"name\": \"labelled\", \"labels\": {\"app\": \"my app\"}}", null);

        assertInvalid(
                answer,
                "metadata.labels",
                "FieldValueInvalid",
                "metadata.labels: Invalid value: \"my app\": a valid label must be an empty string");
    }

    @Test
    void aLabelKeyWithALongNamePartIsInvalidAlsoOnAnUpdate() {
        assertThat(createConfigMap("{\"name\": \"labelled\"}", null).code()).isEqualTo(201);

        Answer answer =
                api.patch(
                        CONFIGMAPS + "/labelled",
                        ApiCalls.MERGE,
                        "{\"metadata\": {\"labels\": {\"example.com/"
                                + "k".repeat(64)
                                + "\": \"v\"}}}");

        assertInvalid(
                answer,
                "metadata.labels",
                "FieldValueInvalid",
                "name part must be no more than 63 characters");
    }

    @Test
    void annotationsOverTwoHundredFiftySixKibibytesAreTooLong() {
        Answer answer =
                createConfigMap(
                        "{\"name\": \"annotated\", \"annotations\": {\"big\": \""
                                + "x".repeat(256 * 1024)
                                + "\"}}",
                        null);

        assertInvalid(
                answer,
                "metadata.annotations",
                "FieldValueTooLong",
                "metadata.annotations: Too long: must have at most 262144 bytes");
    }

    @Test
    void configMapDataOverOneMebibyteIsTooLong() {
        Answer answer =
                createConfigMap(
                        "{\"name\": \"big\"}", "{\"key\": \"" + "x".repeat(1024 * 1024) + "\"}");

        assertInvalid(
                answer, "[]", "FieldValueTooLong", "[]: Too long: must have at most 1048576 bytes");
    }

    @Test
    void aRequestBodyOverThreeMebibytesIsTooLarge() {
        Answer answer =
                createConfigMap(
                        "{\"name\": \"huge\"}",
                        "{\"key\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}");

        assertThat(answer.code()).isEqualTo(413);
        assertThat(answer.body().path("reason").asText()).isEqualTo("RequestEntityTooLarge");
        assertThat(answer.body().path("message").asText())
                .isEqualTo("Request entity too large: limit is 3145728");
    }

    @Test
    void aCreateWhoseApiVersionIsNotTheEndpointsIsABadRequest() {
        Answer answer =
                api.post(
                        CONFIGMAPS,
                        "{\"apiVersion\": \"v2\", \"kind\": \"ConfigMap\", \"metadata\":"
                                + " {\"name\": \"versioned\"}}");

        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.body().path("message").asText())
                .isEqualTo(
                        "the API version in the data (v2) does not match the expected API version"
                                + " (v1)");
    }
}
