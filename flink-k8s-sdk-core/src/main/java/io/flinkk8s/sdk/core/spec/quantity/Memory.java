package io.flinkk8s.sdk.core.spec.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.internal.Quantities;
import org.apache.flink.configuration.MemorySize;

/**
 * A memory or storage size as the user wrote it. Flink's notation comes first, as in the Flink
 * Kubernetes Operator ({@code 2g}, {@code 2048m}, {@code 1600 mb}: binary units, {@code m} is
 * mebibytes, not milli); Kubernetes binary quantities ({@code 2Gi}, {@code 512Mi}) are accepted
 * too. Parsing uses Flink's {@link MemorySize} and fabric8's {@link Quantity}. The text is kept as
 * given so that a spec round-trips unchanged; constructing never fails, the validator judges.
 *
 * @param value the text as given, never null
 */
public record Memory(String value) {

    /** Normalises only: {@code null} becomes {@code ""}. */
    public Memory {
        value = value == null ? "" : value;
    }

    /** {@code Memory.parse("2g")}, judged later by the validator. */
    @JsonCreator
    public static Memory parse(String text) {
        return new Memory(text);
    }

    /**
     * The size of a Flink {@link MemorySize}, in Flink's exact notation ({@code 2 gb}, {@code 1600
     * mb}); never rounded.
     */
    public static Memory of(MemorySize size) {
        return new Memory(size.toString());
    }

    /** The size as given. */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The size in bytes.
     *
     * @throws IllegalArgumentException when the text is neither Flink nor Kubernetes notation
     */
    public long bytes() {
        return Quantities.parseMemoryBytes(value);
    }

    /** Whether {@link #bytes()} succeeds. */
    public boolean isParsable() {
        try {
            bytes();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The size as Flink's {@link MemorySize}, for {@code *.memory.process.size}. */
    public MemorySize toMemorySize() {
        return new MemorySize(bytes());
    }

    /**
     * The canonical Kubernetes form the API server would store, e.g. {@code 2Gi}, {@code 1600Mi}.
     */
    public Quantity toQuantity() {
        return Quantities.canonicalBytes(bytes());
    }

    @Override
    public String toString() {
        return value;
    }
}
