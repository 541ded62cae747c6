package io.flinkk8s.sdk.core.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Looks up an enum constant by its wire value (the spelling used in YAML/JSON, e.g. {@code
 * last-state}) or by its Java name, ignoring case. Internal: not API, may change in any release.
 */
public final class WireValues {

    private WireValues() {}

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code text} matches none
     */
    public static <E extends Enum<E>> E parse(
            Class<E> type, String text, Function<E, String> wireValue) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        for (E e : type.getEnumConstants()) {
            if (wireValue.apply(e).equalsIgnoreCase(t) || e.name().equalsIgnoreCase(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                "must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(wireValue)
                                .collect(Collectors.joining(", ", "[", "]"))
                        + ", was '"
                        + text
                        + "'");
    }

    /** The lower-case wire form of a constant name, {@code LAST_STATE} → {@code last-state}. */
    public static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
