package io.flinkk8s.sdk.core.operator.importing;

import static io.flinkk8s.sdk.core.operator.importing.Document.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.ImagePullPolicy;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code FlinkDeployment} document into a {@link FlinkDeploymentSpec} of target operator: every
 * field of the operator's 1.15 and 1.16 CRDs is either carried into the spec or noted with its
 * path. The processes, the job and the Flink configuration have their own readers.
 */
final class DeploymentReader {

    /** Metadata the API server writes; it says nothing about the deployment wanted. */
    static final Set<String> SERVER_METADATA =
            Set.of(
                    "uid",
                    "resourceVersion",
                    "generation",
                    "creationTimestamp",
                    "deletionTimestamp",
                    "deletionGracePeriodSeconds",
                    "managedFields",
                    "selfLink");

    /** kubectl's copy of the last applied object, not part of the deployment. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final KubernetesSerialization serialization;
    private final Document doc;
    private final String base;
    private final FlinkDeploymentSpec.Editor spec = FlinkDeploymentSpec.named(null).edit();
    private OperatorVersion operatorVersion;
    private OperatorMode mode;

    DeploymentReader(KubernetesSerialization serialization, Document doc, String base) {
        this.serialization = serialization;
        this.doc = doc;
        this.base = base;
    }

    FlinkDeploymentSpec read(JsonNode resource) {
        spec.target(RenderTarget.OPERATOR);
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(resource, base);
        boolean hasSpec = false;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = at(base, f.getKey());
            switch (f.getKey()) {
                case "apiVersion", "kind" -> {}
                case "metadata" -> metadata(f.getValue(), path);
                case "spec" -> {
                    hasSpec = true;
                    spec(f.getValue(), path);
                }
                case "status" -> doc.skipped(path, "written by the operator; not imported");
                default -> doc.lost(path, "not a field of a FlinkDeployment");
            }
        }
        if (!hasSpec) {
            spec.mode(DeploymentMode.SESSION);
        }
        FlinkDeploymentSpec built = spec.build();
        if (built.name() == null) {
            throw doc.malformed(at(at(base, "metadata"), "name"), "must be set");
        }
        return built;
    }

    private void metadata(JsonNode metadata, String path) {
        doc.fields(metadata, path)
                .forEachRemaining(
                        f -> {
                            String at = at(path, f.getKey());
                            switch (f.getKey()) {
                                case "name" -> spec.name(doc.text(f.getValue(), at));
                                case "namespace" -> spec.namespace(doc.text(f.getValue(), at));
                                case "labels" -> labels(f.getValue(), at);
                                case "annotations" -> annotations(f.getValue(), at);
                                default -> {
                                    if (SERVER_METADATA.contains(f.getKey())) {
                                        doc.skipped(at, "written by the API server; not imported");
                                    } else {
                                        doc.lost(at, "the spec has no field for it");
                                    }
                                }
                            }
                        });
    }

    /**
     * The labels; the SDK's own ({@code app.kubernetes.io/*}) it sets itself, so they are noted.
     */
    private void labels(JsonNode node, String path) {
        Map<String, String> labels = doc.stringMap(node, path);
        for (String key : List.copyOf(labels.keySet())) {
            if (ResourceLabels.isReserved(key)) {
                labels.remove(key);
                doc.lost(at(path, key), "a label the SDK sets itself on every object");
            }
        }
        spec.labels(labels);
    }

    private void annotations(JsonNode node, String path) {
        Map<String, String> annotations = doc.stringMap(node, path);
        if (annotations.remove(LAST_APPLIED) != null) {
            doc.skipped(at(path, LAST_APPLIED), "kubectl's record of an apply; not imported");
        }
        spec.annotations(annotations);
    }

    private void spec(JsonNode node, String path) {
        ProcessReader processes = new ProcessReader(serialization, doc);
        ConfigurationReader configuration = new ConfigurationReader(doc);
        JobSpec job = null;
        TaskManagerSpec taskManager = TaskManagerSpec.unset();
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            JsonNode value = f.getValue();
            switch (f.getKey()) {
                case "image" -> spec.image(doc.text(value, at));
                case "imagePullPolicy" ->
                        spec.imagePullPolicy(
                                doc.constant(value, at, ImagePullPolicy::fromWireValue));
                case "flinkVersion" ->
                        spec.flinkVersion(doc.constant(value, at, FlinkVersion::fromWireValue));
                case "serviceAccount" -> spec.serviceAccount(doc.text(value, at));
                case "mode" -> mode = doc.constant(value, at, OperatorMode::fromWireValue);
                case "flinkConfiguration" -> configuration.read(value, at);
                case "logConfiguration" -> spec.logConfiguration(doc.stringMap(value, at));
                case "ingress" -> spec.ingress(ingress(value, at));
                case "podTemplate" -> spec.podTemplate(podTemplate(serialization, doc, value, at));
                case "jobManager" -> spec.jobManager(processes.jobManager(value, at));
                case "taskManager" -> taskManager = processes.taskManager(value, at);
                case "job" -> job = value.isNull() ? null : new JobReader(doc).read(value, at);
                case "restartNonce" ->
                        doc.lost(
                                at,
                                "a one-off restart trigger; the spec has no nonce (apply a changed"
                                        + " spec, or FlinkDeploymentHandle's operations, instead)");
                default -> doc.lost(at, "not a field of the operator's FlinkDeployment spec");
            }
        }
        spec.job(job);
        spec.mode(job != null ? DeploymentMode.APPLICATION : DeploymentMode.SESSION);
        spec.flinkConfiguration(configuration.entries());
        if (configuration.highAvailability() != null) {
            spec.highAvailability(configuration.highAvailability());
        }
        taskManager = taskManager.withTaskSlots(configuration.taskSlots());
        spec.taskManager(taskManager.withReplicas(taskManagers(taskManager, job)));
        if (processes.usesRequirements()) {
            operatorVersion = OperatorVersion.V1_16;
        }
        spec.operator(new OperatorSpec(operatorVersion, mode));
    }

    /**
     * The TaskManagers the operator runs: {@code taskManager.replicas}, or in application mode as
     * many as {@code job.parallelism} needs with the slots each has (the operator's rule), which
     * the standalone target needs written down.
     */
    private static Integer taskManagers(TaskManagerSpec taskManager, JobSpec job) {
        if (taskManager.replicas() != null || job == null || job.parallelism() == null) {
            return taskManager.replicas();
        }
        int slots = taskManager.taskSlots() == null ? 1 : Math.max(1, taskManager.taskSlots());
        return Math.max(1, (job.parallelism() + slots - 1) / slots);
    }

    private IngressSpec ingress(JsonNode node, String path) {
        String template = null;
        String className = null;
        Map<String, String> annotations = Map.of();
        Map<String, String> labels = Map.of();
        List<IngressTls> tls = List.of();
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = at(path, f.getKey());
            switch (f.getKey()) {
                case "template" -> template = doc.text(f.getValue(), at);
                case "className" -> className = doc.text(f.getValue(), at);
                case "annotations" -> annotations = doc.stringMap(f.getValue(), at);
                case "labels" -> labels = doc.stringMap(f.getValue(), at);
                case "tls" -> tls = tls(f.getValue(), at);
                default -> doc.lost(at, "not a field of the operator's ingress");
            }
        }
        return new IngressSpec(template, className, annotations, labels, tls);
    }

    private List<IngressTls> tls(JsonNode node, String path) {
        if (!node.isArray()) {
            throw doc.malformed(path, "must be a list, was " + Document.shape(node));
        }
        List<IngressTls> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String item = path + "[" + i + "]";
            List<String> hosts = List.of();
            String secret = null;
            Iterator<Map.Entry<String, JsonNode>> fields = doc.fields(node.get(i), item);
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String at = at(item, f.getKey());
                switch (f.getKey()) {
                    case "hosts" -> hosts = doc.stringList(f.getValue(), at);
                    case "secretName" -> secret = doc.text(f.getValue(), at);
                    default -> doc.lost(at, "not a field of an Ingress TLS entry");
                }
            }
            out.add(new IngressTls(hosts, secret));
        }
        return out;
    }

    /**
     * The operator's pod template (a {@code Pod}, whose {@code apiVersion} and {@code kind} carry
     * no meaning) as a {@link PodTemplateSpec}; fields fabric8's pod model does not know are kept
     * as its additional properties and rendered back.
     */
    static PodTemplateSpec podTemplate(
            KubernetesSerialization serialization, Document doc, JsonNode node, String path) {
        if (node.isNull()) {
            return null;
        }
        doc.fields(node, path);
        ObjectNode template = ((ObjectNode) node).deepCopy();
        template.remove("apiVersion");
        template.remove("kind");
        try {
            return serialization.convertValue(template, PodTemplateSpec.class);
        } catch (IllegalArgumentException e) {
            throw doc.malformed(path, "is not a pod template: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
