package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.config.OperatorAutoscalerOptions;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rules that hold only for {@code target: operator}, where the Flink Kubernetes Operator's CRD and
 * its own validator judge the rendered {@code FlinkDeployment}: what either would refuse is refused
 * here first, at the spec field to change.
 */
public final class OperatorRules {

    /** Turns on the operator's automatic rollback, which needs HA. */
    public static final String ROLLBACK_ENABLED = "kubernetes.operator.deployment.rollback.enabled";

    /** Turns on the operator's periodic savepoints, which need a savepoint dir. */
    public static final String PERIODIC_SAVEPOINT_INTERVAL =
            "kubernetes.operator.periodic.savepoint.interval";

    private OperatorRules() {}

    private static void jobAutoscalerOff(Checks checks, FlinkDeploymentSpec spec) {
        if (!applies(spec)
                || !spec.autoscaling().isEnabled()
                || spec.autoscaling().strategy() != AutoscalingStrategy.OPERATOR_HPA) {
            return;
        }
        Map<String, String> on = new TreeMap<>();
        for (String key : ManagedConfigKeys.allKeys(OperatorAutoscalerOptions.ENABLED)) {
            String value = spec.flinkConfiguration().get(key);
            if (value != null && "true".equalsIgnoreCase(value.trim())) {
                on.put(key, value);
            }
        }
        checks.eachEntry(
                "flinkConfiguration",
                on,
                (key, value) ->
                        checks.report(
                                "must not be true with autoscaling.strategy operator-hpa: its HPA"
                                        + " owns the number of TaskManagers; use"
                                        + " operator-autoscaler for the operator's autoscaler",
                                value));
    }

    public static boolean applies(FlinkDeploymentSpec spec) {
        return spec.target() == RenderTarget.OPERATOR;
    }

    /**
     * Whether the number of TaskManagers follows the job's parallelism rather than {@code
     * taskManager.replicas}: an application on the operator, whose native mode starts as many
     * TaskManagers as the parallelism needs, so a parallelism above replicas × slots is fine.
     */
    public static boolean taskManagersFollowParallelism(FlinkDeploymentSpec spec) {
        return applies(spec) && spec.mode() == DeploymentMode.APPLICATION;
    }

    /**
     * {@code flinkVersion} must be one the CRD of {@code operator.version} accepts; the message
     * names the versions it accepts and, when a newer operator accepts this one, that operator.
     */
    public static void flinkVersion(Checks checks, FlinkDeploymentSpec spec) {
        OperatorVersion operator = spec.operator().version();
        if (!applies(spec) || operator == null || operator.accepts(spec.flinkVersion())) {
            return;
        }
        String accepted =
                Arrays.stream(FlinkVersion.values())
                        .filter(operator::accepts)
                        .map(FlinkVersion::wireValue)
                        .collect(Collectors.joining(", "));
        String newer =
                Arrays.stream(OperatorVersion.values())
                        .filter(v -> v.accepts(spec.flinkVersion()))
                        .findFirst()
                        .map(v -> "; operator.version " + v.wireValue() + " accepts it")
                        .orElse("");
        checks.report(
                "flinkVersion",
                "must be one the Flink Kubernetes Operator "
                        + operator.wireValue()
                        + " accepts (its FlinkDeployment CRD) when target is operator: "
                        + accepted
                        + newer,
                spec.flinkVersion().wireValue());
    }

    /**
     * {@code operator.mode} native cannot carry the autoscaling strategy {@code operator-hpa},
     * whose HPA scales the TaskManager Deployment only the standalone mode has.
     */
    public static void mode(Checks checks, FlinkDeploymentSpec spec) {
        if (applies(spec)
                && spec.operator().mode() == OperatorMode.NATIVE
                && spec.autoscaling().isEnabled()
                && spec.autoscaling().strategy() == AutoscalingStrategy.OPERATOR_HPA) {
            checks.report(
                    "operator.mode",
                    "must be standalone with autoscaling.strategy operator-hpa: its HPA scales the"
                            + " TaskManager Deployment that only the operator's standalone mode"
                            + " creates",
                    OperatorMode.NATIVE.wireValue());
        }
    }

    /**
     * Why the operator needs a checkpoint dir for this spec beyond what holds for every target (the
     * last-state upgrade mode), or null: it requires one for the savepoint upgrade mode too.
     */
    public static String checkpointDirNeededBecause(FlinkDeploymentSpec spec) {
        if (applies(spec)
                && spec.mode() == DeploymentMode.APPLICATION
                && spec.job() != null
                && spec.job().upgradeMode() == UpgradeMode.SAVEPOINT) {
            return "job.upgradeMode is savepoint and target is operator (the operator needs a"
                    + " checkpoint dir for every stateful upgrade mode)";
        }
        return null;
    }

    /**
     * Why the operator needs a savepoint dir for this spec beyond the savepoint upgrade mode, or
     * null: periodic savepoints.
     */
    public static String savepointDirNeededBecause(FlinkDeploymentSpec spec, UserFlinkConfig user) {
        if (applies(spec) && user.entries().get(PERIODIC_SAVEPOINT_INTERVAL) != null) {
            return Checks.entryPath("flinkConfiguration", PERIODIC_SAVEPOINT_INTERVAL) + " is set";
        }
        return null;
    }

    /**
     * The operator's rollback needs Kubernetes HA; the operator's own autoscaler must stay off
     * under {@code operator-hpa}, whose HPA owns the TaskManager count (the autoscaler's
     * parallelism overrides would fight it, and reactive mode ignores them).
     */
    public static void flinkConfiguration(Checks checks, FlinkDeploymentSpec spec) {
        jobAutoscalerOff(checks, spec);
        String rollback = spec.flinkConfiguration().get(ROLLBACK_ENABLED);
        if (applies(spec)
                && rollback != null
                && "true".equalsIgnoreCase(rollback.trim())
                && !spec.highAvailability().enabled()) {
            checks.eachEntry(
                    "flinkConfiguration",
                    Map.of(ROLLBACK_ENABLED, rollback),
                    (key, value) ->
                            checks.report(
                                    "must not be true unless highAvailability.type is kubernetes:"
                                            + " the operator rolls back only with HA",
                                    value));
        }
    }
}
