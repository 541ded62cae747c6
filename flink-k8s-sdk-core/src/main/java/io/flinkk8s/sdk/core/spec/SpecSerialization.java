package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flinkk8s.sdk.core.error.SpecFormatException;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes a {@link FlinkDeploymentSpec} (and a {@link FlinkSessionJobSpec}) as YAML or
 * JSON, in the serialized form the README documents (field names follow the Flink Kubernetes
 * Operator where the two overlap). An orchestration service can keep specs in its database as JSON;
 * a GitOps repository as YAML.
 *
 * <p>Reading is strict: an unknown field, a value of the wrong type or an unknown enum value fails
 * with a {@link SpecFormatException} that names the field path. Values that are well-typed but
 * wrong (a replica count of 0) are read as they are and left to the validator. Writing omits unset
 * fields and empty sections, so that {@code read(write(spec)).equals(spec)}.
 *
 * <pre>{@code
 * FlinkDeploymentSpec spec = SpecSerialization.fromYaml(Files.readString(path));
 * String yaml = SpecSerialization.toYaml(spec);
 * FlinkSessionJobSpec job = SpecSerialization.sessionJobFromYaml(Files.readString(jobPath));
 * }</pre>
 */
public final class SpecSerialization {

    // Configured once, never changed afterwards: Jackson mappers are thread-safe in that state.
    private static final ObjectMapper YAML =
            SpecJson.configure(
                    YAMLMapper.builder(
                                    YAMLFactory.builder()
                                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                            .enable(
                                                    YAMLGenerator.Feature
                                                            .ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                                            .build())
                            .build());
    private static final ObjectMapper JSON =
            SpecJson.configure(
                    JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());

    private SpecSerialization() {}

    /**
     * @throws SpecFormatException naming the field path when the document cannot be read
     */
    public static FlinkDeploymentSpec fromYaml(String yaml) {
        return read(YAML, yaml, FlinkDeploymentSpec.class);
    }

    /**
     * @throws SpecFormatException naming the field path when the document cannot be read
     */
    public static FlinkDeploymentSpec fromJson(String json) {
        return read(JSON, json, FlinkDeploymentSpec.class);
    }

    /** The spec as YAML, unset fields omitted. */
    public static String toYaml(FlinkDeploymentSpec spec) {
        return write(YAML, spec);
    }

    /** The spec as indented JSON, unset fields omitted. */
    public static String toJson(FlinkDeploymentSpec spec) {
        return write(JSON, spec);
    }

    /**
     * A session job from YAML, with the same strictness and error paths as a deployment.
     *
     * @throws SpecFormatException naming the field path when the document cannot be read
     */
    public static FlinkSessionJobSpec sessionJobFromYaml(String yaml) {
        return read(YAML, yaml, FlinkSessionJobSpec.class);
    }

    /**
     * A session job from JSON, with the same strictness and error paths as a deployment.
     *
     * @throws SpecFormatException naming the field path when the document cannot be read
     */
    public static FlinkSessionJobSpec sessionJobFromJson(String json) {
        return read(JSON, json, FlinkSessionJobSpec.class);
    }

    /** The session job as YAML, unset fields omitted. */
    public static String toYaml(FlinkSessionJobSpec spec) {
        return write(YAML, spec);
    }

    /** The session job as indented JSON, unset fields omitted. */
    public static String toJson(FlinkSessionJobSpec spec) {
        return write(JSON, spec);
    }

    private static <T> T read(ObjectMapper mapper, String text, Class<T> type) {
        if (text == null || text.isBlank()) {
            throw new SpecFormatException("", "the document is empty", null);
        }
        try {
            T spec = mapper.readValue(text, type);
            if (spec == null) {
                throw new SpecFormatException("", "the document is empty", null);
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            String known =
                    e.getKnownPropertyIds() == null
                            ? ""
                            : e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", ", "; known fields: ", ""));
            throw new SpecFormatException(SpecJson.path(e), "unknown field" + known, e);
        } catch (JsonMappingException e) {
            throw new SpecFormatException(SpecJson.path(e), SpecJson.reason(e), e);
        } catch (JsonProcessingException e) {
            throw new SpecFormatException(
                    "",
                    "not well-formed: "
                            + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        }
    }

    private static String write(ObjectMapper mapper, Record spec) {
        try {
            return mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "SDK bug: a " + spec.getClass().getSimpleName() + " could not be serialized",
                    e);
        }
    }

    /** The spec as a generic map, as {@link #toJson} would write it (for diffs and tooling). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(FlinkDeploymentSpec spec) {
        return JSON.convertValue(spec, Map.class);
    }

    static DeserializationFeature strictness() {
        return DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES;
    }
}
