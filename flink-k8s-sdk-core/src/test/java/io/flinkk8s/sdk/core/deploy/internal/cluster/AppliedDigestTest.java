package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * The digest of the fields the SDK applies ({@link AppliedDigest}): the canonical JSON it hashes
 * (sorted keys, numbers by value, strings escaped as Jackson writes them, null fields left out),
 * what of a rendered object it leaves out (identity, status, server-set metadata), and that the
 * live side, projected through the manager's field set, agrees with the rendered side exactly when
 * the values do.
 */
class AppliedDigestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRenderedDigestIsTheSha256OfTheCanonicalJsonWithoutIdentityStatusAndServerMetadata()
            throws Exception {
        JsonNode rendered =
                tree(
                        """
                        {"apiVersion": "v1", "kind": "ConfigMap",
                         "metadata": {"name": "orders-config", "namespace": "streaming",
                                      "resourceVersion": "7", "labels": {"b": "2", "a": "1"}},
                         "data": {"config.yaml": "a: \\"x\\"\\n"},
                         "status": {"phase": "whatever"}}
                        """);

        assertThat(AppliedDigest.ofRendered(rendered))
                .isEqualTo(
                        sha256Prefix(
                                "{\"data\":{\"config.yaml\":\"a: \\\"x\\\"\\n\"},"
                                        + "\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}"));
    }

    @Test
    void keyOrderAndTheFormOfANumberDoNotChangeTheDigest() throws Exception {
        long a = AppliedDigest.ofRendered(tree("{\"spec\": {\"replicas\": 2, \"ratio\": 0.50}}"));
        long b = AppliedDigest.ofRendered(tree("{\"spec\": {\"ratio\": 0.5, \"replicas\": 2.0}}"));

        assertThat(a).isEqualTo(b);
    }

    @Test
    void aValueOfAnotherTypeOrAnotherStringGivesAnotherDigest() throws Exception {
        long number = AppliedDigest.ofRendered(tree("{\"spec\": {\"port\": 8081}}"));
        long text = AppliedDigest.ofRendered(tree("{\"spec\": {\"port\": \"8081\"}}"));
        long other = AppliedDigest.ofRendered(tree("{\"spec\": {\"port\": 8082}}"));
        // a key holding what looks like JSON cannot pass for two keys
        long oneKey = AppliedDigest.ofRendered(tree("{\"spec\": {\"a\\\":1,\\\"b\": 1}}"));
        long twoKeys = AppliedDigest.ofRendered(tree("{\"spec\": {\"a\": 1, \"b\": 1}}"));

        assertThat(number).isNotEqualTo(text).isNotEqualTo(other);
        assertThat(oneKey).isNotEqualTo(twoKeys);
    }

    @Test
    void stringsAreEscapedAsJacksonWritesThem() throws Exception {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 é ✓";
        ObjectNode node = JSON.createObjectNode().put(awkward, awkward);

        assertThat(AppliedDigest.canonical(node))
                .isEqualTo(
                        "{"
                                + JSON.writeValueAsString(awkward)
                                + ":"
                                + JSON.writeValueAsString(awkward)
                                + "}");
    }

    @Test
    void nullFieldsAreLeftOutAndMetadataOfServerFieldsOnlyCountsAsNone() throws Exception {
        long plain = AppliedDigest.ofRendered(tree("{\"data\": {\"a\": \"1\"}}"));
        long withNulls =
                AppliedDigest.ofRendered(
                        tree(
                                """
                                {"data": {"a": "1", "b": null}, "immutable": null,
                                 "metadata": {"name": "x", "uid": "u", "generation": 3}}
                                """));

        assertThat(withNulls).isEqualTo(plain);
    }

    @Test
    void theLiveDigestAgreesWithTheRenderedOneExactlyWhenTheAppliedValuesDo() throws Exception {
        JsonNode rendered =
                tree(
                        """
                        {"apiVersion": "v1", "kind": "ConfigMap",
                         "metadata": {"name": "c", "namespace": "ns", "labels": {"app": "orders"}},
                         "data": {"k": "v"}}
                        """);
        String fields =
                """
                {"f:data": {".": {}, "f:k": {}},
                 "f:metadata": {"f:labels": {".": {}, "f:app": {}}}}
                """;

        JsonNode same = live("v", "orders", fields);
        JsonNode drifted = live("changed by hand", "orders", fields);

        assertThat(AppliedDigest.ofLive(same, "flink-k8s-sdk"))
                .hasValue(AppliedDigest.ofRendered(rendered));
        assertThat(AppliedDigest.ofLive(drifted, "flink-k8s-sdk").getAsLong())
                .isNotEqualTo(AppliedDigest.ofRendered(rendered));
        assertThat(AppliedDigest.ofLive(same, "someone-else")).isEmpty();
    }

    /** A stored ConfigMap the manager applied {@code fields} to, with server-set fields. */
    private static JsonNode live(String value, String app, String fields) throws Exception {
        return tree(
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "c", "namespace": "ns", "uid": "1", "resourceVersion": "9",
                   "labels": {"app": "%s", "added-by-someone": "x"},
                   "managedFields": [{"manager": "flink-k8s-sdk", "operation": "Apply",
                                      "fieldsType": "FieldsV1", "fieldsV1": %s}]},
                 "data": {"k": "%s"}}
                """
                        .formatted(app, fields, value));
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static long sha256Prefix(String canonical) throws Exception {
        byte[] d =
                MessageDigest.getInstance("SHA-256")
                        .digest(canonical.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }
}
