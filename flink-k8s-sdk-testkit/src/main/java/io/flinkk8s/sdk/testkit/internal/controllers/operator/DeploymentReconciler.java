package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.FlinkStateSnapshot;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import io.flinkk8s.sdk.testkit.internal.controllers.operator.SpecChanges.DiffType;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobID;

/**
 * One pass of the operator over one {@code FlinkDeployment}: observe against the last reconciled
 * spec, then reconcile the spec (research §3.4: "Every loop runs observe → validate → reconcile";
 * {@code FlinkDeploymentController}), and write the status once if it changed. Where the operator
 * waits for its next observation (JobManager DEPLOYED_NOT_READY, then READY), the stand-in observes
 * again in the next round of the same settle, so a test sees the outcome without moving the clock.
 */
final class DeploymentReconciler {

    /**
     * Waiting reasons that make a JobManager deployment ERROR ({@code DeploymentFailedException}).
     */
    static final Set<String> CONTAINER_ERROR_REASONS =
            Set.of(
                    "CrashLoopBackOff",
                    "ImagePullBackOff",
                    "ErrImagePull",
                    "RunContainerError",
                    "CreateContainerConfigError",
                    "OOMKilled");

    /** When a failed reconciliation is retried ({@code kubernetes.operator.reconcile.interval}). */
    static final Duration RETRY = Duration.ofSeconds(60);

    private static final String MANAGER = "flink-kubernetes-operator";

    private final ControllerContext ctx;
    private final FlinkRest flink;
    private final Map<String, Hold> holds;

    /** A failed reconciliation of one generation, not retried before {@code until}. */
    record Hold(long generation, Instant until) {}

    DeploymentReconciler(ControllerContext ctx, FlinkRest flink, Map<String, Hold> holds) {
        this.ctx = ctx;
        this.flink = flink;
        this.holds = holds;
    }

    void reconcile(JsonNode cr) {
        ObjectNode status = OperatorStatus.workingCopy(cr);
        JsonNode before = status.deepCopy();
        Pass pass = new Pass(cr, status);
        pass.observe();
        pass.reconcile();
        status.put("lifecycleState", LifecycleStates.derive(status));
        ObjectNode condition =
                LifecycleStates.runningCondition(
                        status, pass.application(), before.path("conditions"), ctx.now());
        if (condition != null) {
            status.putArray("conditions").add(condition);
        }
        OperatorStatus.writeIfChanged(ctx, FlinkDeployment.class, cr, before, status);
    }

    /** One observation and reconciliation of one resource. */
    private final class Pass {
        private final JsonNode cr;
        private final JsonNode spec;
        private final ObjectNode status;
        private final String ns;
        private final String name;
        private final ClusterObjects objects;
        private final OperatorStatus common;

        Pass(JsonNode cr, ObjectNode status) {
            this.cr = cr;
            this.spec = cr.path("spec");
            this.status = status;
            this.ns = Trees.namespace(cr);
            this.name = Trees.name(cr);
            this.objects = new ClusterObjects(cr);
            this.common = new OperatorStatus(status);
        }

        boolean application() {
            return spec.path("job").isObject();
        }

        // ---- observe (AbstractFlinkDeploymentObserver, JobStatusObserver) -----------------

        void observe() {
            JsonNode last = common.lastSpec();
            if (last.isMissingNode()
                    || "UPGRADING".equals(Trees.text(common.reconciliation(), "state"))
                    || "suspended".equals(last.path("job").path("state").asText())) {
                return;
            }
            JsonNode jm = ctx.api().getJson(Deployment.class, ns, name);
            String previous = Trees.text(status, "jobManagerDeploymentStatus");
            if (jm == null || Trees.isDeleting(jm)) {
                // research §4.5, 4.: no Deployment at all is MISSING, with a Warning event
                if (!"MISSING".equals(previous)) {
                    status.put("jobManagerDeploymentStatus", "MISSING");
                    status.put("error", "Missing JobManager deployment");
                    common.jobStatus().put("state", "RECONCILING");
                    ctx.recordEvent(cr, "Warning", "Missing", "Missing JobManager deployment");
                }
                return;
            }
            String jmStatus = jobManagerStatus(jm, previous);
            status.put("jobManagerDeploymentStatus", jmStatus);
            if (!"READY".equals(jmStatus)) {
                return;
            }
            if (application()) {
                observeJob();
                nativeTaskManagers(jm);
            } else {
                // a session cluster is stable once its JobManager is READY (SessionObserver)
                common.stable();
            }
        }

        /**
         * Records the savepoint a suspension stopped the job with, as the operator does: {@code
         * jobStatus.upgradeSavepointPath}, which the resume starts from, and {@code
         * savepointInfo.lastSavepoint} with its time (an UPGRADE savepoint).
         */
        private void suspendedAt(String path) {
            ObjectNode js = common.jobStatus();
            js.put("upgradeSavepointPath", path);
            ObjectNode info =
                    js.path("savepointInfo").isObject()
                            ? (ObjectNode) js.get("savepointInfo")
                            : js.putObject("savepointInfo");
            info.putObject("lastSavepoint")
                    .put("timeStamp", ctx.now().toEpochMilli())
                    .put("location", path)
                    .put("triggerType", "UPGRADE")
                    .put("formatType", "CANONICAL");
        }

        /**
         * Research §4.5: Deployment available and REST port open → DEPLOYED_NOT_READY, on the next
         * observation READY; pods waiting with an error reason → ERROR; else DEPLOYING.
         */
        private String jobManagerStatus(JsonNode jm, String previous) {
            boolean available = jm.path("status").path("availableReplicas").asInt(0) > 0;
            if (available && flink.reachable(ns, name)) {
                return "DEPLOYED_NOT_READY".equals(previous) || "READY".equals(previous)
                        ? "READY"
                        : "DEPLOYED_NOT_READY";
            }
            for (JsonNode pod : ctx.api().listJson(Pod.class, ns)) {
                if (!name.equals(Trees.label(pod, "app"))
                        || !"jobmanager".equals(Trees.label(pod, "component"))) {
                    continue;
                }
                for (JsonNode c : Trees.elements(pod.path("status").path("containerStatuses"))) {
                    String reason = Trees.text(c.path("state").path("waiting"), "reason");
                    if (reason != null && CONTAINER_ERROR_REASONS.contains(reason)) {
                        status.put(
                                "error",
                                "JobManager pod " + Trees.name(pod) + " failed: " + reason);
                        return "ERROR";
                    }
                }
            }
            return "DEPLOYING";
        }

        /**
         * {@code GET /jobs/overview}: the job's state, id and times ({@code JobStatusObserver}).
         */
        private void observeJob() {
            Optional<JobSummary> job = flink.jobs(ns, name).stream().findFirst();
            if (job.isEmpty()) {
                return;
            }
            JobSummary j = job.get();
            ObjectNode js = common.jobStatus();
            String state = j.status().name();
            if (!state.equals(Trees.text(js, "state"))) {
                js.put("updateTime", String.valueOf(ctx.now().toEpochMilli()));
                ctx.recordEvent(cr, "Normal", "JobStatusChanged", "Job status changed to " + state);
            }
            js.put("jobName", j.name());
            js.put("jobId", j.id().toHexString());
            js.put("state", state);
            js.put("startTime", String.valueOf(j.startTime().toEpochMilli()));
            if ("FAILED".equals(state)) {
                status.put("error", "Job " + j.id() + " FAILED");
            }
            // ReconciliationUtils#checkAndUpdateStableSpec
            if ("DEPLOYED".equals(Trees.text(common.reconciliation(), "state"))
                    && ("RUNNING".equals(state) || "FINISHED".equals(state))) {
                common.stable();
            }
        }

        /** Flink's native resource manager starts the TaskManager pods the job needs. */
        private void nativeTaskManagers(JsonNode jm) {
            if (ClusterObjects.isStandalone(common.lastSpec())) {
                return;
            }
            int want = objects.taskManagers();
            for (int i = 1; i <= want; i++) {
                if (ctx.api().getJson(Pod.class, ns, name + "-taskmanager-1-" + i) == null) {
                    try {
                        ctx.api().createJson(Pod.class, objects.taskManagerPod(i, jm), MANAGER);
                    } catch (ApiError refused) {
                        // admission refused it (quota, pod security): Flink's resource manager
                        // logs it and asks again later, here on the next run
                        return;
                    }
                }
            }
        }

        // ---- reconcile (ApplicationReconciler, SessionReconciler, AbstractJobReconciler) ----

        void reconcile() {
            long generation = Trees.meta(cr).path("generation").asLong(1);
            Hold hold = holds.get(Trees.uid(cr));
            if (hold != null) {
                if (hold.generation() == generation && ctx.now().isBefore(hold.until())) {
                    return;
                }
                holds.remove(Trees.uid(cr));
            }
            JsonNode last = common.lastSpec();
            if (last.isMissingNode()) {
                firstDeploy();
            } else if ("UPGRADING".equals(Trees.text(common.reconciliation(), "state"))) {
                finishUpgrade();
            } else if (application()) {
                reconcileJob(last);
            } else if (!SpecChanges.classify(last, spec, false).equals(DiffType.IGNORE)) {
                // SessionReconciler: a changed session cluster is deleted and deployed anew (in
                // the next round, as an upgrade: its old ReplicaSets are gone by then)
                deleteCluster();
                upgrading(null);
            } else {
                common.recordSpec(spec, false);
            }
            // compared by value: the stored status reads back a small number as an int node,
            // and an unchanged generation written again as a long would rewrite the status
            if (status.path("observedGeneration").asLong(-1) != generation) {
                status.put("observedGeneration", generation);
            }
        }

        private void firstDeploy() {
            JsonNode job = spec.path("job");
            if ("suspended".equals(job.path("state").asText())) {
                common.recordSpec(spec, true);
                common.stable();
                return;
            }
            deploy(job.path("initialSavepointPath").asText(null), null);
        }

        /** The job's desired state and spec changes ({@code AbstractJobReconciler}, §4.1, §4.2). */
        private void reconcileJob(JsonNode last) {
            String was = last.path("job").path("state").asText("running");
            String will = spec.path("job").path("state").asText("running");
            triggerSavepointOnNonce(last);
            if ("suspended".equals(was)) {
                if ("running".equals(will)) {
                    // resume: restore from the recorded state, using the latest spec (§4.2)
                    upgrading(
                            "stateless".equals(upgradeMode())
                                    ? null
                                    : Trees.text(common.jobStatus(), "upgradeSavepointPath"));
                } else {
                    common.recordSpec(spec, false);
                    common.stable();
                }
                return;
            }
            if ("suspended".equals(will)) {
                Optional<String> restore = stopJob(DiffType.UPGRADE);
                if (restore != null) {
                    deleteCluster();
                    restore.ifPresent(p -> suspendedAt(p));
                    status.put("jobManagerDeploymentStatus", "MISSING");
                    common.recordSpec(spec, false);
                    status.putObject("taskManager").put("labelSelector", "").put("replicas", 0);
                    common.stable();
                    ctx.recordEvent(cr, "Normal", "Suspended", "Job suspended");
                }
                return;
            }
            DiffType diff = SpecChanges.classify(last, spec, ClusterObjects.isStandalone(spec));
            if (diff == DiffType.SCALE && reactive()) {
                // StandaloneFlinkService#scale: only the TaskManager Deployment is resized
                JsonNode tms =
                        ctx.api()
                                .getJson(
                                        Deployment.class,
                                        ns,
                                        ClusterObjects.taskManagerDeploymentName(name));
                if (tms != null) {
                    ObjectNode resized = tms.deepCopy();
                    ((ObjectNode) resized.path("spec")).put("replicas", objects.taskManagers());
                    ctx.api().updateJson(Deployment.class, resized, MANAGER);
                }
                common.recordSpec(ReconciledSpecs.withJobState(spec, "running"), false);
                taskManagerInfo();
                return;
            }
            // a SCALE change without reactive mode is a full upgrade (StandaloneFlinkService#scale)
            if (diff == DiffType.IGNORE) {
                // an ignored change is recorded as reconciled, the cluster left alone
                JsonNode recorded = ReconciledSpecs.withJobState(spec, "running");
                if (!recorded.equals(common.lastSpec())) {
                    common.recordSpec(recorded, false);
                }
                return;
            }
            ctx.recordEvent(
                    cr,
                    "Normal",
                    "SpecChanged",
                    diff.name() + " change(s) detected, starting reconciliation.");
            Optional<String> restore = stopJob(diff);
            if (restore == null) {
                return;
            }
            deleteCluster();
            upgrading(
                    diff == DiffType.SAVEPOINT_REDEPLOY
                            ? spec.path("job").path("initialSavepointPath").asText(null)
                            : restore.orElse(null));
        }

        /**
         * Write-ahead of an upgrade: the target spec recorded suspended, state UPGRADING (§3.4).
         */
        private void upgrading(String restorePath) {
            if (restorePath != null) {
                common.jobStatus().put("upgradeSavepointPath", restorePath);
            } else if (status.get("jobStatus") instanceof ObjectNode js) {
                js.remove("upgradeSavepointPath");
            }
            status.put("jobManagerDeploymentStatus", "MISSING");
            status.remove("error");
            ObjectNode r = common.reconciliation();
            r.put("reconciliationTimestamp", ctx.now().toEpochMilli());
            r.put("state", "UPGRADING");
            r.put(
                    "lastReconciledSpec",
                    ReconciledSpecs.write(ReconciledSpecs.withJobState(spec, "suspended"), false));
        }

        /** The second half of an upgrade or resume: deploy the new spec from the recorded state. */
        private void finishUpgrade() {
            if ("suspended".equals(spec.path("job").path("state").asText("running"))) {
                common.reconciliation().put("state", "DEPLOYED");
                common.recordSpec(spec, false);
                common.stable();
                return;
            }
            deploy(Trees.text(common.jobStatus(), "upgradeSavepointPath"), DiffType.UPGRADE);
        }

        /**
         * Stops the running job as its upgrade mode says (research §4.1, {@code
         * AbstractJobReconciler#getJobUpgrade}): savepoint mode stops it with a savepoint,
         * last-state keeps its latest checkpoint (the HA metadata the testkit does not run),
         * stateless cancels it; a SAVEPOINT_REDEPLOY cancels it. A job that does not run falls back
         * to the last recorded state. Returns the restore path (empty: none), or null when the
         * savepoint failed: the job keeps running, the error is in the status, and the change is
         * retried after {@link #RETRY}.
         */
        private Optional<String> stopJob(DiffType diff) {
            String jobId = Trees.text(common.jobStatus(), "jobId");
            boolean running =
                    "RUNNING".equals(Trees.text(common.jobStatus(), "state")) && jobId != null;
            Optional<String> recorded =
                    Optional.ofNullable(Trees.text(common.jobStatus(), "upgradeSavepointPath"));
            if (!running) {
                return "stateless".equals(upgradeMode()) ? Optional.empty() : recorded;
            }
            JobID id = JobID.fromHexString(jobId);
            String mode = diff == DiffType.SAVEPOINT_REDEPLOY ? "stateless" : upgradeMode();
            try {
                switch (mode) {
                    case "savepoint" -> {
                        String path = flink.stopWithSavepoint(ns, name, id, savepointDir());
                        common.jobStatus().put("state", "FINISHED");
                        ctx.recordEvent(
                                cr, "Normal", "SavepointCreated", "Savepoint created: " + path);
                        return Optional.of(path);
                    }
                    case "last-state" -> {
                        Optional<String> checkpoint = flink.latestCheckpoint(ns, name, id);
                        common.jobStatus().put("state", "SUSPENDED");
                        return checkpoint.or(() -> recorded);
                    }
                    default -> {
                        flink.cancel(ns, name, id);
                        common.jobStatus().put("state", "CANCELED");
                        return Optional.empty();
                    }
                }
            } catch (FlinkK8sException e) {
                status.put("error", "Savepoint failed for job " + jobId + ": " + e.getMessage());
                ctx.recordEvent(cr, "Warning", "SavepointError", Trees.text(status, "error"));
                long generation = Trees.meta(cr).path("generation").asLong(1);
                holds.put(Trees.uid(cr), new Hold(generation, ctx.now().plus(RETRY)));
                ctx.wakeUpAt(ctx.now().plus(RETRY));
                return null;
            }
        }

        /**
         * {@code job.savepointTriggerNonce} changed: one manual savepoint, as a {@code
         * FlinkStateSnapshot} ({@code kubernetes.operator.snapshot.resource.enabled}, default true;
         * research §4.3); the nonce is recorded as reconciled.
         */
        private void triggerSavepointOnNonce(JsonNode last) {
            JsonNode nonce = spec.path("job").path("savepointTriggerNonce");
            if (!nonce.isNumber() || nonce.equals(last.path("job").path("savepointTriggerNonce"))) {
                return;
            }
            ObjectNode snapshot = Snapshots.manualSavepoint(cr, ctx.now(), savepointDir());
            ctx.api().createJson(FlinkStateSnapshot.class, snapshot, MANAGER);
            ObjectNode updated = last.deepCopy();
            ((ObjectNode) updated.path("job")).set("savepointTriggerNonce", nonce);
            common.reconciliation()
                    .put("lastReconciledSpec", ReconciledSpecs.write(updated, false));
        }

        private String upgradeMode() {
            return spec.path("job").path("upgradeMode").asText("stateless");
        }

        private boolean reactive() {
            return "reactive"
                    .equalsIgnoreCase(objects.configuration().getOrDefault("scheduler-mode", ""));
        }

        private String savepointDir() {
            Map<String, String> conf = objects.configuration();
            return conf.getOrDefault(
                    "execution.checkpointing.savepoint-dir", conf.get("state.savepoints.dir"));
        }

        /** Creates the cluster's objects and records the spec as deployed ({@code deploy}). */
        private void deploy(String restorePath, DiffType upgrade) {
            JsonNode jm =
                    createOrReplace(Deployment.class, objects.jobManagerDeployment(restorePath));
            createOrReplace(ConfigMap.class, objects.configMap(restorePath, jm));
            createOrReplace(Service.class, objects.internalService(jm));
            createOrReplace(Service.class, objects.restService(jm));
            if (ClusterObjects.isStandalone(spec)) {
                createOrReplace(
                        Deployment.class, objects.taskManagerDeployment(objects.taskManagers()));
            }
            boolean first = upgrade == null;
            ObjectNode r = common.reconciliation();
            r.put("reconciliationTimestamp", ctx.now().toEpochMilli());
            r.put("state", "DEPLOYED");
            common.recordSpec(ReconciledSpecs.withJobState(spec, "running"), first);
            status.put("jobManagerDeploymentStatus", "DEPLOYING");
            status.remove("error");
            if (application()) {
                ObjectNode js = common.jobStatus();
                js.put("state", "RECONCILING");
                js.remove("jobId");
                js.put("jobName", name);
                taskManagerInfo();
            }
            ctx.recordEvent(
                    cr,
                    "Normal",
                    "Submit",
                    "Starting deployment"
                            + (restorePath == null ? "" : " from savepoint " + restorePath));
        }

        private void taskManagerInfo() {
            status.putObject("taskManager")
                    .put("labelSelector", objects.taskManagerSelector())
                    .put("replicas", objects.taskManagers());
        }

        /**
         * Deletes the JobManager (and standalone TaskManager) Deployment; Kubernetes GC does the
         * rest.
         */
        private void deleteCluster() {
            for (String deployment :
                    new String[] {name, ClusterObjects.taskManagerDeploymentName(name)}) {
                JsonNode d = ctx.api().getJson(Deployment.class, ns, deployment);
                if (d != null && name.equals(Trees.label(d, "app"))) {
                    ctx.api().deleteJson(Deployment.class, d, "Background");
                }
            }
        }

        /**
         * Creates the object, or replaces the labels, annotations, owners and spec of the one there
         * (a changed JobManager pod template rolls out as a Deployment does).
         */
        private JsonNode createOrReplace(Class<? extends HasMetadata> type, ObjectNode object) {
            JsonNode existing = ctx.api().getJson(type, ns, Trees.name(object));
            if (existing == null || Trees.isDeleting(existing)) {
                return ctx.api().createJson(type, object, MANAGER);
            }
            ObjectNode replaced = existing.deepCopy();
            ObjectNode meta = (ObjectNode) replaced.path("metadata");
            JsonNode wanted = object.path("metadata");
            for (String field : new String[] {"labels", "annotations", "ownerReferences"}) {
                if (wanted.has(field)) {
                    meta.set(field, wanted.get(field));
                }
            }
            for (String field : new String[] {"spec", "data"}) {
                if (object.has(field)) {
                    replaced.set(field, object.get(field));
                }
            }
            return replaced.equals(existing)
                    ? existing
                    : ctx.api().updateJson(type, replaced, MANAGER);
        }
    }
}
