package io.flinkk8s.sdk.core.deploy.internal;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import java.util.Set;

/**
 * How the Flink Kubernetes Operator classifies an applied {@code FlinkDeployment} change, read off
 * the plan's field changes: the operator's {@code DiffType} (IGNORE &lt; SCALE &lt; UPGRADE &lt;
 * SAVEPOINT_REDEPLOY), the highest over every changed field, by the rules of its spec classes'
 * {@code @SpecDiff} annotations ({@code ReflectiveDiffBuilder}; research flink-operator.md §2.1,
 * §2.3, §2.5), as the testkit's operator stand-in applies them. {@code job.state} is not part of
 * it: the operator decides suspend and resume before the diff.
 */
final class OperatorDiff {

    /** The operator's {@code DiffType}, lowest first. */
    enum DiffType {
        IGNORE,
        SCALE,
        UPGRADE,
        SAVEPOINT_REDEPLOY
    }

    /** Job fields whose change alone redeploys nothing (research §2.3: "Diff: IGNORE"). */
    private static final Set<String> IGNORED_JOB_FIELDS =
            Set.of(
                    "state",
                    "upgradeMode",
                    "savepointTriggerNonce",
                    "checkpointTriggerNonce",
                    "initialSavepointPath",
                    "allowNonRestoredState",
                    "autoscalerResetNonce");

    private static final String CONFIGURATION = "spec.flinkConfiguration";

    private OperatorDiff() {}

    /**
     * The diff type of the plan's FlinkDeployment change ({@code IGNORE} when it has none), with
     * the FlinkDeployment in {@code standalone} mode or not (native); a changed
     * HorizontalPodAutoscaler counts as SCALE.
     */
    static DiffType classify(ApplyPlan plan, boolean standalone) {
        DiffType type = DiffType.IGNORE;
        for (ResourceChange c : plan.changes(ResourceChange.Action.UPDATE)) {
            if (c.kind().equals(ObjectKind.HORIZONTAL_POD_AUTOSCALER.kind())) {
                type = max(type, DiffType.SCALE);
            }
            if (!c.kind().equals(ObjectKind.FLINK_DEPLOYMENT_KIND)) {
                continue;
            }
            for (FieldChange f : c.fields()) {
                type = max(type, of(f.path(), standalone));
            }
        }
        return type;
    }

    /** The diff type of one changed field of a FlinkDeployment. */
    static DiffType of(String path, boolean standalone) {
        if (!path.startsWith("spec.")) {
            return DiffType.IGNORE; // metadata: labels, annotations
        }
        DiffType scale = standalone ? DiffType.SCALE : DiffType.UPGRADE;
        if (path.equals("spec.restartNonce")) {
            return DiffType.UPGRADE;
        }
        if (path.equals("spec.job.savepointRedeployNonce")) {
            return DiffType.SAVEPOINT_REDEPLOY;
        }
        if (path.equals("spec.job.parallelism") || path.equals("spec.taskManager.replicas")) {
            return scale;
        }
        if (path.startsWith("spec.job.")
                && IGNORED_JOB_FIELDS.contains(path.substring("spec.job.".length()))) {
            return DiffType.IGNORE;
        }
        if (path.startsWith(CONFIGURATION)) {
            return configuration(key(path.substring(CONFIGURATION.length())), standalone);
        }
        return DiffType.UPGRADE;
    }

    /**
     * A Flink option: operator and autoscaler keys ignored, parallelism overrides SCALE natively.
     */
    private static DiffType configuration(String key, boolean standalone) {
        if (key.isEmpty()) {
            return DiffType.UPGRADE; // the whole map appeared or went
        }
        if (key.equals("parallelism.default")
                || key.startsWith("job.autoscaler.")
                || key.startsWith("kubernetes.operator.")) {
            return DiffType.IGNORE;
        }
        return key.equals("pipeline.jobvertex-parallelism-overrides") && !standalone
                ? DiffType.SCALE
                : DiffType.UPGRADE;
    }

    /** {@code ['a.b']} or {@code .a.b} after the map's path: {@code a.b}. */
    private static String key(String rest) {
        String k = rest.startsWith(".") ? rest.substring(1) : rest;
        return k.replace("['", "").replace("']", ".").replaceAll("\\.$", "").replace("..", ".");
    }

    private static DiffType max(DiffType a, DiffType b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
