package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Resource quantities as Kubernetes' {@code resource.Quantity} adds, compares and prints them: a
 * value and whether it was written with a binary suffix ({@code Ki}, {@code Mi}, ...), which the
 * printed form keeps ({@code 1536Mi}, {@code 1500m}, {@code 2}).
 */
public final class Quantities {

    private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {}

    /**
     * One quantity.
     *
     * @param value the amount (cores, bytes, a count)
     * @param binary whether it prints with binary suffixes
     */
    public record Amount(BigDecimal value, boolean binary) implements Comparable<Amount> {

        /** Zero, printed as {@code 0}. */
        public static final Amount ZERO = new Amount(BigDecimal.ZERO, false);

        /** This plus {@code other}, printed as this one is. */
        public Amount plus(Amount other) {
            return new Amount(value.add(other.value), binary);
        }

        /** This less {@code other}, printed as this one is. */
        public Amount minus(Amount other) {
            return new Amount(value.subtract(other.value), binary);
        }

        @Override
        public int compareTo(Amount other) {
            return value.compareTo(other.value);
        }

        /** The canonical text, as the API server prints it. */
        @Override
        public String toString() {
            return format(this);
        }
    }

    /** The amount of a quantity's text, e.g. {@code 500m}, {@code 2Gi}. */
    public static Amount parse(String text) {
        Quantity q = new Quantity(text.trim());
        String format = q.getFormat() == null ? "" : q.getFormat();
        return new Amount(Quantity.getAmountInBytes(q), format.endsWith("i"));
    }

    /** The amount of a JSON quantity (text or number). */
    public static Amount parse(JsonNode node) {
        return parse(node.asText());
    }

    /** A count. */
    public static Amount count(long n) {
        return new Amount(BigDecimal.valueOf(n), false);
    }

    /** A resource list (a JSON object of quantities) as amounts, sorted by resource name. */
    public static Map<String, Amount> list(JsonNode resources) {
        Map<String, Amount> result = new TreeMap<>();
        if (resources != null && resources.isObject()) {
            resources.fields().forEachRemaining(e -> result.put(e.getKey(), parse(e.getValue())));
        }
        return result;
    }

    /** {@code a} plus {@code b}, entry by entry (Kubernetes' {@code quota.Add}). */
    public static Map<String, Amount> add(Map<String, Amount> a, Map<String, Amount> b) {
        return merge(a, b, Amount::plus);
    }

    /** The larger of {@code a} and {@code b}, entry by entry (Kubernetes' {@code quota.Max}). */
    public static Map<String, Amount> max(Map<String, Amount> a, Map<String, Amount> b) {
        return merge(a, b, (x, y) -> x.compareTo(y) >= 0 ? x : y);
    }

    private static Map<String, Amount> merge(
            Map<String, Amount> a, Map<String, Amount> b, BinaryOperator<Amount> op) {
        Map<String, Amount> result = new TreeMap<>(a);
        b.forEach((k, v) -> result.merge(k, v, op));
        return result;
    }

    /** {@code cpu=2,memory=4Gi}: sorted, as the quota admission's messages print lists. */
    public static String print(Map<String, Amount> list) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(list)
                .forEach(
                        (k, v) ->
                                sb.append(sb.length() == 0 ? "" : ",")
                                        .append(k)
                                        .append('=')
                                        .append(v));
        return sb.toString();
    }

    private static String format(Amount amount) {
        BigDecimal v = amount.value().stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        if (amount.binary() && v.abs().compareTo(KI) >= 0 && isInteger(v)) {
            int i = 0;
            while (i < BINARY.length - 1 && isInteger(v.divide(KI))) {
                v = v.divide(KI);
                i++;
            }
            return v.toBigInteger() + BINARY[i];
        }
        // decimal SI: the largest power of 1000 (down to nano) that leaves an integer
        int index = 3;
        BigDecimal scaled = v;
        while (!isInteger(scaled) && index > 0) {
            scaled = scaled.multiply(THOUSAND);
            index--;
        }
        if (!isInteger(scaled)) {
            // below a nano: Kubernetes rounds up to the next nano
            scaled = scaled.setScale(0, java.math.RoundingMode.CEILING);
        }
        while (index < DECIMAL.length - 1
                && isInteger(scaled.divide(THOUSAND))
                && scaled.abs().compareTo(THOUSAND) >= 0) {
            scaled = scaled.divide(THOUSAND);
            index++;
        }
        BigInteger whole = scaled.toBigInteger();
        return whole + DECIMAL[index];
    }

    private static boolean isInteger(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }
}
