package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.observability.LoggingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.JobAutoscalerTuning;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.policy.ScalingRules;
import io.flinkk8s.sdk.core.spec.scheduling.PodPlacement;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson settings shared by the spec's YAML and JSON forms: strict reading, unset fields and empty
 * sections omitted on writing, and field paths for error messages: {@link SpecSerialization}'s
 * helper.
 */
final class SpecJson {

    /** Sections the spec normalises from null to an empty value; written only when not empty. */
    private static final Set<Class<?>> OMIT_WHEN_EMPTY =
            Set.of(
                    Resources.class,
                    JobManagerSpec.class,
                    TaskManagerSpec.class,
                    CheckpointingSpec.class,
                    HighAvailabilitySpec.class,
                    SecuritySpec.class,
                    AutoscalingPolicy.class,
                    ScalingRules.class,
                    JobAutoscalerTuning.class,
                    ProbePolicy.class,
                    ProbeSpec.class,
                    DisruptionPolicy.class,
                    RestorePolicy.class,
                    OperatorSpec.class,
                    StoragePolicy.class,
                    SchedulingPolicy.class,
                    PodPlacement.class,
                    NetworkingSpec.class,
                    RestServiceSpec.class,
                    NetworkPolicySpec.class,
                    ObservabilitySpec.class,
                    PrometheusSpec.class,
                    LoggingSpec.class,
                    TenancyPolicy.class);

    /** Jackson's wording for the shape it found: "from Array value". */
    private static final Pattern FOUND = Pattern.compile("from ([A-Z][a-z-]+(?:-point)?) value");

    private SpecJson() {}

    /** Applies the spec settings to a freshly built mapper and returns it. */
    static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
        SimpleModule module = new SimpleModule("flink-k8s-sdk-spec");
        module.setSerializerModifier(new OmitEmptySections());
        mapper.registerModule(module);
        return mapper;
    }

    /**
     * The field path of a mapping error, with the spec's conventions: {@code taskManager.replicas},
     * {@code job.args[0]}, {@code flinkConfiguration['a.b']}.
     */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            Object from = ref.getFrom();
            boolean inMap =
                    from instanceof Map
                            || (from instanceof Class<?> c && Map.class.isAssignableFrom(c));
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (inMap) {
                    sb.append("['").append(ref.getFieldName()).append("']");
                } else {
                    sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
                }
            }
        }
        return sb.toString();
    }

    /** The cause of a mapping error in one line, without Jackson's location noise. */
    static String reason(JsonMappingException e) {
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            Matcher found = FOUND.matcher(String.valueOf(mie.getOriginalMessage()));
            if (found.find()) {
                return "must be "
                        + describe(mie.getTargetType())
                        + ", was "
                        + describe(found.group(1));
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg =
                root instanceof JsonMappingException jm
                        ? jm.getOriginalMessage()
                        : root.getMessage();
        if (msg == null) {
            msg = e.getOriginalMessage();
        }
        int cut = msg.indexOf('\n');
        return cut < 0 ? msg : msg.substring(0, cut);
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    private static String describe(String jacksonShape) {
        return switch (jacksonShape) {
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            case "String" -> "a string";
            case "Integer", "Floating-point" -> "a number";
            case "Boolean" -> "a boolean";
            default -> jacksonShape;
        };
    }

    private static boolean isEmptyValue(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (value instanceof Record r && OMIT_WHEN_EMPTY.contains(r.getClass())) {
            return isEmptyRecord(r);
        }
        return false;
    }

    private static boolean isEmptyRecord(Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                if (!isEmptyValue(c.getAccessor().invoke(r))) {
                    return false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SDK bug: cannot read " + c, e);
            }
        }
        return true;
    }

    private static final class OmitEmptySections extends BeanSerializerModifier {
        @Override
        public JsonSerializer<?> modifySerializer(
                SerializationConfig config, BeanDescription desc, JsonSerializer<?> serializer) {
            if (!OMIT_WHEN_EMPTY.contains(desc.getBeanClass())) {
                return serializer;
            }
            return new EmptyAware(serializer);
        }
    }

    /** Delegates serialization and answers {@code isEmpty} for an all-unset section. */
    private static final class EmptyAware extends JsonSerializer<Object>
            implements ContextualSerializer, ResolvableSerializer {
        private final JsonSerializer<Object> delegate;

        @SuppressWarnings("unchecked")
        EmptyAware(JsonSerializer<?> delegate) {
            this.delegate = (JsonSerializer<Object>) delegate;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            delegate.serialize(value, gen, provider);
        }

        @Override
        public void serializeWithType(
                Object value, JsonGenerator gen, SerializerProvider provider, TypeSerializer ts)
                throws IOException {
            delegate.serializeWithType(value, gen, provider, ts);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return isEmptyValue(value);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer r) {
                r.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider prov, BeanProperty property)
                throws JsonMappingException {
            if (delegate instanceof ContextualSerializer c) {
                JsonSerializer<?> contextual = c.createContextual(prov, property);
                return contextual == delegate ? this : new EmptyAware(contextual);
            }
            return this;
        }
    }
}
