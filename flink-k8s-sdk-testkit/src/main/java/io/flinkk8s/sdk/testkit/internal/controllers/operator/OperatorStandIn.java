package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.FlinkStateSnapshot;
import io.flinkk8s.sdk.testkit.internal.controllers.Controller;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Apache Flink Kubernetes Operator (1.15), as far as a test of what it does to {@code
 * FlinkDeployment}, {@code FlinkSessionJob} and {@code FlinkStateSnapshot} resources needs it:
 * creates the Flink cluster's objects with the operator's names ({@link ClusterObjects}), runs the
 * job on the testkit's Flink behind the JobManager, and moves each resource's {@code status} as the
 * operator does ({@link DeploymentReconciler}, {@link SessionJobReconciler}, {@link
 * SnapshotReconciler}). In memory it keeps only what the operator keeps in memory too: when a
 * failed reconciliation or snapshot is retried.
 *
 * <p>Not played: rollbacks, the autoscaler, periodic savepoints and their cleanup, {@code
 * FlinkBlueGreenDeployment} resources, downloading session jobs' jars, finalizers (deleting the
 * resource deletes its cluster through owner references), validation (the SDK validates first).
 */
public final class OperatorStandIn implements Controller, AutoCloseable {

    private final RestFlink flink;
    private final Map<String, DeploymentReconciler.Hold> holds = new HashMap<>();
    private final Map<String, Instant> snapshotRetries = new HashMap<>();
    private final Map<String, DeploymentReconciler.Hold> sessionJobHolds = new HashMap<>();
    private final SessionJobArtifacts sessionJobs = new SessionJobArtifacts();

    /** A stand-in reaching each deployment's Flink through {@code access}. */
    public OperatorStandIn(FlinkAccess access) {
        this.flink = new RestFlink(access);
    }

    @Override
    public Set<String> watches() {
        return Set.of(
                "flinkdeployments",
                "flinksessionjobs",
                "flinkstatesnapshots",
                "deployments",
                "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        DeploymentReconciler deployments = new DeploymentReconciler(context, flink, holds);
        for (JsonNode cr : context.api().listJson(FlinkDeployment.class, null)) {
            if (!Trees.isDeleting(cr)) {
                deployments.reconcile(cr);
            }
        }
        new SessionJobReconciler(context, flink, sessionJobs, sessionJobHolds).reconcileAll();
        SnapshotReconciler snapshots = new SnapshotReconciler(context, flink, snapshotRetries);
        for (JsonNode snapshot : context.api().listJson(FlinkStateSnapshot.class, null)) {
            if (!Trees.isDeleting(snapshot)) {
                snapshots.reconcile(snapshot);
            }
        }
    }

    @Override
    public void close() {
        flink.close();
        sessionJobs.close();
    }
}
