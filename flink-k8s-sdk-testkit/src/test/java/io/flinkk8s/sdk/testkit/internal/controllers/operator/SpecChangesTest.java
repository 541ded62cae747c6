package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkk8s.sdk.testkit.internal.controllers.operator.SpecChanges.DiffType;
import org.junit.jupiter.api.Test;

class SpecChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode spec(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static final String BASE =
            "{'image':'a:1','flinkConfiguration':{'state.savepoints.dir':'s3://sp'},"
                    + "'job':{'parallelism':2,'upgradeMode':'savepoint','state':'running'}}";

    @Test
    void anImageChangeIsAnUpgrade() throws Exception {
        assertThat(SpecChanges.classify(spec(BASE), spec(BASE.replace("a:1", "a:2")), false))
                .isEqualTo(DiffType.UPGRADE);
    }

    @Test
    void upgradeModeStateAndSavepointTriggerNonceChangesAreIgnored() throws Exception {
        JsonNode after =
                spec(
                        BASE.replace(
                                "'upgradeMode':'savepoint','state':'running'",
                                "'upgradeMode':'stateless','state':'suspended','savepointTriggerNonce':3"));
        assertThat(SpecChanges.classify(spec(BASE), after, false)).isEqualTo(DiffType.IGNORE);
    }

    @Test
    void aParallelismChangeIsAScaleInStandaloneModeAndAnUpgradeInNativeMode() throws Exception {
        JsonNode after = spec(BASE.replace("'parallelism':2", "'parallelism':4"));
        assertThat(SpecChanges.classify(spec(BASE), after, true)).isEqualTo(DiffType.SCALE);
        assertThat(SpecChanges.classify(spec(BASE), after, false)).isEqualTo(DiffType.UPGRADE);
    }

    @Test
    void aRestartNonceIsAnUpgradeUnlessItIsRemoved() throws Exception {
        JsonNode withNonce = spec(BASE.replace("'image'", "'restartNonce':1,'image'"));
        assertThat(SpecChanges.classify(spec(BASE), withNonce, false)).isEqualTo(DiffType.UPGRADE);
        assertThat(SpecChanges.classify(withNonce, spec(BASE), false)).isEqualTo(DiffType.IGNORE);
    }

    @Test
    void aSavepointRedeployNonceOutranksEveryOtherChange() throws Exception {
        JsonNode after =
                spec(
                        BASE.replace("a:1", "a:2")
                                .replace(
                                        "'state':'running'",
                                        "'state':'running','savepointRedeployNonce':7"));
        assertThat(SpecChanges.classify(spec(BASE), after, false))
                .isEqualTo(DiffType.SAVEPOINT_REDEPLOY);
    }

    @Test
    void autoscalerOperatorAndDefaultParallelismKeysAreIgnoredOtherFlinkKeysUpgrade()
            throws Exception {
        JsonNode ignored =
                spec(
                        BASE.replace(
                                "'state.savepoints.dir':'s3://sp'",
                                "'state.savepoints.dir':'s3://sp','job.autoscaler.enabled':'true',"
                                        + "'kubernetes.operator.reconcile.interval':'1 m',"
                                        + "'parallelism.default':'8'"));
        JsonNode nested =
                spec(
                        BASE.replace(
                                "{'state.savepoints.dir':'s3://sp'}",
                                "{'state':{'savepoints':{'dir':'s3://other'}}}"));
        assertThat(SpecChanges.classify(spec(BASE), ignored, false)).isEqualTo(DiffType.IGNORE);
        assertThat(SpecChanges.classify(spec(BASE), nested, false)).isEqualTo(DiffType.UPGRADE);
    }
}
