package io.flinkk8s.sdk.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.testing.Specs;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {

    @Test
    void fillsEveryUnsetValue() {
        FlinkDeploymentSpec effective = SpecDefaults.apply(Specs.minimalApplication());

        assertThat(effective.namespace()).isEqualTo(SpecDefaults.NAMESPACE);
        assertThat(effective.flinkVersion()).isEqualTo(FlinkVersion.latest());
        assertThat(effective.mode()).isEqualTo(DeploymentMode.APPLICATION);
        assertThat(effective.jobManager().resource().memory())
                .isEqualTo(Memory.parse(SpecDefaults.JOB_MANAGER_MEMORY));
        assertThat(effective.taskManager().taskSlots()).isEqualTo(1);
        assertThat(effective.taskManager().resource().cpu()).isEqualTo(Cpu.of(1));
        assertThat(effective.job().upgradeMode()).isEqualTo(UpgradeMode.STATELESS);
        assertThat(effective.highAvailability().type()).isEqualTo(HighAvailabilityType.NONE);
        assertThat(effective.security().runAsUser()).isEqualTo(SpecDefaults.FLINK_UID);
    }

    @Test
    void anEffectiveSpecIsReturnedAsItIs() {
        FlinkDeploymentSpec effective = SpecDefaults.apply(Specs.statefulHa());

        assertThat(SpecDefaults.apply(effective)).isSameAs(effective);
    }

    @Test
    void keepsThePartsThatNeedNoDefault() {
        // given: only the TaskManager lacks a value
        FlinkDeploymentSpec effective = SpecDefaults.apply(Specs.statefulHa());
        FlinkDeploymentSpec spec =
                Specs.edit(effective).taskManager(new TaskManagerSpec(2, null, null, null)).build();
        // when
        FlinkDeploymentSpec applied = SpecDefaults.apply(spec);
        // then
        assertThat(applied).isNotSameAs(spec);
        assertThat(applied.jobManager()).isSameAs(spec.jobManager());
        assertThat(applied.job()).isSameAs(spec.job());
        assertThat(applied.security()).isSameAs(spec.security());
        assertThat(applied.taskManager().taskSlots()).isEqualTo(1);
        assertThat(applied.taskManager().replicas()).isEqualTo(2);
    }
}
