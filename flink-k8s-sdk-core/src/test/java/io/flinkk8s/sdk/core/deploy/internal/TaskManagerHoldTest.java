package io.flinkk8s.sdk.core.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskManagerHoldTest {

    /** 3 TaskManagers of 2 slots, parallelism 6. */
    private static final FlinkDeploymentSpec OFF = Specs.statefulHa();

    private static final FlinkDeploymentSpec ON =
            OFF.withAutoscaling(AutoscalingPolicy.taskManagers(2, 8));

    private static Optional<StateRecord> recorded(FlinkDeploymentSpec spec) {
        return Optional.of(StateRecord.first(spec));
    }

    /** What the cluster lists: the TaskManager Deployment at {@code replicas}. */
    private static Live taskManagersAt(int replicas) {
        return new Live(
                Map.of(
                        new ResourceKey("Deployment", "orders-taskmanager"),
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("orders-taskmanager")
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(replicas)
                                .endSpec()
                                .build()),
                Set.of("Deployment"));
    }

    private static Integer decide(
            FlinkDeploymentSpec spec, Optional<StateRecord> record, Live live) {
        return TaskManagerHold.decide(EffectiveSpec.of(spec), record, live, false);
    }

    @Test
    void turningAutoscalingOffKeepsTheCountTheHpaLeft() {
        assertThat(decide(OFF, recorded(ON), taskManagersAt(6))).isEqualTo(6);
    }

    @Test
    void aCountKeptEarlierStaysWhileTaskManagerReplicasStays() {
        Optional<StateRecord> held = recorded(OFF).map(r -> r.withHeldTaskManagers(6));

        assertThat(decide(OFF, held, taskManagersAt(6))).isEqualTo(6);
        assertThat(decide(OFF.withImage("orders:2"), held, taskManagersAt(6))).isEqualTo(6);
    }

    @Test
    void anotherTaskManagerReplicasEndsIt() {
        Optional<StateRecord> held = recorded(OFF).map(r -> r.withHeldTaskManagers(6));

        assertThat(decide(OFF.withTaskManagerReplicas(4), held, taskManagersAt(6))).isNull();
        assertThat(decide(OFF.withTaskManagerReplicas(4), recorded(ON), taskManagersAt(6)))
                .isNull();
    }

    @Test
    void scalingByHandEndsIt() {
        Optional<StateRecord> held = recorded(OFF).map(r -> r.withHeldTaskManagers(6));

        assertThat(TaskManagerHold.decide(EffectiveSpec.of(OFF), held, taskManagersAt(6), true))
                .isNull();
    }

    @Test
    void nothingIsHeldWhileTheHpaOwnsTheCount() {
        Optional<StateRecord> held = recorded(OFF).map(r -> r.withHeldTaskManagers(6));

        assertThat(decide(ON, held, taskManagersAt(6))).isNull();
        assertThat(TaskManagerHold.applyTo(EffectiveSpec.of(ON), 6))
                .isEqualTo(EffectiveSpec.of(ON));
    }

    @Test
    void nothingIsHeldWhenTheHpaLeftTheSpecsCountOrNone() {
        assertThat(decide(OFF, recorded(ON), taskManagersAt(3))).isNull();
        assertThat(decide(OFF, recorded(ON), taskManagersAt(0))).isNull();
        assertThat(decide(OFF, recorded(ON), Live.empty())).isNull();
        assertThat(decide(OFF, Optional.empty(), taskManagersAt(6))).isNull();
    }

    @Test
    void aSuspensionKeepsTheHeldCountForTheResume() {
        Optional<StateRecord> held = recorded(OFF).map(r -> r.withHeldTaskManagers(6));
        FlinkDeploymentSpec suspended = OFF.withJob(OFF.job().withState(JobState.SUSPENDED));

        assertThat(decide(suspended, held, taskManagersAt(0))).isEqualTo(6);
    }

    @Test
    void theOperatorTargetHoldsNothing() {
        FlinkDeploymentSpec operator = OFF.withTarget(RenderTarget.OPERATOR);
        Optional<StateRecord> held = recorded(operator).map(r -> r.withHeldTaskManagers(6));

        assertThat(decide(operator, held, taskManagersAt(6))).isNull();
    }

    @Test
    void theHeldCountIsRenderedAsTaskManagerReplicasWithAnAdvisory() {
        EffectiveSpec effective = EffectiveSpec.of(OFF);

        assertThat(TaskManagerHold.applyTo(effective, 6).spec().taskManager().replicas())
                .isEqualTo(6);
        assertThat(TaskManagerHold.advisory(effective, 6))
                .contains(
                        new Advisory(
                                "taskManager.replicas",
                                "TaskManagers stay at 6 (the autoscaler's last count) until"
                                        + " taskManager.replicas changes or scale(n) is called"));
        assertThat(TaskManagerHold.advisory(effective, null)).isEmpty();
    }

    @Test
    void aCountTooSmallForTheJobsParallelismIsRaisedToFitIt() {
        // given: parallelism 6 needs 3 TaskManagers of 2 slots; the HPA left 2
        EffectiveSpec effective = EffectiveSpec.of(OFF.withTaskManagerReplicas(4));
        // when
        Integer held =
                TaskManagerHold.decide(
                        effective,
                        recorded(ON.withTaskManagerReplicas(4)),
                        taskManagersAt(2),
                        false);
        // then
        assertThat(held).isEqualTo(2);
        assertThat(TaskManagerHold.applyTo(effective, held).spec().taskManager().replicas())
                .isEqualTo(3);
        assertThat(TaskManagerHold.advisory(effective, held))
                .map(Advisory::message)
                .contains(
                        "TaskManagers stay at 3 (the autoscaler's last count of 2, raised to what"
                                + " job.parallelism 6 needs) until taskManager.replicas changes"
                                + " or scale(n) is called");
    }
}
