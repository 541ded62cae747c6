package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.controllers.Trees;
import java.time.Instant;
import java.util.Locale;

/**
 * The status fields the operator derives from the others on every write: {@code lifecycleState}
 * ({@code CommonStatus#getLifecycleState}, research §3.3) and the {@code Running} condition ({@code
 * ConditionsUtils}, research §3.2).
 */
final class LifecycleStates {

    private LifecycleStates() {}

    /**
     * The lifecycle state of a status, checked in the operator's order: a stored DELETING/DELETED;
     * nothing reconciled yet (CREATED, or FAILED with an error); UPGRADING / ROLLING_BACK; a
     * suspended reconciled spec; a FAILED job (or a JobManager whose error needs a manual restore);
     * ROLLED_BACK; the reconciled spec stable (STABLE); else DEPLOYED.
     */
    static String derive(JsonNode status) {
        String stored = Trees.text(status, "lifecycleState");
        if ("DELETING".equals(stored) || "DELETED".equals(stored)) {
            return stored;
        }
        JsonNode reconciliation = status.path("reconciliationStatus");
        String lastReconciled = Trees.text(reconciliation, "lastReconciledSpec");
        String error = Trees.text(status, "error");
        if (lastReconciled == null) {
            return error != null ? "FAILED" : "CREATED";
        }
        String state = Trees.text(reconciliation, "state");
        if ("UPGRADING".equals(state) || "ROLLING_BACK".equals(state)) {
            return state;
        }
        if ("suspended"
                .equals(ReconciledSpecs.spec(lastReconciled).path("job").path("state").asText())) {
            return "SUSPENDED";
        }
        if ("FAILED".equals(status.path("jobStatus").path("state").asText())) {
            return "FAILED";
        }
        String jm = Trees.text(status, "jobManagerDeploymentStatus");
        if (("MISSING".equals(jm) || "ERROR".equals(jm)) && needsManualRestore(error)) {
            return "FAILED";
        }
        if ("ROLLED_BACK".equals(state)) {
            return "ROLLED_BACK";
        }
        if (lastReconciled.equals(Trees.text(reconciliation, "lastStableSpec"))) {
            return "STABLE";
        }
        return "DEPLOYED";
    }

    private static boolean needsManualRestore(String error) {
        if (error == null) {
            return false;
        }
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("manual restore required")
                || e.contains("ha metadata not available")
                || e.contains("deleted configmap");
    }

    /**
     * The {@code Running} condition: in application mode true when the job is RUNNING, reason the
     * job state in camel case; in session mode true when the JobManager is READY, reason and
     * message of its {@code JobManagerDeploymentStatus}. The transition time is kept while the
     * condition's status stays the same. Null when there is nothing to say yet.
     */
    static ObjectNode runningCondition(
            JsonNode status, boolean application, JsonNode previous, Instant now) {
        ObjectNode condition = Trees.object();
        condition.put("type", "Running");
        if (application) {
            String job = Trees.text(status.path("jobStatus"), "state");
            if (job == null) {
                return null;
            }
            condition.put("status", "RUNNING".equals(job) ? "True" : "False");
            condition.put("reason", job.charAt(0) + job.substring(1).toLowerCase(Locale.ROOT));
            condition.put("message", "Job status " + job);
        } else {
            String jm = Trees.text(status, "jobManagerDeploymentStatus");
            if (jm == null) {
                return null;
            }
            condition.put("status", "READY".equals(jm) ? "True" : "False");
            condition.put("reason", jobManagerReason(jm));
            condition.put("message", jobManagerMessage(jm));
        }
        JsonNode before = Trees.find(previous, "type", "Running");
        String since =
                before != null
                                && condition
                                        .path("status")
                                        .asText()
                                        .equals(Trees.text(before, "status"))
                        ? Trees.text(before, "lastTransitionTime")
                        : now.toString();
        condition.put("lastTransitionTime", since);
        return condition;
    }

    private static String jobManagerReason(String status) {
        return switch (status) {
            case "READY" -> "JobManagerReady";
            case "DEPLOYED_NOT_READY" -> "DeployedNotReady";
            case "DEPLOYING" -> "JobManagerIsDeploying";
            case "MISSING" -> "JobManagerDeploymentMissing";
            default -> "Error";
        };
    }

    private static String jobManagerMessage(String status) {
        return switch (status) {
            case "READY" -> "JobManager is running and ready to receive REST API calls";
            case "DEPLOYED_NOT_READY" ->
                    "JobManager is running but not yet ready to receive REST API calls";
            case "DEPLOYING" -> "JobManager process is starting up";
            case "MISSING" -> "JobManager deployment not found";
            default -> "JobManager deployment failed";
        };
    }
}
