package io.flinkk8s.sdk.core.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkk8s.sdk.core.render.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs generated from the SDK's typed resources agree with the operator's own CRDs ({@code
 * shared/reference/flink-operator-crds}, release 1.15.0 and main 1.16-SNAPSHOT), field by field:
 * every property path of the generated schema is in the operator's with the same JSON type.
 *
 * <p>Where a path may be missing from the operator's schema:
 *
 * <ul>
 *   <li>{@code jobManager.resources} and {@code taskManager.resources}, which operator 1.16 added
 *       (the SDK models both versions), in the 1.15.0 CRD;
 *   <li>below the Kubernetes types the operator embeds (pod templates, resource requirements,
 *       Ingress TLS, conditions): the SDK's fabric8 model is of a newer Kubernetes than the
 *       operator's, so it has fields the operator's does not; they are listed, and a path both have
 *       must still have the same type.
 * </ul>
 *
 * Paths the operator has and the SDK does not model are printed (informative); every other
 * difference fails, naming the path. The names, scope, subresources and printer columns are
 * compared too.
 */
class GeneratedCrdsAgreeWithTheOperatorsTest {

    private static final List<String> KINDS =
            List.of("flinkdeployments", "flinksessionjobs", "flinkstatesnapshots");

    /** Paths below a Kubernetes type that fabric8 models (the field names the operator embeds). */
    private static final List<String> KUBERNETES_TYPES =
            List.of("podTemplate", "resources", "tls", "conditions");

    /** Paths operator 1.16 added, which the 1.15.0 CRD lacks. */
    private static final List<String> SINCE_1_16 =
            List.of(".spec.jobManager.resources", ".spec.taskManager.resources");

    static Stream<Arguments> crds() {
        List<Arguments> args = new ArrayList<>();
        for (String version : List.of("", "main-1.16-SNAPSHOT/")) {
            for (String plural : KINDS) {
                args.add(Arguments.of(version.isEmpty() ? "1.15.0" : "1.16-SNAPSHOT", plural));
            }
        }
        return args.stream();
    }

    private static JsonNode operators(String version, String plural) {
        String dir = version.equals("1.15.0") ? "" : "main-1.16-SNAPSHOT/";
        return CrdSchemaPaths.read(
                ReferenceData.require(
                        "flink-operator-crds/" + dir + plural + ".flink.apache.org-v1.yml"));
    }

    private static JsonNode generated(String plural) {
        return CrdSchemaPaths.readResource(
                OperatorCrds.DIRECTORY + plural + ".flink.apache.org-v1.yml");
    }

    @ParameterizedTest(name = "{1} against operator {0}")
    @MethodSource("crds")
    void everyFieldTheSdkModelsHasTheOperatorsPathAndType(String version, String plural) {
        Map<String, String> theirs = CrdSchemaPaths.of(operators(version, plural));
        Map<String, String> ours = CrdSchemaPaths.of(generated(plural));
        List<String> disagreements = new ArrayList<>();
        List<String> newerKubernetes = new ArrayList<>();

        ours.forEach(
                (path, type) -> {
                    String their = theirs.get(path);
                    if (their != null) {
                        if (!their.equals(type)) {
                            disagreements.add(path + ": ours " + type + ", operator's " + their);
                        }
                    } else if (version.equals("1.15.0")
                            && SINCE_1_16.stream().anyMatch(path::startsWith)) {
                        // modelled for operator 1.16; rendered only for it
                    } else if (belowKubernetesType(path)) {
                        newerKubernetes.add(path);
                    } else {
                        disagreements.add(path + ": ours " + type + ", not in the operator's CRD");
                    }
                });
        List<String> notModelled =
                theirs.keySet().stream().filter(p -> !ours.containsKey(p)).toList();
        System.out.printf(
                "%s against operator %s: %d paths agree; the operator has %d the SDK does not"
                        + " model%s; %d Kubernetes fields are newer than the operator's model%n",
                plural,
                version,
                ours.size() - newerKubernetes.size(),
                notModelled.size(),
                notModelled.isEmpty() ? "" : " " + notModelled,
                newerKubernetes.size());

        assertThat(disagreements).as("paths where the generated CRD disagrees").isEmpty();
        assertThat(ours.size() - newerKubernetes.size()).isGreaterThan(10);
    }

    @ParameterizedTest(name = "{1} against operator {0}")
    @MethodSource("crds")
    void namesScopeSubresourcesAndPrinterColumnsAreTheOperators(String version, String plural) {
        JsonNode theirs = operators(version, plural);
        JsonNode ours = generated(plural);

        assertThat(ours.at("/metadata/name")).isEqualTo(theirs.at("/metadata/name"));
        for (String field : List.of("group", "scope", "names")) {
            assertThat(ours.at("/spec/" + field)).as(field).isEqualTo(theirs.at("/spec/" + field));
        }
        JsonNode ourVersion = ours.at("/spec/versions/0");
        JsonNode theirVersion = theirs.at("/spec/versions/0");
        for (String field : List.of("name", "served", "storage", "subresources")) {
            assertThat(ourVersion.get(field)).as(field).isEqualTo(theirVersion.get(field));
        }
        assertThat(columns(ourVersion)).isEqualTo(columns(theirVersion));
    }

    /** The printer columns without their descriptions, which the 1.16 CRDs dropped. */
    private static List<String> columns(JsonNode version) {
        List<String> columns = new ArrayList<>();
        for (JsonNode c : version.path("additionalPrinterColumns")) {
            columns.add(
                    c.path("name").asText()
                            + " "
                            + c.path("jsonPath").asText()
                            + " "
                            + c.path("type").asText());
        }
        return columns;
    }

    private static boolean belowKubernetesType(String path) {
        for (String type : KUBERNETES_TYPES) {
            if (path.contains("." + type + ".")
                    || path.contains("." + type + "[]")
                    || path.contains("." + type + "{}")) {
                return true;
            }
        }
        return false;
    }
}
