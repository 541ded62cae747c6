package io.flinkk8s.sdk.testkit.internal.controllers.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the operator classifies a spec change ({@code ReflectiveDiffBuilder} with the {@code
 * DiffType} annotations of the operator's spec classes; research §2.1, §2.3, §2.5): the highest of
 * IGNORE &lt; SCALE &lt; UPGRADE &lt; SAVEPOINT_REDEPLOY over every changed field. {@code
 * job.state} is not part of it: suspend and resume are decided before the diff.
 */
final class SpecChanges {

    /** The operator's {@code DiffType}, lowest first. */
    enum DiffType {
        IGNORE,
        SCALE,
        UPGRADE,
        SAVEPOINT_REDEPLOY
    }

    /** Job fields whose change alone redeploys nothing (research §2.3: "Diff: IGNORE"). */
    private static final String[] IGNORED_JOB_FIELDS = {
        "state",
        "upgradeMode",
        "savepointTriggerNonce",
        "checkpointTriggerNonce",
        "initialSavepointPath",
        "allowNonRestoredState",
        "autoscalerResetNonce",
        "savepointRedeployNonce",
        "parallelism"
    };

    /** Flink keys whose change is ignored (research §2.1, {@code flinkConfiguration}). */
    private static final String[] IGNORED_KEY_PREFIXES = {
        "job.autoscaler.", "kubernetes.operator."
    };

    private SpecChanges() {}

    /**
     * The diff type of the change from {@code before} to {@code after} (two FlinkDeployment specs)
     * in {@code mode} ({@code native} or {@code standalone}).
     */
    static DiffType classify(JsonNode before, JsonNode after, boolean standalone) {
        DiffType type = DiffType.IGNORE;
        // restartNonce and savepointRedeployNonce: onNullIgnore (research §2.1, §2.3)
        if (changedNonNull(before.path("restartNonce"), after.path("restartNonce"))) {
            type = max(type, DiffType.UPGRADE);
        }
        JsonNode jobBefore = before.path("job");
        JsonNode jobAfter = after.path("job");
        if (changedNonNull(
                jobBefore.path("savepointRedeployNonce"),
                jobAfter.path("savepointRedeployNonce"))) {
            type = max(type, DiffType.SAVEPOINT_REDEPLOY);
        }
        // job.parallelism and taskManager.replicas: SCALE in standalone mode, else UPGRADE
        DiffType scale = standalone ? DiffType.SCALE : DiffType.UPGRADE;
        if (!jobBefore.path("parallelism").equals(jobAfter.path("parallelism"))) {
            type = max(type, scale);
        }
        if (!before.path("taskManager")
                .path("replicas")
                .equals(after.path("taskManager").path("replicas"))) {
            type = max(type, scale);
        }
        type = max(type, configurationChange(before, after, standalone));
        if (!rest(before).equals(rest(after))) {
            type = max(type, DiffType.UPGRADE);
        }
        return type;
    }

    private static DiffType configurationChange(
            JsonNode before, JsonNode after, boolean standalone) {
        Map<String, String> was = flat(before.path("flinkConfiguration"));
        Map<String, String> will = flat(after.path("flinkConfiguration"));
        DiffType type = DiffType.IGNORE;
        TreeMap<String, String> keys = new TreeMap<>(was);
        keys.putAll(will);
        for (String key : keys.keySet()) {
            if (Objects.equals(was.get(key), will.get(key)) || ignored(key)) {
                continue;
            }
            // parallelism overrides: SCALE in native mode (research §2.1)
            type =
                    max(
                            type,
                            key.equals("pipeline.jobvertex-parallelism-overrides") && !standalone
                                    ? DiffType.SCALE
                                    : DiffType.UPGRADE);
        }
        return type;
    }

    private static boolean ignored(String key) {
        if (key.equals("parallelism.default")) {
            return true;
        }
        for (String prefix : IGNORED_KEY_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The spec without the fields compared on their own. */
    private static JsonNode rest(JsonNode spec) {
        ObjectNode copy = spec.deepCopy();
        copy.remove("restartNonce");
        copy.remove("flinkConfiguration");
        if (copy.get("taskManager") instanceof ObjectNode tm) {
            tm.remove("replicas");
        }
        if (copy.get("job") instanceof ObjectNode job) {
            for (String field : IGNORED_JOB_FIELDS) {
                job.remove(field);
            }
        }
        return copy;
    }

    private static boolean changedNonNull(JsonNode before, JsonNode after) {
        return !after.isMissingNode() && !after.isNull() && !after.equals(before);
    }

    private static DiffType max(DiffType a, DiffType b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * {@code flinkConfiguration} as flat {@code key: value} text, nested maps joined with dots (the
     * operator's {@code ConfigObjectNode#asFlatMap}).
     */
    static Map<String, String> flat(JsonNode configuration) {
        Map<String, String> into = new TreeMap<>();
        flatten("", configuration, into);
        return into;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e ->
                                    flatten(
                                            prefix.isEmpty()
                                                    ? e.getKey()
                                                    : prefix + "." + e.getKey(),
                                            e.getValue(),
                                            into));
        } else if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(v -> sb.append(sb.isEmpty() ? "" : ";").append(v.asText()));
            into.put(prefix, sb.toString());
        } else {
            into.put(prefix, node.asText());
        }
    }
}
