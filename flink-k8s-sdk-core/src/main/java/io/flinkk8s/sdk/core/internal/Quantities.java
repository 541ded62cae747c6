package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.configuration.MemorySize;

/**
 * Parses quantities with fabric8's {@link Quantity} and Flink's {@link MemorySize}, and writes them
 * in the canonical form the API server stores, so that server-side apply sees no change on a
 * re-apply. Internal: not API, may change in any release.
 */
public final class Quantities {

    private static final long KI = 1024L;

    private Quantities() {}

    /**
     * @throws IllegalArgumentException when {@code text} is not a Kubernetes quantity
     */
    public static Quantity parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            Quantity q = Quantity.parse(text.trim());
            q.getNumericalAmount(); // forces the format check fabric8 defers
            return q;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a Kubernetes quantity", e);
        }
    }

    /**
     * Flink notation first ({@code 2g} = 2 GiB, {@code 512m} = 512 MiB), then Kubernetes quantities
     * ({@code 2Gi}).
     *
     * @throws IllegalArgumentException when neither reads it, or it is negative or fractional bytes
     */
    public static long parseMemoryBytes(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            return MemorySize.parse(text.trim()).getBytes();
        } catch (IllegalArgumentException flinkRejected) {
            BigDecimal bytes;
            try {
                bytes = Quantity.getAmountInBytes(parse(text));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "is neither a Flink memory size (e.g. 2g, 1600m) nor a Kubernetes quantity"
                                + " (e.g. 2Gi)",
                        e);
            }
            if (bytes.signum() < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            try {
                return bytes.setScale(0, RoundingMode.CEILING).longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new IllegalArgumentException("is too large", tooLarge);
            }
        }
    }

    /** {@code 2} for two cores, {@code 500m} for half a core; rounds up to whole millicores. */
    public static Quantity canonicalCpu(BigDecimal cores) {
        BigDecimal c = cores.stripTrailingZeros();
        if (c.scale() <= 0) {
            return new Quantity(c.toPlainString());
        }
        BigDecimal milli = c.movePointRight(3).setScale(0, RoundingMode.CEILING);
        return new Quantity(milli.toPlainString(), "m");
    }

    /**
     * The largest binary suffix that divides the size exactly: {@code 2Gi}, {@code 1600Mi}, bytes.
     */
    public static Quantity canonicalBytes(long bytes) {
        String[] suffixes = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
        long unit = KI * KI * KI * KI * KI * KI;
        for (String suffix : suffixes) {
            if (bytes != 0 && bytes % unit == 0) {
                return new Quantity(Long.toString(bytes / unit), suffix);
            }
            unit /= KI;
        }
        return new Quantity(Long.toString(bytes));
    }
}
