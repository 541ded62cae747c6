package io.flinkk8s.sdk.core.spec;

import io.flinkk8s.sdk.core.spec.quantity.Cpu;
import io.flinkk8s.sdk.core.spec.quantity.Memory;

/**
 * CPU, memory and ephemeral storage of one Flink process, as the operator's {@code resource}. The
 * memory is Flink's total process size ({@code *.memory.process.size}) and becomes the container's
 * memory request and limit; the CPU becomes the request and limit too.
 *
 * @param cpu cores; may be null: filled by {@link SpecDefaults}
 * @param memory the process size; may be null: filled by {@link SpecDefaults}
 * @param ephemeralStorage may be null: no ephemeral-storage request or limit
 */
public record Resources(Cpu cpu, Memory memory, Memory ephemeralStorage) {

    /** No value set; {@link SpecDefaults} fills CPU and memory. */
    public static Resources unset() {
        return new Resources(null, null, null);
    }

    /** A copy with {@code cpu} replaced. */
    public Resources withCpu(Cpu cpu) {
        return new Resources(cpu, memory, ephemeralStorage);
    }

    /** A copy with {@code memory} replaced. */
    public Resources withMemory(Memory memory) {
        return new Resources(cpu, memory, ephemeralStorage);
    }
}
