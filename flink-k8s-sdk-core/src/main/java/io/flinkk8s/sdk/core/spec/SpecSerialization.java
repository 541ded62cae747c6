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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes a {@link FlinkDeploymentSpec} as YAML or JSON, in the serialized form the README
 * documents (field names follow the Flink Kubernetes Operator where the two overlap). An
 * orchestration service can keep specs in its database as JSON; a GitOps repository as YAML.
 *
 * <p>Reading is strict: an unknown field, a value of the wrong type or an unknown enum value fails
 * with a {@link SpecFormatException} that names the field path. Values that are well-typed but
 * wrong (a replica count of 0) are read as they are and left to the validator. Writing omits unset
 * fields and empty sections, so that {@code read(write(spec)).equals(spec)}.
 *
 * <pre>{@code
 * FlinkDeploymentSpec spec = SpecSerialization.fromYaml(Files.readString(path));
 * String yaml = SpecSerialization.toYaml(spec);
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
        return read(YAML, yaml);
    }

    /**
     * @throws SpecFormatException naming the field path when the document cannot be read
     */
    public static FlinkDeploymentSpec fromJson(String json) {
        return read(JSON, json);
    }

    /** The spec as YAML, unset fields omitted. */
    public static String toYaml(FlinkDeploymentSpec spec) {
        return write(YAML, spec);
    }

    /** The spec as indented JSON, unset fields omitted. */
    public static String toJson(FlinkDeploymentSpec spec) {
        return write(JSON, spec);
    }

    private static FlinkDeploymentSpec read(ObjectMapper mapper, String text) {
        if (text == null || text.isBlank()) {
            throw new SpecFormatException("", "the document is empty", null);
        }
        try {
            FlinkDeploymentSpec spec = mapper.readValue(text, FlinkDeploymentSpec.class);
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

    private static String write(ObjectMapper mapper, FlinkDeploymentSpec spec) {
        try {
            return mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "SDK bug: a FlinkDeploymentSpec could not be serialized", e);
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
