package io.flinkk8s.sdk.core.spec.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkk8s.sdk.core.internal.Quantities;
import java.math.BigDecimal;

/**
 * A CPU amount as the user wrote it: a number of cores ({@code 1}, {@code 0.5}) or a Kubernetes
 * quantity ({@code 500m}). The text is kept as given so that a spec round-trips unchanged; {@link
 * #cores()} parses it with fabric8's {@link Quantity}. Constructing never fails: a value that does
 * not parse is reported by the validator with its field path.
 *
 * @param value the text as given, never null
 */
public record Cpu(String value) {

    /**
     * Normalises only: {@code null} becomes {@code ""}, surrounding blanks are kept for the
     * validator.
     */
    public Cpu {
        value = value == null ? "" : value;
    }

    /** {@code Cpu.of(0.5)}: a number of cores. */
    public static Cpu of(double cores) {
        return new Cpu(BigDecimal.valueOf(cores).stripTrailingZeros().toPlainString());
    }

    /** {@code Cpu.parse("500m")}: any Kubernetes CPU quantity; judged later by the validator. */
    public static Cpu parse(String text) {
        return new Cpu(text);
    }

    /**
     * Reads a YAML/JSON number ({@code cpu: 1.5}, the operator's form) or a string ({@code
     * "500m"}).
     */
    @JsonCreator
    static Cpu fromJson(Object raw) {
        if (raw instanceof BigDecimal d) {
            return new Cpu(d.toPlainString());
        }
        return new Cpu(raw == null ? null : raw.toString());
    }

    /** Written as a number when it is one (as the operator writes it), otherwise as a string. */
    @JsonValue
    Object toJson() {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /**
     * The amount in cores, e.g. {@code 0.5} for {@code 500m}.
     *
     * @throws IllegalArgumentException when the text is not a Kubernetes quantity
     */
    public BigDecimal cores() {
        return Quantities.parse(value).getNumericalAmount();
    }

    /** Whether {@link #cores()} succeeds. */
    public boolean isParsable() {
        try {
            cores();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The canonical Kubernetes form the API server would store: {@code 2}, {@code 500m}. */
    public Quantity toQuantity() {
        return Quantities.canonicalCpu(cores());
    }

    @Override
    public String toString() {
        return value;
    }
}
