package io.flinkk8s.sdk.core.operator.importing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.error.ImportException;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Flink Kubernetes Operator's custom resources into the SDK's specs: every {@code
 * FlinkDeployment} of a YAML or JSON source (one or many documents, {@code ---}-separated, or a
 * {@code kind: List}) becomes a {@link FlinkDeploymentSpec} with target {@code operator}, ready to
 * render for either target, and every {@code FlinkSessionJob} a {@link FlinkSessionJobSpec}.
 *
 * <pre>{@code
 * ImportResult result = OperatorImport.lenient().read(Path.of("orders.yaml"));
 * result.notes().forEach(System.out::println);   // what the specs do not carry, with paths
 * FlinkDeploymentSpec orders = result.specs().get(0);
 * FlinkSessionJobSpec clicks = result.sessionJobs().get(0);
 * }</pre>
 *
 * <p>Both forms of {@code flinkConfiguration} (flat keys and the nested YAML the operator accepts)
 * are read; the HA type and storage dir and the task slots move into their spec fields. The 1.15
 * {@code resource} and the 1.16 {@code resources} are read (a spec read from {@code resources}
 * names operator 1.16, so it renders back in that form); pod templates, {@code ingress}, {@code
 * logConfiguration}, {@code mode} and every field of {@code job} are read. Without {@code
 * taskManager.replicas}, an application's TaskManagers are as many as {@code job.parallelism}
 * needs, as the operator starts them.
 *
 * <p>Nothing is dropped silently: whatever the spec cannot represent (the operator's nonces, a
 * limit other than its request, keys the SDK owns, unknown fields) is an {@link ImportNote} of kind
 * {@code NOT_REPRESENTED} with its path, and a {@link #strict()} import refuses it. A {@code
 * FlinkSessionJob}'s {@code deploymentName}, {@code job} (every field, the nonces noted as for a
 * deployment) and {@code flinkConfiguration} (flat or nested) are read; its {@code restartNonce} is
 * noted. Documents of other kinds, {@code status} and server-written metadata are notes of kind
 * {@code SKIPPED}.
 *
 * <p>An import does not validate: the specs are as written, and {@code SpecValidator} judges them.
 * Malformed input (not YAML or JSON, a field of the wrong shape, a value no enum has) throws an
 * {@link ImportException} naming the source, the document and the path; nothing is returned.
 */
public final class OperatorImport {

    private static final String FLINK_GROUP = "flink.apache.org/";

    private final boolean strict;
    private final ObjectMapper yaml = new YAMLMapper();
    private final KubernetesSerialization serialization = KubeSerialization.SHARED;

    private OperatorImport(boolean strict) {
        this.strict = strict;
    }

    /** An import that returns the specs and notes what they cannot carry. */
    public static OperatorImport lenient() {
        return new OperatorImport(false);
    }

    /**
     * An import that refuses any content the specs cannot represent, with an {@link
     * ImportException} listing every such field.
     */
    public static OperatorImport strict() {
        return new OperatorImport(true);
    }

    /**
     * Reads every document of {@code file}, named by its path in notes and errors.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws ImportException for malformed input, or refused content of a strict import
     */
    public ImportResult read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return read(text, file.toString());
    }

    /**
     * Reads every document of {@code text}; {@code source} names it in notes and errors.
     *
     * @throws ImportException for malformed input, or refused content of a strict import
     */
    public ImportResult read(String text, String source) {
        return read(new StringReader(Objects.requireNonNull(text, "text")), source);
    }

    /**
     * Reads every document of {@code reader} (not closed); {@code source} names it in notes and
     * errors.
     *
     * @throws UncheckedIOException when the reader fails
     * @throws ImportException for malformed input, or refused content of a strict import
     */
    public ImportResult read(Reader reader, String source) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        List<FlinkDeploymentSpec> specs = new ArrayList<>();
        List<FlinkSessionJobSpec> sessionJobs = new ArrayList<>();
        List<ImportNote> notes = new ArrayList<>();
        int number = 0;
        try (MappingIterator<JsonNode> documents =
                yaml.readerFor(JsonNode.class).readValues(reader)) {
            while (true) {
                JsonNode node;
                try {
                    if (!documents.hasNextValue()) {
                        break;
                    }
                    node = documents.nextValue();
                } catch (JsonProcessingException e) {
                    throw syntaxError(source, number + 1, e);
                }
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                number++;
                Document doc = new Document(source, number);
                document(doc, node, "", specs, sessionJobs);
                notes.addAll(doc.notes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        ImportResult result = new ImportResult(specs, sessionJobs, notes);
        if (strict && !result.isComplete()) {
            throw refusal(source, result.notRepresented());
        }
        return result;
    }

    private void document(
            Document doc,
            JsonNode node,
            String path,
            List<FlinkDeploymentSpec> specs,
            List<FlinkSessionJobSpec> sessionJobs) {
        if (!node.isObject()) {
            throw doc.malformed(
                    path, "must be a Kubernetes object (a mapping), was " + Document.shape(node));
        }
        String kind = doc.text(node.get("kind"), Document.at(path, "kind"));
        String apiVersion = doc.text(node.get("apiVersion"), Document.at(path, "apiVersion"));
        if (kind == null) {
            throw doc.malformed(Document.at(path, "kind"), "must be set");
        }
        boolean flink = apiVersion != null && apiVersion.startsWith(FLINK_GROUP);
        if (kind.equals("List") && node.path("items").isArray()) {
            JsonNode items = node.get("items");
            for (int i = 0; i < items.size(); i++) {
                String item = Document.at(path, "items") + "[" + i + "]";
                document(doc, items.get(i), item, specs, sessionJobs);
            }
        } else if (flink && kind.equals("FlinkDeployment")) {
            specs.add(new DeploymentReader(serialization, doc, path).read(node));
        } else if (flink && kind.equals("FlinkSessionJob")) {
            sessionJobs.add(new SessionJobReader(doc, path).read(node));
        } else {
            doc.skipped(
                    path,
                    kind + " " + name(node) + " (" + apiVersion + "): not a kind the import reads");
        }
    }

    private static ImportException refusal(String source, List<ImportNote> refused) {
        StringBuilder message =
                new StringBuilder("strict import of ")
                        .append(source)
                        .append(" refused: ")
                        .append(refused.size())
                        .append(" field(s) the spec cannot represent (import without strict to")
                        .append(" get the specs and these notes):");
        refused.forEach(n -> message.append("\n  ").append(n));
        return new ImportException(
                message.toString(),
                source,
                refused.get(0).document(),
                refused.get(0).path(),
                refused.stream().map(ImportNote::toString).toList());
    }

    private static String name(JsonNode node) {
        return "'" + node.path("metadata").path("name").asText("") + "'";
    }

    private static ImportException syntaxError(
            String source, int document, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where =
                at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ImportException(
                source,
                document,
                "",
                "not valid YAML or JSON" + where + ": " + e.getOriginalMessage(),
                e);
    }
}
