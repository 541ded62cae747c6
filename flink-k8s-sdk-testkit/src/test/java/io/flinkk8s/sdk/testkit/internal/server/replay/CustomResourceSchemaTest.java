package io.flinkk8s.sdk.testkit.internal.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.internal.server.replay.ApiCalls.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom resources as the API server treats them with their CRD's structural schema: unknown fields
 * pruned, defaults filled in, values validated with Kubernetes' causes, the status subresource, and
 * the list types server-side apply merges by. The CRD is {@code gadgets-crd.yaml}.
 */
class CustomResourceSchemaTest {

    private static final String GADGETS = "/apis/example.com/v1/namespaces/default/gadgets";
    private static final String GADGET = GADGETS + "/g";

    private InMemoryFlinkK8sCluster cluster;
    private ApiCalls api;

    @BeforeEach
    void start() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace("default")
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .start();
        cluster.registerCustomResource(gadgetCrd());
        api = new ApiCalls(cluster.client());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static CustomResourceDefinition gadgetCrd() {
        try (InputStream in =
                CustomResourceSchemaTest.class.getResourceAsStream("/gadgets-crd.yaml")) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gadget(String spec) {
        return "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Gadget\", \"metadata\":"
                + " {\"name\": \"g\"}, \"spec\": "
                + spec
                + "}";
    }

    private Answer create(String spec) {
        return api.post(GADGETS, gadget(spec));
    }

    private static void assertInvalid(Answer answer, String field, String reason, String text) {
        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body().path("reason").asText()).isEqualTo("Invalid");
        assertThat(answer.causes())
                .extracting(c -> c.path("field").asText(), c -> c.path("reason").asText())
                .containsExactly(org.assertj.core.api.Assertions.tuple(field, reason));
        assertThat(answer.body().path("message").asText())
                .isEqualTo("Gadget.example.com \"g\" is invalid: " + field + ": " + text);
    }

    private static JsonNode spec(Answer answer) {
        return answer.body().path("spec");
    }

    @Test
    void anUnknownFieldOfACustomResourceIsPruned() {
        Answer answer = create("{\"size\": 1, \"colour\": \"red\", \"limits\": {\"gpu\": 1}}");

        assertThat(answer.code()).isEqualTo(201);
        assertThat(spec(answer).has("colour")).isFalse();
        assertThat(spec(answer).path("limits").has("gpu")).isFalse();
        assertThat(api.get(GADGET).body().path("spec").has("colour")).isFalse();
    }

    @Test
    void anUnknownTopLevelFieldIsPrunedButApiVersionKindAndMetadataStay() {
        Answer answer =
                api.post(
                        GADGETS,
                        "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Gadget\", \"metadata\":"
                                + " {\"name\": \"g\", \"labels\": {\"a\": \"b\"}}, \"spec\":"
                                + " {\"size\": 1}, \"extraTop\": 1}");

        assertThat(answer.code()).isEqualTo(201);
        assertThat(answer.body().has("extraTop")).isFalse();
        assertThat(answer.body().path("metadata").path("labels").path("a").asText()).isEqualTo("b");
    }

    @Test
    void fieldsBelowPreserveUnknownFieldsAreKept() {
        Answer answer = create("{\"size\": 1, \"extra\": {\"any\": {\"deep\": [1, \"x\"]}}}");

        assertThat(spec(answer).path("extra").path("any").path("deep").toString())
                .isEqualTo("[1,\"x\"]");
    }

    @Test
    void anEmbeddedResourceKeepsItsApiVersionKindAndMetadata() {
        Answer answer =
                create(
                        "{\"size\": 1, \"template\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
                                + " \"metadata\": {\"name\": \"p\"}, \"spec\": {\"x\": 1}}}");

        assertThat(spec(answer).path("template").path("kind").asText()).isEqualTo("Pod");
        assertThat(spec(answer).path("template").path("metadata").path("name").asText())
                .isEqualTo("p");
        assertThat(spec(answer).path("template").path("spec").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void anEmbeddedResourceWithoutAKindIsRefused() {
        Answer answer = create("{\"size\": 1, \"template\": {\"apiVersion\": \"v1\"}}");

        assertInvalid(answer, "spec.template.kind", "FieldValueRequired", "Required value");
    }

    @Test
    void aMissingFieldGetsItsDefaultFromTheSchema() {
        Answer answer = create("{\"size\": 1}");

        assertThat(spec(answer).path("mode").asText()).isEqualTo("safe");
    }

    @Test
    void aDefaultedObjectGetsTheDefaultsOfItsOwnFields() {
        Answer answer = create("{\"size\": 1}");

        assertThat(spec(answer).path("limits").path("cpu").asText()).isEqualTo("1");
    }

    @Test
    void aGivenValueIsNotReplacedByTheDefault() {
        Answer answer = create("{\"size\": 1, \"mode\": \"fast\", \"limits\": {\"cpu\": \"2\"}}");

        assertThat(spec(answer).path("mode").asText()).isEqualTo("fast");
        assertThat(spec(answer).path("limits").path("cpu").asText()).isEqualTo("2");
    }

    @Test
    void aNullInANonNullableFieldIsDroppedAndInANullableFieldKept() {
        Answer answer = create("{\"size\": 1, \"label\": null, \"note\": null}");

        assertThat(answer.code()).isEqualTo(201);
        assertThat(spec(answer).has("label")).isFalse();
        assertThat(spec(answer).path("note").isNull()).isTrue();
    }

    @Test
    void aNullInAFieldWithADefaultGetsTheDefault() {
        Answer answer = create("{\"size\": 1, \"mode\": null}");

        assertThat(spec(answer).path("mode").asText()).isEqualTo("safe");
    }

    @Test
    void aWrongTypeIsRefusedWith422NamingTheField() {
        Answer answer = create("{\"size\": \"big\"}");

        assertInvalid(
                answer,
                "spec.size",
                "FieldValueTypeInvalid",
                "Invalid value: \"string\": spec.size in body must be of type integer:"
                        + " \"string\"");
    }

    @Test
    void aWrongTypeInAnUpdateIsRefused() {
        create("{\"size\": 1}");
        JsonNode stored = api.get(GADGET).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("spec")).put("mode", 3);

        Answer answer = api.put(GADGET, stored.toString());

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo("spec.mode");
        assertThat(api.get(GADGET).body().path("spec").path("mode").asText()).isEqualTo("safe");
    }

    @Test
    void aWrongTypeInAServerSideApplyIsRefused() {
        Answer answer = api.apply(GADGET, "tester", gadget("{\"size\": true}"));

        assertInvalid(
                answer,
                "spec.size",
                "FieldValueTypeInvalid",
                "Invalid value: \"boolean\": spec.size in body must be of type integer:"
                        + " \"boolean\"");
        assertThat(api.get(GADGET).code()).isEqualTo(404);
    }

    @Test
    void aMissingRequiredFieldIsRefused() {
        Answer answer = create("{\"mode\": \"fast\"}");

        assertInvalid(answer, "spec.size", "FieldValueRequired", "Required value");
    }

    @Test
    void aValueOutsideTheEnumIsRefusedAsUnsupported() {
        Answer answer = create("{\"size\": 1, \"mode\": \"slow\"}");

        assertInvalid(
                answer,
                "spec.mode",
                "FieldValueNotSupported",
                "Unsupported value: \"slow\": supported values: \"fast\", \"safe\"");
    }

    @Test
    void aValueBelowTheMinimumIsRefused() {
        Answer answer = create("{\"size\": 0}");

        assertInvalid(
                answer,
                "spec.size",
                "FieldValueInvalid",
                "Invalid value: 0: spec.size in body should be greater than or equal to 1");
    }

    @Test
    void aValueAboveTheMaximumIsRefused() {
        Answer answer = create("{\"size\": 11}");

        assertInvalid(
                answer,
                "spec.size",
                "FieldValueInvalid",
                "Invalid value: 11: spec.size in body should be less than or equal to 10");
    }

    @Test
    void aStringNotMatchingThePatternIsRefused() {
        Answer answer = create("{\"size\": 1, \"name\": \"Abc\"}");

        assertInvalid(
                answer,
                "spec.name",
                "FieldValueInvalid",
                "Invalid value: \"Abc\": spec.name in body should match '^[a-z]+$'");
    }

    @Test
    void aStringLongerThanMaxLengthIsRefused() {
        Answer answer = create("{\"size\": 1, \"name\": \"abcdefghi\"}");

        assertInvalid(
                answer, "spec.name", "FieldValueTooLong", "Too long: may not be more than 8 bytes");
    }

    @Test
    void aMalformedDateTimeIsRefused() {
        Answer answer = create("{\"size\": 1, \"since\": \"yesterday\"}");

        assertInvalid(
                answer,
                "spec.since",
                "FieldValueTypeInvalid",
                "Invalid value: \"yesterday\": spec.since in body must be of type date-time:"
                        + " \"yesterday\"");
    }

    @Test
    void anRfc3339DateTimeIsAccepted() {
        assertThat(create("{\"size\": 1, \"since\": \"2026-01-02T03:04:05.123Z\"}").code())
                .isEqualTo(201);
    }

    @Test
    void anInt32FormatIsNotRangeChecked() {
        Answer answer = create("{\"size\": 1, \"count\": 9999999999}");

        assertThat(answer.code()).isEqualTo(201);
        assertThat(spec(answer).path("count").asLong()).isEqualTo(9999999999L);
    }

    @Test
    void anIntOrStringTakesAnIntegerOrAString() {
        assertThat(create("{\"size\": 1, \"port\": 8081}").code()).isEqualTo(201);
        api.send("DELETE", GADGET, null, null);
        assertThat(create("{\"size\": 1, \"port\": \"rest\"}").code()).isEqualTo(201);
    }

    @Test
    void anIntOrStringRefusesABoolean() {
        Answer answer = create("{\"size\": 1, \"port\": true}");

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo("spec.port");
    }

    @Test
    void mapValuesAreValidatedAgainstAdditionalProperties() {
        Answer answer = create("{\"size\": 1, \"annotations\": {\"a\": 1, \"b\": \"two\"}}");

        assertInvalid(
                answer,
                "spec.annotations.b",
                "FieldValueTypeInvalid",
                "Invalid value: \"string\": spec.annotations.b in body must be of type integer:"
                        + " \"string\"");
    }

    @Test
    void anItemOfAListIsNamedWithItsIndex() {
        Answer answer = create("{\"size\": 1, \"ports\": [{\"number\": 1}, {\"number\": \"x\"}]}");

        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo("spec.ports[1].number");
    }

    @Test
    void aDuplicatedSetItemIsRefused() {
        Answer answer = create("{\"size\": 1, \"tags\": [\"a\", \"b\", \"a\"]}");

        assertInvalid(answer, "spec.tags[2]", "FieldValueDuplicate", "Duplicate value: \"a\"");
    }

    @Test
    void aDuplicatedMapListKeyIsRefused() {
        Answer answer = create("{\"size\": 1, \"ports\": [{\"number\": 1}, {\"number\": 1}]}");

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.causes().get(0).path("reason").asText()).isEqualTo("FieldValueDuplicate");
        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo("spec.ports[1]");
    }

    @Test
    void everyViolationIsACause() {
        Answer answer = create("{\"size\": 0, \"mode\": \"slow\"}");

        assertThat(answer.causes())
                .extracting(c -> c.path("field").asText())
                .containsExactlyInAnyOrder("spec.size", "spec.mode");
    }

    @Test
    void theStatusACreateCarriesIsIgnored() {
        Answer answer =
                api.post(
                        GADGETS,
                        "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Gadget\", \"metadata\":"
                                + " {\"name\": \"g\"}, \"spec\": {\"size\": 1}, \"status\":"
                                + " {\"ready\": \"no\"}}");

        assertThat(answer.code()).isEqualTo(201);
        assertThat(answer.body().has("status")).isFalse();
    }

    @Test
    void aStatusWriteIsValidatedAgainstTheSchema() {
        create("{\"size\": 1}");
        JsonNode stored = api.get(GADGET).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored)
                .putObject("status")
                .put("ready", "yes");

        Answer answer = api.put(GADGET + "/status", stored.toString());

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo("status.ready");
    }

    @Test
    void anUnknownStatusFieldIsPruned() {
        create("{\"size\": 1}");
        JsonNode stored = api.get(GADGET).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored)
                .putObject("status")
                .put("ready", true)
                .put("phase", "Up");

        Answer answer = api.put(GADGET + "/status", stored.toString());

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.body().path("status").path("ready").asBoolean()).isTrue();
        assertThat(answer.body().path("status").has("phase")).isFalse();
    }

    @Test
    void aStatusWriteDoesNotChangeTheSpec() {
        create("{\"size\": 1}");
        JsonNode stored = api.get(GADGET).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("spec")).put("size", 5);
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored)
                .putObject("status")
                .put("ready", true);

        api.put(GADGET + "/status", stored.toString());

        assertThat(api.get(GADGET).body().path("spec").path("size").asInt()).isEqualTo(1);
    }

    @Test
    void aPrunedFieldOfAnApplyIsNotOwnedByTheApplier() {
        Answer answer = api.apply(GADGET, "tester", gadget("{\"size\": 1, \"colour\": \"red\"}"));

        assertThat(answer.code()).isEqualTo(201);
        assertThat(answer.managedFields().get(0).path("fieldsV1").path("f:spec").has("f:colour"))
                .isFalse();
    }

    @Test
    void aMapListMergesItemsOfTwoAppliersByItsKeys() {
        api.apply(
                GADGET,
                "a",
                gadget("{\"size\": 1, \"ports\": [{\"number\": 1, \"name\": \"x\"}]}"));

        Answer answer =
                api.apply(GADGET, "b", gadget("{\"size\": 1, \"ports\": [{\"number\": 2}]}"));

        assertThat(answer.code()).isEqualTo(200);
        assertThat(spec(answer).path("ports").toString())
                .isEqualTo("[{\"number\":1,\"name\":\"x\"},{\"number\":2}]");
    }

    @Test
    void aMapListItemIsOwnedFieldByField() {
        api.apply(
                GADGET,
                "a",
                gadget("{\"size\": 1, \"ports\": [{\"number\": 1, \"name\": \"x\"}]}"));

        Answer answer =
                api.apply(
                        GADGET,
                        "b",
                        gadget("{\"size\": 1, \"ports\": [{\"number\": 1, \"weight\": 5}]}"));

        assertThat(spec(answer).path("ports").toString())
                .isEqualTo("[{\"number\":1,\"name\":\"x\",\"weight\":5}]");
        assertThat(
                        answer.managedFields()
                                .get(1)
                                .path("fieldsV1")
                                .path("f:spec")
                                .path("f:ports")
                                .has("k:{\"number\":1}"))
                .isTrue();
    }

    @Test
    void aSetListKeepsTheValuesOfEveryApplier() {
        api.apply(GADGET, "a", gadget("{\"size\": 1, \"tags\": [\"x\"]}"));

        Answer answer = api.apply(GADGET, "b", gadget("{\"size\": 1, \"tags\": [\"y\"]}"));

        assertThat(spec(answer).path("tags").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(
                        answer.managedFields()
                                .get(1)
                                .path("fieldsV1")
                                .path("f:spec")
                                .path("f:tags")
                                .has("v:\"y\""))
                .isTrue();
    }

    @Test
    void aSetValueAnApplierDropsIsRemovedUnlessAnotherOwnsIt() {
        api.apply(GADGET, "a", gadget("{\"size\": 1, \"tags\": [\"x\", \"z\"]}"));
        api.apply(GADGET, "b", gadget("{\"size\": 1, \"tags\": [\"z\"]}"));

        Answer answer = api.apply(GADGET, "a", gadget("{\"size\": 1}"));

        assertThat(spec(answer).path("tags").toString()).isEqualTo("[\"z\"]");
    }

    @Test
    void anAtomicListIsReplacedWholeAndConflictsAsOneField() {
        api.apply(
                GADGET,
                "a",
                gadget("{\"size\": 1, \"containers\": [{\"name\": \"c\", \"image\": \"i:1\"}]}"));

        Answer answer =
                api.apply(
                        GADGET,
                        "b",
                        gadget(
                                "{\"size\": 1, \"containers\": [{\"name\": \"d\", \"image\": \"i:2\"}]}"));

        assertThat(answer.code()).isEqualTo(409);
        assertThat(answer.causes().get(0).path("field").asText()).isEqualTo(".spec.containers");
    }

    @Test
    void aListWithoutAListTypeInACustomResourceIsAtomic() {
        api.apply(
                GADGET, "a", gadget("{\"size\": 1, \"extra\": {\"items\": [{\"name\": \"p\"}]}}"));

        Answer answer =
                api.forceApply(
                        GADGET,
                        "b",
                        gadget("{\"size\": 1, \"extra\": {\"items\": [{\"name\": \"q\"}]}}"));

        assertThat(spec(answer).path("extra").path("items").toString())
                .isEqualTo("[{\"name\":\"q\"}]");
    }
}
