package io.flinkk8s.sdk.core.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.operator.crd.status.FlinkDeploymentStatus;
import io.flinkk8s.sdk.core.render.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed resources hold everything the operator's own example manifests say, and read what the
 * operator writes into a status.
 */
class TypedResourcesTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final Map<String, Class<? extends HasMetadata>> TYPES =
            Map.of(
                    "FlinkDeployment", FlinkDeployment.class,
                    "FlinkSessionJob", FlinkSessionJob.class,
                    "FlinkStateSnapshot", FlinkStateSnapshot.class);

    static Stream<Arguments> examples() throws IOException {
        Path dir = ReferenceData.require("flink-operator-examples");
        List<Arguments> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc != null && TYPES.containsKey(doc.path("kind").asText())) {
                            found.add(
                                    Arguments.of(
                                            f.getFileName()
                                                    + " "
                                                    + doc.at("/metadata/name").asText(),
                                            doc));
                        }
                    }
                }
            }
        }
        assertThat(found).hasSizeGreaterThan(20);
        return found.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleReadsIntoItsTypeAndWritesBackUnchanged(String name, JsonNode example)
            throws IOException {
        Class<? extends HasMetadata> type = TYPES.get(example.path("kind").asText());

        HasMetadata typed = K8S.convertValue(example, type);
        // through JSON text, as a cluster reads it (a Long 0 and an int 0 are the same number)
        JsonNode written = YAML.readTree(K8S.asJson(typed));

        assertThat(typed).isInstanceOf(type);
        assertThat(written).isEqualTo(example);
    }

    @Test
    void readsTheStatusTheOperatorWritesAndIgnoresFieldsItDoesNotModel() {
        String json =
                """
                {"apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
                 "metadata": {"name": "orders", "namespace": "streaming"},
                 "spec": {"taskManager": {"replicas": 3}, "futureField": 1},
                 "status": {
                   "lifecycleState": "STABLE", "jobManagerDeploymentStatus": "READY",
                   "observedGeneration": 4,
                   "jobStatus": {"jobId": "5f3a", "jobName": "orders", "state": "RUNNING",
                     "startTime": "1700000000000", "upgradeSavepointPath": "s3://sp/1",
                     "savepointInfo": {"lastSavepoint": {"location": "s3://sp/1",
                       "timeStamp": 1700000000000, "triggerType": "UPGRADE"}}},
                   "reconciliationStatus": {"state": "DEPLOYED",
                     "lastReconciledSpec": "{}", "reconciliationTimestamp": 1700000000001},
                   "taskManager": {"labelSelector": "component=taskmanager", "replicas": 3},
                   "clusterInfo": {"flink-version": "2.2.0"},
                   "conditions": [{"type": "Running", "status": "True", "reason": "Running"}],
                   "newerOperatorField": {"x": 1}}}
                """;

        FlinkDeployment cr = K8S.unmarshal(json, FlinkDeployment.class);
        FlinkDeploymentStatus status = cr.getStatus();

        assertThat(cr.getSpec().taskManager().replicas()).isEqualTo(3);
        assertThat(status.lifecycleState()).isEqualTo("STABLE");
        assertThat(status.jobManagerDeploymentStatus()).isEqualTo("READY");
        assertThat(status.observedGeneration()).isEqualTo(4L);
        assertThat(status.jobStatus().state()).isEqualTo("RUNNING");
        assertThat(status.jobStatus().upgradeSavepointPath()).isEqualTo("s3://sp/1");
        assertThat(status.jobStatus().savepointInfo().lastSavepoint().triggerType())
                .isEqualTo("UPGRADE");
        assertThat(status.reconciliationStatus().state()).isEqualTo("DEPLOYED");
        assertThat(status.taskManager().replicas()).isEqualTo(3);
        assertThat(status.clusterInfo()).containsEntry("flink-version", "2.2.0");
        assertThat(status.conditions())
                .singleElement()
                .satisfies(c -> assertThat(c.getType()).isEqualTo("Running"));
    }

    @Test
    void aPodTemplateIsWrittenWithoutApiVersionAndKindHoweverItWasMade() {
        String yaml =
                """
                jobManager:
                  podTemplate:
                    apiVersion: v1
                    kind: Pod
                    spec:
                      containers:
                      - name: flink-main-container
                """;

        FlinkDeploymentSpec spec = K8S.unmarshal(yaml, FlinkDeploymentSpec.class);

        assertThat(K8S.asJson(spec))
                .isEqualTo(
                        "{\"jobManager\":{\"podTemplate\":{\"spec\":{\"containers\":"
                                + "[{\"name\":\"flink-main-container\"}]}}}}");
    }

    @Test
    void flatConfigurationJoinsTheNestedFormAndRefusesLists() throws IOException {
        JsonNode nested =
                YAML.readTree(
                        """
                        high-availability:
                          type: kubernetes
                          storageDir: s3://ha
                        taskmanager.numberOfTaskSlots: 2
                        job.autoscaler:
                          enabled: true
                          utilization.target: 0.5
                        """);
        JsonNode list = YAML.readTree("env.java.opts.all: [-Xss1m, -Xmx1g]");

        assertThat(ConfigTrees.flat(nested))
                .containsExactly(
                        Map.entry("high-availability.storageDir", "s3://ha"),
                        Map.entry("high-availability.type", "kubernetes"),
                        Map.entry("job.autoscaler.enabled", "true"),
                        Map.entry("job.autoscaler.utilization.target", "0.5"),
                        Map.entry("taskmanager.numberOfTaskSlots", "2"));
        assertThatThrownBy(() -> ConfigTrees.flat(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flinkConfiguration['env.java.opts.all'] is a list");
    }
}
