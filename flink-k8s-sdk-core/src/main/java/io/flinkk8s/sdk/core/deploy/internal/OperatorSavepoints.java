package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.operator.crd.FlinkStateSnapshot;
import io.flinkk8s.sdk.core.operator.crd.FlinkStateSnapshotSpec;
import io.flinkk8s.sdk.core.operator.crd.JobReference;
import io.flinkk8s.sdk.core.operator.crd.OperatorCrds;
import io.flinkk8s.sdk.core.operator.crd.SavepointSpec;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkStateSnapshotStatus;
import java.util.Map;

/**
 * A manual savepoint of an operator-target deployment or session job, asked of the Flink Kubernetes
 * Operator as it documents (its snapshots page): a {@code FlinkStateSnapshot} referencing the
 * {@code FlinkDeployment} or {@code FlinkSessionJob}, with no retries ({@code backoffLimit: 0}),
 * waited for until the operator reports it COMPLETED (its path) or FAILED / ABANDONED (its error;
 * the job keeps running).
 */
final class OperatorSavepoints {

    private final DeployerContext ctx;
    private final String kind;
    private final String namespace;
    private final String name;

    /** Savepoints of the {@code FlinkDeployment} {@code namespace/name}. */
    OperatorSavepoints(DeployerContext ctx, String namespace, String name) {
        this(ctx, ObjectKind.FLINK_DEPLOYMENT_KIND, namespace, name);
    }

    /**
     * Savepoints of the job of the operator's resource {@code kind} ({@code FlinkDeployment} or
     * {@code FlinkSessionJob}) {@code namespace/name}.
     */
    OperatorSavepoints(DeployerContext ctx, String kind, String namespace, String name) {
        this.ctx = ctx;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Creates the snapshot and waits for its outcome.
     *
     * @param directory may be null: the cluster's configured savepoint directory
     * @return the savepoint's path
     * @throws FlinkJobException when the operator reports the savepoint FAILED or ABANDONED
     * @throws WaitTimeoutException when it has no outcome within the savepoint timeout
     */
    String take(String directory) {
        String snapshotName =
                name + "-savepoint-sdk-" + ctx.options().clock().instant().toEpochMilli();
        FlinkStateSnapshot snapshot = new FlinkStateSnapshot();
        snapshot.setMetadata(
                new ObjectMetaBuilder()
                        .withName(snapshotName)
                        .withNamespace(namespace)
                        .withLabels(Map.of("app.kubernetes.io/managed-by", "flink-k8s-sdk"))
                        .build());
        snapshot.setSpec(
                new FlinkStateSnapshotSpec(
                        new JobReference(kind, name),
                        new SavepointSpec(directory, null, null, false),
                        null,
                        0));
        ObjectRef ref =
                new ObjectRef(
                        OperatorCrds.GROUP + "/" + OperatorCrds.VERSION,
                        "FlinkStateSnapshot",
                        namespace,
                        snapshotName);
        ctx.retrier()
                .call(
                        ref,
                        false,
                        () ->
                                ctx.client()
                                        .resources(FlinkStateSnapshot.class)
                                        .inNamespace(namespace)
                                        .resource(snapshot)
                                        .create());
        ctx.progress()
                .report(
                        namespace,
                        name,
                        "savepoint",
                        "FlinkStateSnapshot " + snapshotName + " created");
        long deadline = System.nanoTime() + ctx.options().savepointTimeout().toNanos();
        String last = "not reconciled yet";
        while (true) {
            FlinkStateSnapshot current =
                    ctx.retrier()
                            .call(
                                    ref,
                                    true,
                                    () ->
                                            ctx.client()
                                                    .resources(FlinkStateSnapshot.class)
                                                    .inNamespace(namespace)
                                                    .withName(snapshotName)
                                                    .get());
            FlinkStateSnapshotStatus status = current == null ? null : current.getStatus();
            String state = status == null ? null : status.state();
            if ("COMPLETED".equals(state)) {
                return status.path();
            }
            if ("FAILED".equals(state) || "ABANDONED".equals(state)) {
                throw new FlinkJobException(
                        "The savepoint of "
                                + namespace
                                + "/"
                                + name
                                + " failed as the Flink Kubernetes Operator reports it"
                                + " (FlinkStateSnapshot "
                                + snapshotName
                                + " "
                                + state
                                + ": "
                                + status.error()
                                + "); the job keeps running. Read the snapshot's status and"
                                + " events (kubectl -n "
                                + namespace
                                + " describe flinkstatesnapshot "
                                + snapshotName
                                + ") and trigger a new one.",
                        null);
            }
            if (state != null) {
                last = state + (status.error() == null ? "" : ": " + status.error());
            }
            if (System.nanoTime() > deadline) {
                throw new WaitTimeoutException(
                        "FlinkStateSnapshot "
                                + namespace
                                + "/"
                                + snapshotName
                                + " did not complete within "
                                + ctx.options().savepointTimeout()
                                + "; is the Flink Kubernetes Operator running and does it serve"
                                + " FlinkStateSnapshot (operator 1.10 or later)?",
                        last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }
}
