package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.configuration.MemorySize;

/**
 * The {@link Resources} part shared by the JobManager and TaskManager builders, and the one place
 * that turns the overloads' argument types into core's {@link Cpu} and {@link Memory}. Converts
 * only; judges nothing: text that does not parse is kept as given for the core validator.
 */
final class ResourcesDraft {

    private Cpu cpu;
    private Memory memory;
    private Memory ephemeralStorage;

    ResourcesDraft(Resources resources) {
        replace(resources);
    }

    void replace(Resources resources) {
        Resources r = resources == null ? Resources.unset() : resources;
        cpu = r.cpu();
        memory = r.memory();
        ephemeralStorage = r.ephemeralStorage();
    }

    void cpu(Cpu cpu) {
        this.cpu = cpu;
    }

    void memory(Memory memory) {
        this.memory = memory;
    }

    void ephemeralStorage(Memory ephemeralStorage) {
        this.ephemeralStorage = ephemeralStorage;
    }

    Resources build() {
        return new Resources(cpu, memory, ephemeralStorage);
    }

    /** Cores as a number; NaN and infinities are kept as text for the validator to reject. */
    static Cpu cores(double cores) {
        return Double.isFinite(cores) ? Cpu.of(cores) : Cpu.parse(Double.toString(cores));
    }

    static Cpu cpu(String text) {
        return text == null ? null : Cpu.parse(text);
    }

    /** Kubernetes CPU quantities are what {@link Cpu} parses, so the text is kept as written. */
    static Cpu cpu(Quantity quantity) {
        return quantity == null ? null : Cpu.parse(quantity.toString());
    }

    static Memory memory(String text) {
        return text == null ? null : Memory.parse(text);
    }

    /**
     * Flink's exact spelling ({@code 2 gb}, {@code 1600 mb}, {@code 1000 bytes}). Core's {@code
     * Memory.of(MemorySize)} is not used: it writes Flink's rounded human-readable form ({@code
     * 2.000gb}), which neither Flink nor fabric8 reads back.
     */
    static Memory memory(MemorySize size) {
        return size == null ? null : Memory.parse(size.toString());
    }

    /**
     * A Kubernetes quantity. {@link Memory} reads Flink's notation first, in which {@code 2G} is
     * two gibibytes and {@code 500m} 500 mebibytes, whereas Kubernetes means 2×10⁹ bytes and half a
     * byte. The quantity's text is kept when Flink's reading gives the same bytes as fabric8's
     * ({@code 2Gi}, {@code 1024}); otherwise fabric8's byte count is written (rounded up to a whole
     * byte, as core rounds Kubernetes quantities), which both notations read alike. Text fabric8
     * cannot read is kept for the validator.
     */
    static Memory memory(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        Memory asWritten = Memory.parse(quantity.toString());
        BigDecimal bytes;
        try {
            bytes = Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.CEILING);
        } catch (RuntimeException e) {
            return asWritten;
        }
        boolean sameReading =
                asWritten.isParsable()
                        && BigDecimal.valueOf(asWritten.bytes()).compareTo(bytes) == 0;
        if (bytes.signum() < 0 || sameReading) {
            return asWritten;
        }
        return Memory.parse(bytes.toPlainString());
    }
}
