package io.flinkk8s.sdk.core.validation;

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

/**
 * Rules for where state goes: {@code checkpointing} and {@code highAvailability}. A directory the
 * upgrade mode or HA needs is reported at its spec field, and a user value for the same Flink
 * option in {@code flinkConfiguration} counts as set.
 */
final class StateRules {

    private StateRules() {}

    static void checkpointing(Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
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

    static void highAvailability(Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
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
