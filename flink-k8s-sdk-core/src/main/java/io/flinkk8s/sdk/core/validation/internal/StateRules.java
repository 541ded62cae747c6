package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.internal.FlinkDurations;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * Rules for where state goes: {@code checkpointing} and {@code highAvailability}. A directory the
 * upgrade mode or HA needs is reported at its spec field, and a user value for the same Flink
 * option in {@code flinkConfiguration} counts as set.
 */
public final class StateRules {

    private StateRules() {}

    public static void checkpointing(
            Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
        CheckpointingSpec cp = spec.checkpointing();
        UpgradeMode upgradeMode =
                spec.mode() == DeploymentMode.APPLICATION && spec.job() != null
                        ? spec.job().upgradeMode()
                        : null;
        checks.at(
                "checkpointing",
                () -> {
                    Duration interval = cp.interval();
                    if (interval != null && (interval.isZero() || interval.isNegative())) {
                        checks.report("interval", "must be > 0", FlinkDurations.format(interval));
                    }
                    if (interval == null && needsRestarts(spec, user)) {
                        checks.report(
                                "interval",
                                "must be set while autoscaling uses reactive mode (strategy "
                                        + spec.autoscaling().strategy().wireValue()
                                        + "): every rescale restarts the job from its latest"
                                        + " checkpoint, so without checkpoints it loses its state,"
                                        + " and without a restart strategy (or set "
                                        + Checks.entryPath(
                                                "flinkConfiguration",
                                                RestartStrategyOptions.RESTART_STRATEGY.key())
                                        + ") Flink fails it instead of rescaling",
                                null);
                    }
                    Directory checkpoints =
                            new Directory(
                                    "checkpointDir",
                                    cp.checkpointDir(),
                                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                                    upgradeMode == UpgradeMode.LAST_STATE
                                            ? "job.upgradeMode is " + upgradeMode.wireValue()
                                            : OperatorRules.checkpointDirNeededBecause(spec));
                    Directory savepoints =
                            new Directory(
                                    "savepointDir",
                                    cp.savepointDir(),
                                    CheckpointingOptions.SAVEPOINT_DIRECTORY,
                                    upgradeMode == UpgradeMode.SAVEPOINT
                                            ? "job.upgradeMode is " + upgradeMode.wireValue()
                                            : OperatorRules.savepointDirNeededBecause(spec, user));
                    checkpoints.check(checks, user);
                    savepoints.check(checks, user);
                });
    }

    /**
     * Whether reactive mode would run without a restart strategy: no checkpoint interval and no
     * restart strategy in {@code flinkConfiguration}.
     */
    private static boolean needsRestarts(FlinkDeploymentSpec spec, UserFlinkConfig user) {
        return spec.autoscaling().usesReactiveMode()
                && user.entry(CheckpointingOptions.CHECKPOINTING_INTERVAL).isEmpty()
                && user.entry(RestartStrategyOptions.RESTART_STRATEGY).isEmpty();
    }

    public static void highAvailability(
            Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
        HighAvailabilitySpec ha = spec.highAvailability();
        checks.at(
                "highAvailability",
                () ->
                        new Directory(
                                        "storageDir",
                                        ha.storageDir(),
                                        HighAvailabilityOptions.HA_STORAGE_PATH,
                                        ha.enabled()
                                                ? "highAvailability.type is "
                                                        + ha.type().wireValue()
                                                : null)
                                .check(checks, user));
    }

    /**
     * A directory field.
     *
     * @param field the spec field
     * @param value may be null: unset
     * @param option the Flink option the field is written to
     * @param requiredWhen may be null: not required; else the condition that requires it, for the
     *     message
     */
    private record Directory(
            String field, String value, ConfigOption<?> option, String requiredWhen) {

        void check(Checks checks, UserFlinkConfig user) {
            if (value == null) {
                if (requiredWhen != null && user.entry(option).isEmpty()) {
                    checks.report(
                            field,
                            "must be set when "
                                    + requiredWhen
                                    + " (or set "
                                    + Checks.entryPath("flinkConfiguration", option.key())
                                    + ")",
                            null);
                }
            } else if (!Uris.hasScheme(value)) {
                checks.report(field, "must be " + Uris.WITH_SCHEME, value);
            }
        }
    }
}
