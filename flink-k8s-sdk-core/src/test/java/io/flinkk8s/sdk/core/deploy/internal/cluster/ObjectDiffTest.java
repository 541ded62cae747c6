package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import org.junit.jupiter.api.Test;

class ObjectDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsTheServerAddedDoNotCountAsChanges() throws Exception {
        JsonNode desired =
                json(
                        "{'kind':'Service','metadata':{'name':'a','labels':{'x':'1'}},"
                                + "'spec':{'ports':[{'port':8081,'name':'rest'}]}}");
        JsonNode live =
                json(
                        "{'kind':'Service','metadata':{'name':'a','uid':'u',"
                                + "'labels':{'x':'1'},'resourceVersion':'7'},"
                                + "'spec':{'clusterIP':'10.0.0.1','ports':[{'port':8081,"
                                + "'name':'rest','protocol':'TCP'}]},'status':{}}");

        assertThat(ObjectDiff.between(desired, live, "sdk")).isEmpty();
    }

    @Test
    void changedValuesAreReportedWithTheirPath() throws Exception {
        JsonNode desired =
                json(
                        "{'spec':{'replicas':4,'template':{'spec':{'containers':"
                                + "[{'name':'main','image':'orders:2'}]}}}}");
        JsonNode live =
                json(
                        "{'spec':{'replicas':3,'template':{'spec':{'containers':"
                                + "[{'name':'main','image':'orders:1'}]}}}}");

        assertThat(ObjectDiff.between(desired, live, "sdk"))
                .containsExactly(
                        new FieldChange("spec.replicas", "3", "4"),
                        new FieldChange(
                                "spec.template.spec.containers[0].image", "orders:1", "orders:2"));
    }

    @Test
    void labelKeysWithDotsAreQuoted() throws Exception {
        JsonNode desired = json("{'metadata':{'labels':{'app.kubernetes.io/version':'2.1'}}}");
        JsonNode live = json("{'metadata':{'labels':{'app.kubernetes.io/version':'2.0'}}}");

        assertThat(ObjectDiff.between(desired, live, "sdk"))
                .containsExactly(
                        new FieldChange(
                                "metadata.labels['app.kubernetes.io/version']", "2.0", "2.1"));
    }

    @Test
    void aFieldThisManagerAppliedBeforeAndNoLongerSetsIsRemoved() throws Exception {
        JsonNode desired = json("{'metadata':{'name':'a'},'data':{'keep':'1'}}");
        JsonNode live =
                json(
                        "{'metadata':{'name':'a','managedFields':[{'manager':'sdk',"
                                + "'operation':'Apply',"
                                + "'fieldsV1':{'f:data':{'f:keep':{},'f:drop':{}}}},"
                                + "{'manager':'kubectl','operation':'Update',"
                                + "'fieldsV1':{'f:data':{'f:other':{}}}}"
                                + "]},'data':{'keep':'1','drop':'2','other':'3'}}");

        assertThat(ObjectDiff.between(desired, live, "sdk"))
                .containsExactly(new FieldChange("data.drop", "2", null));
    }

    @Test
    void aKeyedListItemThisManagerNoLongerAppliesIsRemoved() throws Exception {
        JsonNode desired = json("{'spec':{'containers':[{'name':'main','image':'i'}]}}");
        JsonNode live =
                json(
                        "{'metadata':{'managedFields':[{'manager':'sdk','operation':'Apply',"
                                + "'fieldsV1':{'f:spec':{'f:containers':{"
                                + "'k:{\\\"name\\\":\\\"main\\\"}':{'.':{},'f:image':{}},"
                                + "'k:{\\\"name\\\":\\\"sidecar\\\"}':{'.':{},'f:image':{}}"
                                + "}}}}]},'spec':{'containers':[{'name':'main','image':'i'},"
                                + "{'name':'sidecar','image':'s'}]}}");

        assertThat(ObjectDiff.between(desired, live, "sdk"))
                .containsExactly(
                        new FieldChange(
                                "spec.containers",
                                "[{\"name\":\"main\",\"image\":\"i\"},"
                                        + "{\"name\":\"sidecar\",\"image\":\"s\"}]",
                                "[{\"name\":\"main\",\"image\":\"i\"}]"),
                        new FieldChange(
                                "spec.containers[name=sidecar]",
                                "{\"name\":\"sidecar\",\"image\":\"s\"}",
                                null));
    }

    @Test
    void fieldsOwnedByAnotherManagerAreNeverReportedAsRemoved() throws Exception {
        JsonNode desired = json("{'spec':{'replicas':3}}");
        JsonNode live =
                json(
                        "{'metadata':{'managedFields':[{'manager':'hpa','operation':'Update',"
                                + "'fieldsV1':{'f:spec':{'f:paused':{}}}}]},"
                                + "'spec':{'replicas':3,'paused':false}}");

        assertThat(ObjectDiff.between(desired, live, "sdk")).isEmpty();
    }

    @Test
    void numbersCompareByValue() throws Exception {
        assertThat(ObjectDiff.sameValue(json("1"), json("1.0"))).isTrue();
        assertThat(ObjectDiff.sameValue(json("'1'"), json("1"))).isFalse();
    }

    private static JsonNode json(String relaxed) throws Exception {
        return JSON.readTree(relaxed.replace('\'', '"'));
    }
}
