package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessRulesTest {

    private static final String TM_TOO_SMALL_FOR_OVERHEADS =
            "taskManager.resource.memory: must fit Flink's TaskManager memory model; Flink: Sum of"
                    + " configured JVM Metaspace (256.000mb (268435456 bytes)) and JVM Overhead"
                    + " (192.000mb (201326592 bytes)) exceed configured Total Process Memory"
                    + " (256.000mb (268435456 bytes)), was '256m'";

    private static FlinkDeploymentSpec withTaskManager(TaskManagerSpec tm) {
        return Specs.minimalApplication().edit().taskManager(tm).build();
    }

    private static FlinkDeploymentSpec withTaskManagerResources(Resources resources) {
        return withTaskManager(new TaskManagerSpec(null, null, resources, null));
    }

    private static FlinkDeploymentSpec withJobManagerResources(Resources resources) {
        return Specs.minimalApplication()
                .edit()
                .jobManager(new JobManagerSpec(null, resources, null))
                .build();
    }

    @Test
    void rejectsZeroJobManagerReplicas() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .jobManager(new JobManagerSpec(0, null, null))
                        .build();

        assertThat(Violations.of(spec)).containsExactly("jobManager.replicas: must be >= 1, was 0");
    }

    @Test
    void rejectsStandbyJobManagersWithoutHighAvailability() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().highAvailability(HighAvailabilitySpec.none()).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "jobManager.replicas: must be 1 unless highAvailability.type is kubernetes"
                                + " (standby JobManagers need HA), was 2");
    }

    @Test
    void acceptsStandbyJobManagersWithHighAvailability() {
        assertThat(Specs.statefulHa().jobManager().replicas()).isEqualTo(2);
        assertThat(Violations.of(Specs.statefulHa())).isEmpty();
    }

    @Test
    void rejectsTaskManagerReplicasAndSlotsBelowOne() {
        assertThat(Violations.of(withTaskManager(new TaskManagerSpec(0, -1, null, null))))
                .containsExactly(
                        "taskManager.replicas: must be >= 1, was 0",
                        "taskManager.taskSlots: must be >= 1, was -1");
    }

    @Test
    void acceptsTaskManagerReplicasAndSlotsOfOneAndMore() {
        assertThat(Violations.of(withTaskManager(new TaskManagerSpec(1, 1, null, null)))).isEmpty();
        assertThat(Violations.of(withTaskManager(new TaskManagerSpec(20, 8, null, null))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0.5", "500m", "2", "1.25"})
    void acceptsPositiveCpuQuantities(String cpu) {
        Resources resources = Resources.unset().withCpu(Cpu.parse(cpu));

        assertThat(Violations.of(withTaskManagerResources(resources))).isEmpty();
        assertThat(Violations.of(withJobManagerResources(resources))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1 core", "1..5"})
    void rejectsCpuThatIsNotAQuantity(String cpu) {
        Resources resources = Resources.unset().withCpu(Cpu.parse(cpu));

        assertThat(Violations.of(withTaskManagerResources(resources)))
                .containsExactly(
                        "taskManager.resource.cpu: must be a Kubernetes CPU quantity such as 1,"
                                + " 0.5 or 500m, was '"
                                + cpu
                                + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0m", "-1"})
    void rejectsCpuThatIsNotPositive(String cpu) {
        Resources resources = Resources.unset().withCpu(Cpu.parse(cpu));

        assertThat(Violations.of(withJobManagerResources(resources)))
                .containsExactly("jobManager.resource.cpu: must be > 0, was '" + cpu + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1728m", "2g", "2Gi", "4096 mb", "1073741824"})
    void acceptsMemoryInFlinkAndKubernetesNotation(String memory) {
        Resources resources = Resources.unset().withMemory(Memory.parse(memory));

        assertThat(Violations.of(withTaskManagerResources(resources))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "", "2 GiB please", "1.5.2g", "100Ei", "-5Gi"})
    void rejectsMemoryThatIsNotASize(String memory) {
        Resources resources = Resources.unset().withMemory(Memory.parse(memory));

        assertThat(Violations.of(withTaskManagerResources(resources)))
                .containsExactly(
                        "taskManager.resource.memory: must be a size such as 1728m, 2g or 2Gi,"
                                + " was '"
                                + memory
                                + "'");
    }

    @Test
    void rejectsZeroMemory() {
        Resources resources = Resources.unset().withMemory(Memory.parse("0"));

        assertThat(Violations.of(withJobManagerResources(resources)))
                .containsExactly("jobManager.resource.memory: must be > 0, was '0'");
    }

    @Test
    void rejectsTaskManagerMemoryTooSmallForFlinksFixedOverheadsWithFlinksReason() {
        Resources resources = Resources.unset().withMemory(Memory.parse("256m"));

        assertThat(Violations.of(withTaskManagerResources(resources)))
                .containsExactly(TM_TOO_SMALL_FOR_OVERHEADS);
    }

    @Test
    void rejectsJobManagerMemoryTooSmallForFlinksOffHeapMemoryWithFlinksReason() {
        Resources resources = Resources.unset().withMemory(Memory.parse("500m"));

        assertThat(Violations.of(withJobManagerResources(resources)))
                .containsExactly(
                        "jobManager.resource.memory: must fit Flink's JobManager memory model;"
                                + " Flink: The configured Total Flink Memory (52.000mb (54525952"
                                + " bytes)) is less than the configured Off-heap Memory (128.000mb"
                                + " (134217728 bytes)), was '500m'");
    }

    @Test
    void countsTheUsersMemoryTuningSoThatASmallJobManagerCanFit() {
        FlinkDeploymentSpec spec =
                withJobManagerResources(Resources.unset().withMemory(Memory.parse("500m")))
                        .edit()
                        .flinkConfiguration(Map.of("jobmanager.memory.off-heap.size", "32m"))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void countsTheUsersMemoryTuningAndNamesItWhenTheTaskManagerNoLongerFits() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .flinkConfiguration(Map.of("taskmanager.memory.managed.size", "2g"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "taskManager.resource.memory: must fit Flink's TaskManager memory model"
                                + " together with"
                                + " flinkConfiguration['taskmanager.memory.managed.size']; Flink:"
                                + " Sum of configured Framework Heap Memory (128.000mb (134217728"
                                + " bytes)), Framework Off-Heap Memory (128.000mb (134217728"
                                + " bytes)), Task Off-Heap Memory (0 bytes), Managed Memory"
                                + " (2.000gb (2147483648 bytes)) and Network Memory (128.000mb"
                                + " (134217730 bytes)) exceed configured Total Flink Memory"
                                + " (1.250gb (1342177280 bytes)), was '1728m'");
    }

    @Test
    void judgesTheUsersProcessSizeWhenItOverridesTheSpecs() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .flinkConfiguration(Map.of("taskmanager.memory.process.size", "256m"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "taskManager.resource.memory: must fit Flink's TaskManager memory model"
                                + " together with"
                                + " flinkConfiguration['taskmanager.memory.process.size']; Flink:"
                                + " Sum of configured JVM Metaspace (256.000mb (268435456 bytes))"
                                + " and JVM Overhead (192.000mb (201326592 bytes)) exceed"
                                + " configured Total Process Memory (256.000mb (268435456"
                                + " bytes)), was '4g'");
    }

    @Test
    void reportsABadlyTypedMemoryOptionOnlyAtItsKey() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .flinkConfiguration(
                                Map.of(
                                        "taskmanager.memory.managed.size", "lots",
                                        "jobmanager.memory.jvm-overhead.fraction", "1.5"))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkConfiguration['jobmanager.memory.jvm-overhead.fraction']: must be a"
                                + " number >= 0 and < 1, was '1.5'",
                        "flinkConfiguration['taskmanager.memory.managed.size']: must be a memory"
                                + " size such as 256m or 1g, was 'lots'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10Gi", "500m", "1g"})
    void acceptsPositiveEphemeralStorage(String storage) {
        Resources resources = new Resources(null, null, Memory.parse(storage));

        assertThat(Violations.of(withTaskManagerResources(resources))).isEmpty();
    }

    @Test
    void rejectsEphemeralStorageThatIsNotAPositiveSize() {
        FlinkDeploymentSpec spec =
                withTaskManagerResources(new Resources(null, null, Memory.parse("big")))
                        .edit()
                        .jobManager(
                                new JobManagerSpec(
                                        null, new Resources(null, null, Memory.parse("0")), null))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "jobManager.resource.ephemeralStorage: must be > 0, was '0'",
                        "taskManager.resource.ephemeralStorage: must be a size such as 10Gi or 10g,"
                                + " was 'big'");
    }
}
