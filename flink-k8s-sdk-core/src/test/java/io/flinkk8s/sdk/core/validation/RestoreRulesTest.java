package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.policy.RestoreFrom;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.StaleStateAction;
import io.flinkk8s.sdk.core.testing.Specs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestoreRulesTest {

    private static FlinkDeploymentSpec stateful(UpgradeMode mode, RestorePolicy restore) {
        FlinkDeploymentSpec spec = Specs.statefulHa();
        return spec.edit().job(spec.job().withUpgradeMode(mode)).restore(restore).build();
    }

    @Test
    void acceptsEveryChoiceWithASavepointUpgradeMode() {
        for (RestoreFrom from : RestoreFrom.values()) {
            assertThat(
                            Violations.of(
                                    stateful(
                                            UpgradeMode.SAVEPOINT,
                                            new RestorePolicy(
                                                    from,
                                                    Duration.ofHours(1),
                                                    StaleStateAction.START_WITHOUT_STATE))))
                    .isEmpty();
        }
    }

    @Test
    void rejectsANonPositiveMaxAgeWithItsPath() {
        assertThat(
                        Violations.of(
                                stateful(
                                        UpgradeMode.SAVEPOINT,
                                        new RestorePolicy(null, Duration.ZERO, null))))
                .containsExactly("restore.maxAge: must be >= 1 s, was '0 ms'");
    }

    @Test
    void rejectsStartingWithoutStateWhenNoMaxAgeMakesAStateTooOld() {
        assertThat(
                        Violations.of(
                                stateful(
                                        UpgradeMode.SAVEPOINT,
                                        new RestorePolicy(
                                                null, null, StaleStateAction.START_WITHOUT_STATE))))
                .containsExactly(
                        "restore.whenTooOld: must not be start-without-state unless"
                                + " restore.maxAge is set: without an age limit no state is too"
                                + " old, was 'start-without-state'");
    }

    @Test
    void rejectsChoicesLastStateCannotKeepWithTheirPaths() {
        assertThat(
                        Violations.of(
                                stateful(
                                        UpgradeMode.LAST_STATE,
                                        new RestorePolicy(
                                                RestoreFrom.LATEST_SAVEPOINT,
                                                Duration.ofHours(1),
                                                StaleStateAction.START_WITHOUT_STATE))))
                .containsExactly(
                        "restore.from: must be latest-checkpoint-or-savepoint with"
                                + " job.upgradeMode last-state, which recovers the latest"
                                + " checkpoint from Kubernetes HA data; use job.upgradeMode"
                                + " savepoint to restart from savepoints only, was"
                                + " 'latest-savepoint'",
                        "restore.whenTooOld: must be refuse with job.upgradeMode last-state:"
                                + " Flink recovers the latest checkpoint from its HA data on its"
                                + " own, so the job cannot be started without state, was"
                                + " 'start-without-state'");
    }

    @Test
    void anUnsetFromFollowsTheUpgradeModeSoLastStateNeedsNothingSet() {
        FlinkDeploymentSpec lastState =
                stateful(
                        UpgradeMode.LAST_STATE, new RestorePolicy(null, Duration.ofHours(1), null));
        assertThat(Violations.of(lastState)).isEmpty();
        assertThat(EffectiveSpec.of(lastState).spec().restore())
                .isEqualTo(new RestorePolicy(null, Duration.ofHours(1), StaleStateAction.REFUSE));
        assertThat(SpecDefaults.restoreFrom(UpgradeMode.LAST_STATE))
                .isEqualTo(RestoreFrom.LATEST_CHECKPOINT_OR_SAVEPOINT);
        assertThat(SpecDefaults.restoreFrom(UpgradeMode.SAVEPOINT))
                .isEqualTo(RestoreFrom.LATEST_SAVEPOINT);
    }

    @Test
    void rejectsARestorePolicyWithoutAJob() {
        assertThat(
                        Violations.of(
                                Specs.session()
                                        .withRestore(
                                                new RestorePolicy(RestoreFrom.NONE, null, null))))
                .containsExactly(
                        "restore: must not be set without a job (session mode): there is no job"
                                + " to restore");
        assertThat(EffectiveSpec.of(Specs.session()).spec().restore())
                .isEqualTo(RestorePolicy.unset());
    }
}
