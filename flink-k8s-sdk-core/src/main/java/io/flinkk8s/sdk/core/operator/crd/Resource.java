package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.io.IOException;

/**
 * CPU and memory of a JobManager or TaskManager in the operator's own form ({@code resource}); the
 * operator makes them the container's requests and limits and Flink's process size.
 *
 * @param cpu cores; written as a whole number when it is one ({@code 1}, not {@code 1.0}), as the
 *     operator's examples do (its schema: a number)
 * @param memory the process size; the operator reads Flink's notation first ({@code 2048m} is 2048
 *     MiB), then a Kubernetes quantity
 * @param ephemeralStorage a Kubernetes quantity, e.g. {@code 10Gi}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"cpu", "memory", "ephemeralStorage"})
public record Resource(
        @JsonSerialize(using = Resource.CoresSerializer.class) @SchemaFrom(type = Double.class)
                Double cpu,
        String memory,
        String ephemeralStorage) {

    /** Writes whole cores as an integer, as the operator's examples do. */
    static final class CoresSerializer extends StdSerializer<Double> {

        CoresSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            double d = value;
            if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                gen.writeNumber((int) d);
            } else {
                gen.writeNumber(d);
            }
        }
    }
}
