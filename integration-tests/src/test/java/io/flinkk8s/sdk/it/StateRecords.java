package io.flinkk8s.sdk.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Instant;

/**
 * Edits a deployment's state record as a deployer that died mid-upgrade would have left it: the
 * upgrade claimed, stop-with-savepoint requested, nothing after. Test use only; the record's JSON
 * layout is the SDK's wire format ({@code "format": 1}).
 */
final class StateRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateRecords() {}

    static void claimedByADeadDeployer(
            InMemoryFlinkK8sCluster cluster,
            FlinkDeploymentSpec target,
            String jobId,
            Instant claimedAt)
            throws Exception {
        String ns = target.namespace();
        String name = ResourceNames.of(target.name()).sdkState();
        ConfigMap cm = cluster.find(ConfigMap.class, ns, name).orElseThrow();
        ObjectNode state = (ObjectNode) JSON.readTree(cm.getData().get("state.json"));
        ObjectNode upgrade = state.putObject("upgrade");
        upgrade.set("target", JSON.readTree(SpecSerialization.toJson(target)));
        upgrade.put("step", "SAVEPOINT_IN_PROGRESS");
        upgrade.put("jobId", jobId);
        upgrade.put("owner", "a-deployer-that-died");
        upgrade.put("startedAt", claimedAt.toString());
        upgrade.put("updatedAt", claimedAt.toString());
        cluster.client()
                .configMaps()
                .inNamespace(ns)
                .resource(
                        new ConfigMapBuilder(cm)
                                .addToData("state.json", state.toPrettyString())
                                .build())
                .update();
    }
}
