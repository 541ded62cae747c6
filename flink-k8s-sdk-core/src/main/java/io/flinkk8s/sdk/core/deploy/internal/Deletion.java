package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.KindRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.RevisionLog;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateStore;
import io.flinkk8s.sdk.core.deploy.internal.cluster.UpgradeLeases;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly;
import io.flinkk8s.sdk.core.deploy.status.Revision;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import io.flinkk8s.sdk.core.error.UpgradeException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;

/** Deletes a deployment's objects, keeping what holds state unless told otherwise. */
final class Deletion {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;

    Deletion(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
    }

    void delete(DeleteOptions options) {
        Optional<StateRecord> state = ctx.states().read(namespace, name);
        String suspendedAt = state.flatMap(Deletion::suspendedAt).orElse(null);
        boolean stopFirst = options.savepointFirst() && state.isPresent() && suspendedAt == null;
        // A delete that stops the job holds the upgrade lease, as an upgrade does, until done.
        try (UpgradeLeases.Hold lease = stopFirst ? lease(state.get()) : null) {
            String stoppedAt = suspendedAt;
            if (stopFirst) {
                Optional<StateRecord> taken = savepoint(state.get());
                if (taken.isPresent()) {
                    state = taken;
                    stoppedAt = taken.get().restoreSavepoint();
                }
            }
            deleteObjects(options, state, stoppedAt);
        }
        if (options.stateRecord()) {
            ctx.leases().delete(namespace, name);
        }
    }

    /**
     * Deletes the objects, then deletes the state record or marks it deleted, with the savepoint
     * the job stopped at ({@code stoppedAt}) as the one a later apply starts from.
     */
    private void deleteObjects(
            DeleteOptions options, Optional<StateRecord> state, String stoppedAt) {
        Set<KindRef> kinds = new LinkedHashSet<>();
        // the tenancy kinds only when applied (the record says so): a caller who may not list
        // quotas must still be able to delete a deployment that never had one
        ObjectKind.builtIn().stream()
                .filter(k -> !k.boundsNamespace())
                .forEach(k -> kinds.add(KindRef.of(k)));
        state.ifPresent(
                s -> s.applied().forEach(o -> kinds.add(new KindRef(o.apiVersion(), o.kind()))));
        Live live = Live.empty();
        for (KindRef kind : kinds) {
            try {
                live = ctx.applier().read(namespace, name, Set.of(kind), live);
            } catch (KindNotServedException e) {
                // a custom resource whose CRD is gone (say, the operator was uninstalled): no
                // object of it is left to delete, and what else is left must still go
                ctx.progress()
                        .report(
                                namespace,
                                name,
                                "delete",
                                "the cluster does not serve "
                                        + kind.kind()
                                        + " ("
                                        + kind.apiVersion()
                                        + "): none to delete");
            }
        }
        List<Runnable> deletes = new ArrayList<>();
        for (HasMetadata o : live.objects().values()) {
            if (deletable(o, options)) {
                deletes.add(() -> ctx.applier().delete(o));
            }
        }
        if (options.highAvailabilityData()) {
            for (ConfigMap cm : haConfigMaps()) {
                deletes.add(() -> ctx.applier().delete(cm));
            }
        }
        ctx.applier().runAll(deletes);
        if (options.stateRecord()) {
            ctx.states().delete(namespace, name);
        } else if (state.isPresent()) {
            // What a later apply starts from: where the job stopped, or nothing older.
            // The current revision ends as deleted, at the savepoint the job stopped at (if any).
            Instant now = ctx.options().clock().instant();
            ctx.states()
                    .write(
                            namespace,
                            RevisionLog.ended(
                                    state.get()
                                            .withUpgrade(null)
                                            .withApplied(List.of())
                                            .withRestoreSavepoint(stoppedAt)
                                            .withDeletedAt(now),
                                    Revision.Ending.Kind.DELETED,
                                    now,
                                    stoppedAt,
                                    null));
        }
        ctx.progress()
                .report(
                        namespace,
                        name,
                        "delete",
                        deletes.size()
                                + " object(s) deleted"
                                + (options.stateRecord()
                                        ? ""
                                        : "; the state record and savepoint history kept"));
    }

    /** Takes the upgrade lease of the deployment, or refuses before anything was deleted. */
    private UpgradeLeases.Hold lease(StateRecord state) {
        return ctx.leases()
                .hold(
                        state.effective(),
                        "Nothing of " + namespace + "/" + name + " was deleted",
                        "Delete again once it has finished.");
    }

    private UpgradeException nothingDeleted(String why, Throwable cause) {
        return new UpgradeException(
                namespace,
                name,
                true,
                "Nothing of " + namespace + "/" + name + " was deleted: " + why,
                cause);
    }

    /**
     * The savepoint a suspended job stopped at (its pods are at zero replicas, no job ran since),
     * which is where it resumes from; empty when the job is not suspended at a savepoint.
     */
    private static Optional<String> suspendedAt(StateRecord state) {
        SavepointRecord latest = state.latestSavepoint();
        boolean suspendedThere =
                StatusAssembly.suspended(Optional.of(state))
                        && state.upgrade() == null
                        && latest != null
                        && latest.reason() == SavepointRecord.Reason.SUSPEND
                        && latest.path().equals(state.restoreSavepoint());
        return suspendedThere ? Optional.of(latest.path()) : Optional.empty();
    }

    private boolean deletable(HasMetadata o, DeleteOptions options) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels == null
                || StateStore.isRecord(name, o)
                || labels.containsKey(ResourceApplier.FLINK_HA_CONFIGMAP_TYPE)) {
            return false;
        }
        return !ObjectKind.holdsStateOf(o.getKind()) || options.persistentVolumeClaims();
    }

    /** Flink's HA ConfigMaps of this cluster, by Flink's own labels (equality selector). */
    private List<ConfigMap> haConfigMaps() {
        Map<String, String> selector =
                Map.of(
                        "app",
                        ResourceNames.of(name).clusterId(),
                        ResourceApplier.FLINK_HA_CONFIGMAP_TYPE,
                        "high-availability");
        return ctx.retrier()
                .call(
                        ObjectRef.of(ConfigMap.class, namespace, null),
                        true,
                        () ->
                                ctx.client()
                                        .configMaps()
                                        .inNamespace(namespace)
                                        .withLabels(selector)
                                        .list()
                                        .getItems());
    }

    /**
     * Stops the running job with a savepoint and records it; empty when no job runs.
     *
     * @throws UpgradeException when the savepoint fails: nothing was deleted
     */
    private Optional<StateRecord> savepoint(StateRecord state) {
        FlinkDeploymentSpec effective = state.effective().spec();
        JobControl jobs = new JobControl(ctx, namespace, name);
        try {
            Optional<JobSummary> job = jobs.currentJob();
            if (job.isEmpty() || job.get().status() != JobStatus.RUNNING) {
                return Optional.empty();
            }
            String path =
                    jobs.stopWithSavepoint(
                            job.get().id(), effective.checkpointing().savepointDir());
            ctx.progress().report(namespace, name, "delete", "savepoint taken: " + path);
            return Optional.of(
                    ctx.states()
                            .write(
                                    namespace,
                                    state.withRestoreSavepoint(path)
                                            .withSavepoint(
                                                    new SavepointRecord(
                                                            path,
                                                            job.get().id().toHexString(),
                                                            ctx.options().clock().instant(),
                                                            SavepointRecord.Reason.DELETE))));
        } catch (FlinkJobException e) {
            throw nothingDeleted("the savepoint asked for first failed. " + e.getMessage(), e);
        }
    }
}
