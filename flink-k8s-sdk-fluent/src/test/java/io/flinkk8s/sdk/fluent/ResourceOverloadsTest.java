package io.flinkk8s.sdk.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.util.function.Consumer;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/** The CPU, memory and storage overloads: each is converted once into core's Cpu and Memory. */
class ResourceOverloadsTest {

    private static final long GIB = 1L << 30;

    private static Resources tm(Consumer<TaskManagerBuilder> tm) {
        return FlinkK8s.application("orders")
                .taskManagers(tm)
                .buildUnvalidated()
                .taskManager()
                .resource();
    }

    private static Resources jm(Consumer<JobManagerBuilder> jm) {
        return FlinkK8s.application("orders")
                .jobManager(jm)
                .buildUnvalidated()
                .jobManager()
                .resource();
    }

    @Test
    void cpuAsANumberOfCoresIsWrittenAsThatNumber() {
        assertThat(tm(t -> t.cpu(2)).cpu()).isEqualTo(new Cpu("2"));
        assertThat(tm(t -> t.cpu(0.5)).cpu()).isEqualTo(new Cpu("0.5"));
        assertThat(jm(j -> j.cpu(1)).cpu()).isEqualTo(new Cpu("1"));
    }

    @Test
    void cpuAsTextOrQuantityIsKeptAsWritten() {
        assertThat(tm(t -> t.cpu("500m")).cpu()).isEqualTo(new Cpu("500m"));
        assertThat(tm(t -> t.cpu(new Quantity("250m"))).cpu()).isEqualTo(new Cpu("250m"));
        assertThat(jm(j -> j.cpu(new Quantity("2"))).cpu().cores()).isEqualByComparingTo("2");
    }

    @Test
    void cpuThatIsNotAFiniteNumberIsKeptForTheValidatorInsteadOfThrowing() {
        assertThat(tm(t -> t.cpu(Double.NaN)).cpu().isParsable()).isFalse();
        assertThat(tm(t -> t.cpu(Double.POSITIVE_INFINITY)).cpu().isParsable()).isFalse();
    }

    @Test
    void memoryInFlinkOrKubernetesNotationIsKeptAsWritten() {
        assertThat(tm(t -> t.memory("8g")).memory()).isEqualTo(Memory.parse("8g"));
        assertThat(tm(t -> t.memory("8Gi")).memory()).isEqualTo(Memory.parse("8Gi"));
        assertThat(jm(j -> j.memory("1600m")).memory().bytes()).isEqualTo(1600L << 20);
    }

    @Test
    void memoryAsFlinkMemorySizeIsWrittenInFlinksExactForm() {
        Memory twoGb = tm(t -> t.memory(MemorySize.parse("2g"))).memory();
        Memory odd = jm(j -> j.memory(new MemorySize(2_000_000_000L))).memory();

        assertThat(twoGb).isEqualTo(Memory.parse("2 gb"));
        assertThat(twoGb.bytes()).isEqualTo(2 * GIB);
        assertThat(odd.bytes()).isEqualTo(2_000_000_000L);
    }

    @Test
    void memoryAsKubernetesBinaryQuantityIsKeptAsWritten() {
        Memory memory = tm(t -> t.memory(new Quantity("8Gi"))).memory();

        assertThat(memory).isEqualTo(Memory.parse("8Gi"));
        assertThat(memory.bytes()).isEqualTo(8 * GIB);
    }

    @Test
    void memoryAsKubernetesDecimalQuantityKeepsKubernetesMeaningRatherThanFlinks() {
        // "2G" means 2×10⁹ bytes to Kubernetes but 2 GiB in Flink's notation.
        Memory memory = tm(t -> t.memory(new Quantity("2G"))).memory();

        assertThat(memory.bytes()).isEqualTo(2_000_000_000L);
        assertThat(memory).isEqualTo(Memory.parse("2000000000"));
    }

    @Test
    void ephemeralStorageTakesTextOrQuantity() {
        assertThat(tm(t -> t.ephemeralStorage("10Gi")).ephemeralStorage())
                .isEqualTo(Memory.parse("10Gi"));
        assertThat(jm(j -> j.ephemeralStorage(new Quantity("1G"))).ephemeralStorage().bytes())
                .isEqualTo(1_000_000_000L);
    }

    @Test
    void resourcesReplacesCpuMemoryAndStorageAtOnce() {
        Resources given = new Resources(Cpu.of(3), Memory.parse("4g"), null);

        assertThat(tm(t -> t.cpu(1).ephemeralStorage("1Gi").resources(given))).isEqualTo(given);
        assertThat(jm(j -> j.cpu(1).resources(null))).isEqualTo(Resources.unset());
    }

    @Test
    void nullUnsetsAResourceValue() {
        Resources r =
                tm(
                        t ->
                                t.cpu(1)
                                        .memory("2g")
                                        .ephemeralStorage("1Gi")
                                        .cpu((String) null)
                                        .memory((MemorySize) null)
                                        .ephemeralStorage((Quantity) null));

        assertThat(r).isEqualTo(Resources.unset());
    }

    @Test
    void garbageIsNotRejectedByTheBuilderButKeptForTheValidator() {
        Resources r = tm(t -> t.memory("lots").cpu("many").ephemeralStorage(new Quantity("x")));

        assertThat(r)
                .isEqualTo(new Resources(new Cpu("many"), new Memory("lots"), new Memory("x")));
    }
}
