package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.operator.crd.FlinkSessionJob;
import io.flinkk8s.sdk.testkit.internal.controllers.ControllerContext;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import io.flinkk8s.sdk.testkit.internal.controllers.operator.SessionJobArtifacts.Submitted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobID;

/**
 * One pass of the operator over the {@code FlinkSessionJob}s ({@code FlinkSessionJobController},
 * {@code SessionJobReconciler}, {@code AbstractJobReconciler}; research §2.6, §3.1, §4.1, §4.2):
 * waits until the session {@code FlinkDeployment} it names exists and reports its JobManager READY
 * (until then it stays CREATED without a job; the operator only logs it), submits the job to that
 * cluster's Flink ({@code POST /jars/upload}, {@code POST /jars/:jarid/run}, research §4.5),
 * observes it by its id ({@code GET /jobs/overview}), and moves it when the spec changes as its
 * upgrade mode says: savepoint stops it with a savepoint and starts the new job from it, last-state
 * cancels it and starts from its latest checkpoint (session jobs always cancel, §4.1), stateless
 * cancels it. {@code job.state: suspended} stops it the same way and records the restore path in
 * {@code jobStatus.upgradeSavepointPath}, which a resume starts from. The status moves as the
 * operator writes it: {@code jobStatus}, {@code reconciliationStatus} (the upgrade written ahead as
 * UPGRADING, §3.4), {@code observedGeneration}, {@code lifecycleState}. A deleted {@code
 * FlinkSessionJob}'s job is cancelled ({@code SessionJobReconciler#cleanupInternal} cancels it as
 * stateless). A failed savepoint leaves the job running with the error in the status, and a failed
 * submission records the error; both are retried after {@link DeploymentReconciler#RETRY}.
 */
final class SessionJobReconciler {

    private final ControllerContext ctx;
    private final FlinkRest flink;
    private final SessionJobArtifacts artifacts;
    private final Map<String, DeploymentReconciler.Hold> holds;

    SessionJobReconciler(
            ControllerContext ctx,
            FlinkRest flink,
            SessionJobArtifacts artifacts,
            Map<String, DeploymentReconciler.Hold> holds) {
        this.ctx = ctx;
        this.flink = flink;
        this.artifacts = artifacts;
        this.holds = holds;
    }

    /** Reconciles every session job, then cancels the jobs of those that were deleted. */
    void reconcileAll() {
        Set<String> present = new HashSet<>();
        for (JsonNode cr : ctx.api().listJson(FlinkSessionJob.class, null)) {
            present.add(Trees.uid(cr));
            if (!Trees.isDeleting(cr)) {
                reconcile(cr);
            }
        }
        for (String uid : new ArrayList<>(artifacts.submitted().keySet())) {
            if (!present.contains(uid)) {
                Submitted gone = artifacts.submitted().remove(uid);
                holds.remove(uid);
                cancelQuietly(gone);
            }
        }
    }

    private void cancelQuietly(Submitted job) {
        boolean runs =
                flink.jobs(job.namespace(), job.session()).stream()
                        .anyMatch(j -> j.id().equals(job.job()) && !j.status().isTerminalState());
        if (runs) {
            try {
                flink.cancel(job.namespace(), job.session(), job.job());
            } catch (FlinkK8sException alreadyGone) {
                // the session cluster went first: nothing left to cancel
            }
        }
    }

    private void reconcile(JsonNode cr) {
        ObjectNode status = OperatorStatus.workingCopy(cr);
        JsonNode before = status.deepCopy();
        new Pass(cr, status).run();
        status.put("lifecycleState", LifecycleStates.derive(status));
        OperatorStatus.writeIfChanged(ctx, FlinkSessionJob.class, cr, before, status);
    }

    /** One observation and reconciliation of one session job. */
    private final class Pass {
        private final JsonNode cr;
        private final JsonNode spec;
        private final ObjectNode status;
        private final String ns;
        private final String name;
        private final String session;
        private final OperatorStatus common;

        Pass(JsonNode cr, ObjectNode status) {
            this.cr = cr;
            this.spec = cr.path("spec");
            this.status = status;
            this.ns = Trees.namespace(cr);
            this.name = Trees.name(cr);
            this.session = Trees.text(spec, "deploymentName");
            this.common = new OperatorStatus(status);
        }

        void run() {
            long generation = Trees.meta(cr).path("generation").asLong(1);
            DeploymentReconciler.Hold hold = holds.get(Trees.uid(cr));
            if (hold != null) {
                if (hold.generation() == generation && ctx.now().isBefore(hold.until())) {
                    return;
                }
                holds.remove(Trees.uid(cr));
            }
            JsonNode sessionCr =
                    session == null ? null : ctx.api().getJson(FlinkDeployment.class, ns, session);
            if (sessionCr == null
                    || !"READY"
                            .equals(
                                    Trees.text(
                                            sessionCr.path("status"),
                                            "jobManagerDeploymentStatus"))) {
                // SessionJobReconciler#readyToReconcile: not before the session's JobManager is
                // READY; a missing session is only logged
                return;
            }
            observe();
            JsonNode last = common.lastSpec();
            if (last.isMissingNode()) {
                if ("suspended".equals(spec.path("job").path("state").asText())) {
                    common.recordSpec(spec, true);
                    common.stable();
                } else {
                    submit(
                            sessionCr,
                            spec.path("job").path("initialSavepointPath").asText(null),
                            true);
                }
            } else if ("UPGRADING".equals(Trees.text(common.reconciliation(), "state"))) {
                if ("suspended".equals(spec.path("job").path("state").asText("running"))) {
                    common.reconciliation().put("state", "DEPLOYED");
                    common.recordSpec(spec, false);
                    common.stable();
                } else {
                    submit(
                            sessionCr,
                            Trees.text(common.jobStatus(), "upgradeSavepointPath"),
                            false);
                }
            } else {
                reconcileJob(sessionCr, last);
            }
            status.put("observedGeneration", generation);
        }

        /** {@code JobStatusObserver}: the submitted job's state, found by its id. */
        private void observe() {
            JsonNode last = common.lastSpec();
            String jobId = Trees.text(common.jobStatus(), "jobId");
            if (last.isMissingNode()
                    || jobId == null
                    || "UPGRADING".equals(Trees.text(common.reconciliation(), "state"))
                    || "suspended".equals(last.path("job").path("state").asText())) {
                return;
            }
            Optional<JobSummary> job =
                    flink.jobs(ns, session).stream()
                            .filter(j -> j.id().toHexString().equals(jobId))
                            .findFirst();
            if (job.isEmpty()) {
                return;
            }
            ObjectNode js = common.jobStatus();
            String state = job.get().status().name();
            if (!state.equals(Trees.text(js, "state"))) {
                js.put("updateTime", String.valueOf(ctx.now().toEpochMilli()));
                ctx.recordEvent(cr, "Normal", "JobStatusChanged", "Job status changed to " + state);
            }
            js.put("state", state);
            js.put("startTime", String.valueOf(job.get().startTime().toEpochMilli()));
            if ("FAILED".equals(state)) {
                status.put("error", "Job " + jobId + " FAILED");
            }
            if ("DEPLOYED".equals(Trees.text(common.reconciliation(), "state"))
                    && ("RUNNING".equals(state) || "FINISHED".equals(state))) {
                common.stable();
            }
        }

        private void reconcileJob(JsonNode sessionCr, JsonNode last) {
            String was = last.path("job").path("state").asText("running");
            String will = spec.path("job").path("state").asText("running");
            if ("suspended".equals(was)) {
                if ("running".equals(will)) {
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
                Optional<String> restore = stopJob(sessionCr);
                if (restore != null) {
                    if (restore.isPresent()) {
                        common.jobStatus().put("upgradeSavepointPath", restore.get());
                    } else {
                        common.jobStatus().remove("upgradeSavepointPath");
                    }
                    common.recordSpec(spec, false);
                    common.stable();
                    ctx.recordEvent(cr, "Normal", "Suspended", "Job suspended");
                }
                return;
            }
            if (ReconciledSpecs.withJobState(spec, "running").equals(last)) {
                return;
            }
            ctx.recordEvent(
                    cr,
                    "Normal",
                    "SpecChanged",
                    "UPGRADE change(s) detected, starting reconciliation.");
            Optional<String> restore = stopJob(sessionCr);
            if (restore != null) {
                upgrading(restore.orElse(null));
            }
        }

        /** Write-ahead of an upgrade or resume: the target spec recorded suspended, UPGRADING. */
        private void upgrading(String restorePath) {
            if (restorePath != null) {
                common.jobStatus().put("upgradeSavepointPath", restorePath);
            } else {
                common.jobStatus().remove("upgradeSavepointPath");
            }
            status.remove("error");
            ObjectNode r = common.reconciliation();
            r.put("reconciliationTimestamp", ctx.now().toEpochMilli());
            r.put("state", "UPGRADING");
            r.put(
                    "lastReconciledSpec",
                    ReconciledSpecs.write(ReconciledSpecs.withJobState(spec, "suspended"), false));
        }

        /**
         * Stops the running job by its upgrade mode (as {@code DeploymentReconciler}, on the
         * session cluster); returns the restore path (empty: none), or null when the savepoint
         * failed: the job keeps running, the error is in the status and the change is retried
         * later.
         */
        private Optional<String> stopJob(JsonNode sessionCr) {
            String jobId = Trees.text(common.jobStatus(), "jobId");
            boolean running =
                    "RUNNING".equals(Trees.text(common.jobStatus(), "state")) && jobId != null;
            Optional<String> recorded =
                    Optional.ofNullable(Trees.text(common.jobStatus(), "upgradeSavepointPath"));
            if (!running) {
                return "stateless".equals(upgradeMode()) ? Optional.empty() : recorded;
            }
            JobID id = JobID.fromHexString(jobId);
            try {
                switch (upgradeMode()) {
                    case "savepoint" -> {
                        String path =
                                flink.stopWithSavepoint(ns, session, id, savepointDir(sessionCr));
                        common.jobStatus().put("state", "FINISHED");
                        ctx.recordEvent(
                                cr, "Normal", "SavepointCreated", "Savepoint created: " + path);
                        return Optional.of(path);
                    }
                    case "last-state" -> {
                        Optional<String> checkpoint = flink.latestCheckpoint(ns, session, id);
                        flink.cancel(ns, session, id);
                        common.jobStatus().put("state", "CANCELED");
                        return checkpoint.or(() -> recorded);
                    }
                    default -> {
                        flink.cancel(ns, session, id);
                        common.jobStatus().put("state", "CANCELED");
                        return Optional.empty();
                    }
                }
            } catch (FlinkK8sException e) {
                status.put("error", "Savepoint failed for job " + jobId + ": " + e.getMessage());
                ctx.recordEvent(cr, "Warning", "SavepointError", Trees.text(status, "error"));
                hold();
                return null;
            }
        }

        /** Uploads the jar and runs it on the session cluster, from {@code restorePath}. */
        private void submit(JsonNode sessionCr, String restorePath, boolean first) {
            JsonNode job = spec.path("job");
            List<String> args = new ArrayList<>();
            job.path("args").forEach(a -> args.add(a.asText()));
            JarRun run =
                    new JarRun(
                            job.path("entryClass").asText(null),
                            args,
                            job.path("parallelism").isNumber()
                                    ? job.path("parallelism").asInt()
                                    : null,
                            restorePath,
                            job.path("allowNonRestoredState").asBoolean(false));
            JobID id;
            try {
                id = flink.submitJar(ns, session, artifacts.jar(name), run);
            } catch (FlinkK8sException e) {
                status.put("error", "Submission of session job failed: " + e.getMessage());
                ctx.recordEvent(cr, "Warning", "SessionJobException", Trees.text(status, "error"));
                hold();
                return;
            }
            artifacts.submitted().put(Trees.uid(cr), new Submitted(ns, session, id));
            ObjectNode r = common.reconciliation();
            r.put("reconciliationTimestamp", ctx.now().toEpochMilli());
            r.put("state", "DEPLOYED");
            common.recordSpec(ReconciledSpecs.withJobState(spec, "running"), first);
            status.remove("error");
            ObjectNode js = common.jobStatus();
            js.put("jobId", id.toHexString());
            js.put("jobName", name);
            js.put("state", "RECONCILING");
            ctx.recordEvent(
                    cr,
                    "Normal",
                    "Submit",
                    "Starting job on session cluster "
                            + session
                            + (restorePath == null ? "" : " from savepoint " + restorePath));
        }

        private void hold() {
            long generation = Trees.meta(cr).path("generation").asLong(1);
            holds.put(
                    Trees.uid(cr),
                    new DeploymentReconciler.Hold(
                            generation, ctx.now().plus(DeploymentReconciler.RETRY)));
            ctx.wakeUpAt(ctx.now().plus(DeploymentReconciler.RETRY));
        }

        private String upgradeMode() {
            return spec.path("job").path("upgradeMode").asText("stateless");
        }

        /** The job's own savepoint dir, else the session cluster's (null: Flink's configured). */
        private String savepointDir(JsonNode sessionCr) {
            for (JsonNode conf :
                    new JsonNode[] {
                        spec.path("flinkConfiguration"),
                        sessionCr.path("spec").path("flinkConfiguration")
                    }) {
                Map<String, String> flat = SpecChanges.flat(conf);
                String dir =
                        flat.getOrDefault(
                                "execution.checkpointing.savepoint-dir",
                                flat.get("state.savepoints.dir"));
                if (dir != null) {
                    return dir;
                }
            }
            return null;
        }
    }
}
