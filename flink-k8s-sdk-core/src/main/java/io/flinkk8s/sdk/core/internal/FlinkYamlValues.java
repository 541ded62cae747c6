package io.flinkk8s.sdk.core.internal;

import java.time.Duration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MemorySize.MemoryUnit;
import org.apache.flink.configuration.YamlParserUtils;
import org.apache.flink.util.TimeUtils;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes one Flink configuration value exactly as Flink 2.x writes it into {@code config.yaml}:
 * {@code Configuration.toFileWritableMap()} dumps every value through {@code
 * YamlParserUtils.toYAMLString}, a snakeyaml-engine dump (flow style, core schema, no line
 * splitting) that costs about a microsecond a value and runs under one global lock.
 *
 * <p>Most values are scalars whose dump is easy to tell. {@link #toYaml} writes those directly and
 * hands every other value to Flink's own writer:
 *
 * <ul>
 *   <li>an {@code Integer}, {@code Long} or {@code Boolean}: its {@code toString()}, which the core
 *       schema resolves back to the same type, so the dump writes it plain;
 *   <li>a {@code String}, {@code MemorySize} or enum (its {@code toString()}) or {@code Duration}
 *       ({@code TimeUtils.formatWithHighestUnit}, as Flink's representer writes them) whose text is
 *       made only of characters that give snakeyaml's emitter no reason to avoid a plain or
 *       single-quoted scalar: it starts with an ASCII letter, a digit, {@code /}, {@code _}, or
 *       {@code -} before a letter, and goes on with ASCII letters and digits, {@code . / _ - + = @
 *       % ~ ,}, and {@code :} or a space not followed by a space or the end. Such a text is written
 *       as it is when the core schema resolves it to a string, and in single quotes when it would
 *       read as something else ({@code '6124'}, {@code 'true'}, {@code '1.5'}), which is what the
 *       dump does. Every other text (quotes, {@code #}, a leading indicator, leading or trailing
 *       space, line breaks, non-ASCII, empty, ...) goes to Flink's writer;
 *   <li>anything else (lists, maps, doubles, ...): Flink's writer.
 * </ul>
 *
 * A test compares both paths with Flink's writer over many values. Internal: not API, may change in
 * any release.
 */
public final class FlinkYamlValues {

    // The resolver Flink's dump consults for every scalar (its CoreSchema builds a new one each
    // time); configured once in its constructor and never changed: safe to share.
    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private static final String INNER = "./_-+=@%~,";

    private static final String NEVER_IN_OTHER_FORMS = "/_=@%, ghjkmpqvwyzGHJKMPQVWYZ";

    // MemorySize's units in the order its toString tries them.
    private static final MemoryUnit[] MEMORY_UNITS = {
        MemoryUnit.BYTES,
        MemoryUnit.KILO_BYTES,
        MemoryUnit.MEGA_BYTES,
        MemoryUnit.GIGA_BYTES,
        MemoryUnit.TERA_BYTES
    };

    // TimeUtils' units (ns, µs, ms, s, min, h, d) in the order formatWithHighestUnit tries them,
    // with the label it writes; its unit enum is private.
    private static final long[] TIME_UNIT_NANOS = {
        1L,
        1_000L,
        1_000_000L,
        1_000_000_000L,
        60_000_000_000L,
        3_600_000_000_000L,
        86_400_000_000_000L
    };

    private static final String[] TIME_UNIT_LABELS = {"ns", "µs", "ms", "s", "min", "h", "d"};

    private static final int FIRST_ASCII_TIME_UNIT = 2;

    private FlinkYamlValues() {}

    /** {@code value} as Flink 2.x writes it after {@code key: } in {@code config.yaml}. */
    public static String toYaml(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        String text = null;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof MemorySize m) {
            text = memorySize(m);
        } else if (value instanceof Duration d) {
            text = duration(d);
        } else if (value instanceof Enum<?> e) {
            text = e.toString();
        }
        if (text != null && isWrittenDirectly(text)) {
            return readsAsString(text) ? text : "'" + text + "'";
        }
        return YamlParserUtils.toYAMLString(value);
    }

    /**
     * {@code m.toString()}: the amount in the largest of Flink's units that divides it, as {@code
     * "2 gb"}; Flink formats it through a stream and {@code String.format} (a fifth of a config
     * file's cost). An amount that every unit divides (0, whole tebibytes) goes to Flink, which
     * writes it in bytes. A test compares the two over many amounts.
     */
    static String memorySize(MemorySize m) {
        long bytes = m.getBytes();
        for (int i = 1; i < MEMORY_UNITS.length; i++) {
            if (bytes % MEMORY_UNITS[i].getMultiplier() != 0) {
                MemoryUnit unit = MEMORY_UNITS[i - 1];
                return bytes / unit.getMultiplier() + " " + unit.getUnits()[1];
            }
        }
        return m.toString();
    }

    /**
     * {@code TimeUtils.formatWithHighestUnit(d)}: the duration in the largest of Flink's units from
     * milliseconds to days that divides it, as {@code "30 s"}, without Flink's stream and {@code
     * String.format}. Finer durations ({@code µs}, {@code ns}) and those every unit divides (zero,
     * whole days, which Flink writes in milliseconds) go to Flink. A test compares the two.
     */
    static String duration(Duration d) {
        long nanos = d.toNanos();
        for (int i = 1; i < TIME_UNIT_NANOS.length; i++) {
            if (nanos % TIME_UNIT_NANOS[i] != 0) {
                return i - 1 < FIRST_ASCII_TIME_UNIT
                        ? TimeUtils.formatWithHighestUnit(d)
                        : nanos / TIME_UNIT_NANOS[i - 1] + " " + TIME_UNIT_LABELS[i - 1];
            }
        }
        return TimeUtils.formatWithHighestUnit(d);
    }

    /** Whether {@code s} has only characters that leave a dump of it plain or single-quoted. */
    static boolean isWrittenDirectly(String s) {
        int n = s.length();
        if (n == 0 || !isFirst(s.charAt(0), n > 1 ? s.charAt(1) : ' ')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            boolean last = i == n - 1;
            boolean fine =
                    isAsciiLetterOrDigit(c)
                            || INNER.indexOf(c) >= 0
                            || (c == ':' || c == ' ') && !last && s.charAt(i + 1) != ' ';
            if (!fine) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the core schema resolves the plain scalar {@code s} (one that {@link
     * #isWrittenDirectly}) to a string. Its other forms (null, booleans, integers, floats, {@code
     * ${ENV}}) are made only of digits, {@code + - . ~ $ { } :}, a lone space and the letters of
     * {@code true false null inf nan} and of hexadecimal and octal numbers, and have at most one
     * {@code .}; a text with any other character or a second dot ({@code 0.0.0.0}) is a string, and
     * one of digits only an integer, without asking the resolver, whose patterns are a regex each.
     */
    private static boolean readsAsString(String s) {
        int dots = 0;
        boolean digitsOnly = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (NEVER_IN_OTHER_FORMS.indexOf(c) >= 0 || c == '.' && ++dots > 1) {
                return true;
            }
            digitsOnly &= c >= '0' && c <= '9';
        }
        return !digitsOnly && Tag.STR.equals(RESOLVER.resolve(s, Boolean.TRUE));
    }

    /** A first character that is no YAML indicator: a letter, a digit, {@code /}, {@code _}. */
    private static boolean isFirst(char c, char next) {
        return isAsciiLetterOrDigit(c) || c == '/' || c == '_' || c == '-' && isAsciiLetter(next);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
