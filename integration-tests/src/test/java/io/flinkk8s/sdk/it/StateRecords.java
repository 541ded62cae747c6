package io.flinkk8s.sdk.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecSerialization;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Edits a deployment's state record as a deployer that died mid-upgrade would have left it: the
 * upgrade claimed, stop-with-savepoint requested, nothing after; and writes the upgrade Lease as
 * another deployer (another JVM) holding it would. Test use only; the record's JSON layout is the
 * SDK's wire format ({@code "format": 1}).
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

    /** The deployment's upgrade Lease, if one exists. */
    static Optional<Lease> lease(InMemoryFlinkK8sCluster cluster, String namespace, String name) {
        return cluster.find(Lease.class, namespace, ResourceNames.of(name).upgradeLease());
    }

    /**
     * Writes the deployment's upgrade Lease as held by {@code holder}, renewed at {@code
     * renewedAt}: what a live deployer in another JVM leaves while it works.
     */
    static void leaseHeldBy(
            InMemoryFlinkK8sCluster cluster,
            String namespace,
            String name,
            String holder,
            Instant renewedAt,
            int durationSeconds) {
        leaseNamedHeldBy(
                cluster,
                namespace,
                ResourceNames.of(name).upgradeLease(),
                holder,
                renewedAt,
                durationSeconds);
    }

    /**
     * Writes Lease {@code namespace/lease} as held by {@code holder}, renewed at {@code renewedAt}.
     */
    static void leaseNamedHeldBy(
            InMemoryFlinkK8sCluster cluster,
            String namespace,
            String leaseName,
            String holder,
            Instant renewedAt,
            int durationSeconds) {
        Lease lease =
                new LeaseBuilder()
                        .withNewMetadata()
                        .withName(leaseName)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity(holder)
                        .withLeaseDurationSeconds(durationSeconds)
                        .withAcquireTime(renewedAt.atZone(ZoneOffset.UTC))
                        .withRenewTime(renewedAt.atZone(ZoneOffset.UTC))
                        .withLeaseTransitions(0)
                        .endSpec()
                        .build();
        cluster.client()
                .leases()
                .inNamespace(namespace)
                .resource(lease)
                .forceConflicts()
                .serverSideApply();
    }
}
