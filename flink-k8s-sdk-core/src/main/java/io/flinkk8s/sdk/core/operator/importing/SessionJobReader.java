package io.flinkk8s.sdk.core.operator.importing;

import static io.flinkk8s.sdk.core.operator.importing.Document.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code FlinkSessionJob} document into a {@link FlinkSessionJobSpec}: {@code deploymentName},
 * every field of {@code job} ({@link JobReader}), {@code flinkConfiguration} flat or nested (nested
 * maps become dotted keys, as the operator reads them), the name, namespace, labels and
 * annotations. {@code restartNonce} and anything the operator's CRD does not have are noted with
 * their path; {@code status} and server-written metadata are skipped.
 */
final class SessionJobReader {

    private final Document doc;
    private final String base;
    private final FlinkSessionJobSpec.Editor spec = FlinkSessionJobSpec.named(null).edit();

    SessionJobReader(Document doc, String base) {
        this.doc = doc;
        this.base = base;
    }

    FlinkSessionJobSpec read(JsonNode resource) {
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(resource, base);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = at(base, f.getKey());
            switch (f.getKey()) {
                case "apiVersion", "kind" -> {}
                case "metadata" -> metadata(f.getValue(), path);
                case "spec" -> spec(f.getValue(), path);
                case "status" -> doc.skipped(path, "written by the operator; not imported");
                default -> doc.lost(path, "not a field of a FlinkSessionJob");
            }
        }
        FlinkSessionJobSpec built = spec.build();
        if (built.name() == null) {
            throw doc.malformed(at(at(base, "metadata"), "name"), "must be set");
        }
        return built;
    }

    private void metadata(JsonNode metadata, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(metadata, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            switch (f.getKey()) {
                case "name" -> spec.name(doc.text(f.getValue(), at));
                case "namespace" -> spec.namespace(doc.text(f.getValue(), at));
                case "labels" -> spec.labels(labels(f.getValue(), at));
                case "annotations" -> spec.annotations(annotations(f.getValue(), at));
                default -> {
                    if (DeploymentReader.SERVER_METADATA.contains(f.getKey())) {
                        doc.skipped(at, "written by the API server; not imported");
                    } else {
                        doc.lost(at, "the spec has no field for it");
                    }
                }
            }
        }
    }

    /**
     * The labels; the SDK's own ({@code app.kubernetes.io/*}) it sets itself, so they are noted.
     */
    private Map<String, String> labels(JsonNode node, String path) {
        Map<String, String> labels = doc.stringMap(node, path);
        for (String key : List.copyOf(labels.keySet())) {
            if (ResourceLabels.isReserved(key)) {
                labels.remove(key);
                doc.lost(at(path, key), "a label the SDK sets itself on every object");
            }
        }
        return labels;
    }

    private Map<String, String> annotations(JsonNode node, String path) {
        Map<String, String> annotations = doc.stringMap(node, path);
        if (annotations.remove(DeploymentReader.LAST_APPLIED) != null) {
            doc.skipped(
                    at(path, DeploymentReader.LAST_APPLIED),
                    "kubectl's record of an apply; not imported");
        }
        return annotations;
    }

    private void spec(JsonNode node, String path) {
        Map<String, String> configuration = new TreeMap<>();
        JobSpec job = null;
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            JsonNode value = f.getValue();
            switch (f.getKey()) {
                case "deploymentName" -> spec.deploymentName(doc.text(value, at));
                case "job" -> job = value.isNull() ? null : new JobReader(doc).read(value, at);
                case "flinkConfiguration" -> {
                    if (!value.isNull()) {
                        flatten("", value, at, configuration);
                    }
                }
                case "restartNonce" ->
                        doc.lost(
                                at,
                                "a one-off restart trigger; the spec has no nonce (apply a changed"
                                        + " spec instead)");
                default -> doc.lost(at, "not a field of the operator's FlinkSessionJob spec");
            }
        }
        spec.job(job);
        spec.flinkConfiguration(configuration);
    }

    /** Nested maps into dotted keys, every scalar as its text; a list value is noted. */
    private void flatten(String prefix, JsonNode node, String path, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            String at = at(path, f.getKey());
            JsonNode value = f.getValue();
            if (value.isObject()) {
                flatten(key, value, at, out);
            } else if (value.isArray()) {
                doc.lost(at, "a list value; the spec's Flink configuration holds text values");
            } else if (!value.isNull()) {
                out.put(key, doc.text(value, at));
            }
        }
    }
}
