package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import java.time.Duration;

/**
 * Rules for {@code restore}: only with a job, a positive age limit, and choices the upgrade mode
 * can keep (with {@code last-state} Flink recovers the latest checkpoint from its HA data on its
 * own, so neither a savepoint-only nor a stateless start can be promised).
 */
public final class RestoreRules {

    private RestoreRules() {}

    public static void restore(Checks checks, FlinkDeploymentSpec spec) {
        RestorePolicy restore = spec.restore();
        if (spec.job() == null) {
            if (!restore.equals(RestorePolicy.unset())) {
                checks.report(
                        "restore",
                        "must not be set without a job (session mode): there is no job to restore",
                        null);
            }
            return;
        }
        UpgradeMode mode = spec.job().upgradeMode();
        checks.at(
                "restore",
                () -> {
                    Durations.atLeast(checks, "maxAge", restore.maxAge(), Duration.ofSeconds(1));
                    if (restore.startsWithoutStateWhenTooOld() && restore.maxAge() == null) {
                        checks.report(
                                "whenTooOld",
                                "must not be start-without-state unless restore.maxAge is set:"
                                        + " without an age limit no state is too old",
                                restore.whenTooOld().wireValue());
                    }
                    if (mode != UpgradeMode.LAST_STATE) {
                        return;
                    }
                    if (restore.from() != null
                            && restore.from() != RestoreFrom.LATEST_CHECKPOINT_OR_SAVEPOINT) {
                        checks.report(
                                "from",
                                "must be latest-checkpoint-or-savepoint with job.upgradeMode"
                                        + " last-state, which recovers the latest checkpoint from"
                                        + " Kubernetes HA data; use job.upgradeMode savepoint to"
                                        + " restart from savepoints only",
                                restore.from().wireValue());
                    }
                    if (restore.startsWithoutStateWhenTooOld()) {
                        checks.report(
                                "whenTooOld",
                                "must be refuse with job.upgradeMode last-state: Flink recovers"
                                        + " the latest checkpoint from its HA data on its own, so"
                                        + " the job cannot be started without state",
                                restore.whenTooOld().wireValue());
                    }
                });
    }
}
