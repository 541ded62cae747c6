package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.ApplyPlan;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.FieldChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange;
import io.flinkk8s.sdk.core.deploy.ResourceChange.Action;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransitionTest {

    private static final ApplyPlan NEW_IMAGE =
            plan(
                    new ResourceChange(
                            "Deployment",
                            "orders-jobmanager",
                            Action.UPDATE,
                            List.of(
                                    new FieldChange(
                                            "spec.template.spec.containers[0].image", "a", "b"))));
    private static final ApplyPlan MORE_TASK_MANAGERS =
            plan(
                    new ResourceChange(
                            "Deployment",
                            "orders-taskmanager",
                            Action.UPDATE,
                            List.of(new FieldChange("spec.replicas", "3", "4"))));

    @Test
    void aFirstApplyMovesNoJob() {
        assertThat(Reconciler.decide(effective(Specs.statefulHa()), Optional.empty(), NEW_IMAGE))
                .isEqualTo(Transition.NONE);
    }

    @Test
    void aPodTemplateChangeOfASavepointJobIsASavepointUpgrade() {
        assertThat(decide(Specs.statefulHa(), Specs.statefulHa(), NEW_IMAGE))
                .isEqualTo(Transition.SAVEPOINT_UPGRADE);
    }

    @Test
    void aReplicaCountChangeMovesNoJob() {
        assertThat(decide(Specs.statefulHa(), Specs.statefulHa(), MORE_TASK_MANAGERS))
                .isEqualTo(Transition.NONE);
    }

    @Test
    void statelessAndLastStateJobsAreRedeployed() {
        FlinkDeploymentSpec stateless = withMode(UpgradeMode.STATELESS);
        FlinkDeploymentSpec lastState = withMode(UpgradeMode.LAST_STATE);

        assertThat(decide(stateless, stateless, NEW_IMAGE)).isEqualTo(Transition.REDEPLOY);
        assertThat(decide(lastState, lastState, NEW_IMAGE)).isEqualTo(Transition.REDEPLOY);
    }

    @Test
    void changingTheJobStateSuspendsOrResumes() {
        FlinkDeploymentSpec running = Specs.statefulHa();
        FlinkDeploymentSpec suspended = withState(JobState.SUSPENDED);

        assertThat(decide(running, suspended, NEW_IMAGE)).isEqualTo(Transition.SUSPEND);
        assertThat(decide(suspended, running, MORE_TASK_MANAGERS)).isEqualTo(Transition.RESUME);
        assertThat(decide(suspended, suspended, NEW_IMAGE)).isEqualTo(Transition.NONE);
    }

    @Test
    void aSessionClusterMovesNoJob() {
        assertThat(decide(Specs.session(), Specs.session(), NEW_IMAGE)).isEqualTo(Transition.NONE);
    }

    private static Transition decide(
            FlinkDeploymentSpec applied, FlinkDeploymentSpec next, ApplyPlan plan) {
        return Reconciler.decide(effective(next), Optional.of(StateRecord.first(applied)), plan);
    }

    private static FlinkDeploymentSpec withMode(UpgradeMode mode) {
        return Specs.statefulHa().withJob(Specs.statefulHa().job().withUpgradeMode(mode));
    }

    private static FlinkDeploymentSpec withState(JobState state) {
        return Specs.statefulHa().withJob(Specs.statefulHa().job().withState(state));
    }

    private static EffectiveSpec effective(FlinkDeploymentSpec spec) {
        return EffectiveSpec.of(spec);
    }

    private static ApplyPlan plan(ResourceChange change) {
        return new ApplyPlan("streaming", "orders", List.of(change), List.of());
    }
}
