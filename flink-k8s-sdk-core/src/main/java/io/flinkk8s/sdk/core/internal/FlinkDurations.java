package io.flinkk8s.sdk.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.flink.util.TimeUtils;

/**
 * Durations in Flink's notation, through Flink's own {@link TimeUtils}: written as {@code 30 s},
 * read from {@code 30s}, {@code 30 s}, {@code 1 min}, a bare number of milliseconds, or ISO-8601
 * ({@code PT30S}). Internal: not API, may change in any release.
 */
public final class FlinkDurations {

    private FlinkDurations() {}

    /**
     * @throws IllegalArgumentException naming the accepted notations
     */
    public static Duration parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
                return Duration.parse(t);
            }
            return TimeUtils.parseDuration(t);
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "must be a duration such as 30s, 5 min or PT30S, was '" + text + "'", e);
        }
    }

    /** Flink's own spelling, with the largest exact unit: {@code 30 s}, {@code 5 min}. */
    public static String format(Duration d) {
        return TimeUtils.formatWithHighestUnit(d);
    }

    /**
     * An age for people, in its two largest units, rounded down to seconds: {@code 3 d 4 h}, {@code
     * 2 h 5 min}, {@code 12 min 3 s}, {@code 40 s}.
     */
    public static String readable(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 86_400) {
            return (s / 86_400) + " d " + (s % 86_400) / 3_600 + " h";
        }
        if (s >= 3_600) {
            return (s / 3_600) + " h " + (s % 3_600) / 60 + " min";
        }
        return s >= 60 ? (s / 60) + " min " + s % 60 + " s" : s + " s";
    }

    /** Jackson serializer writing {@link #format}. */
    public static final class Serializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(format(value));
        }
    }

    /** Jackson deserializer reading {@link #parse}. */
    public static final class Deserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse(text == null ? p.getText() : text);
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }
}
