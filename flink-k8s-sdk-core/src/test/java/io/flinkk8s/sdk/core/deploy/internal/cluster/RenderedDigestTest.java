package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An object's digest read straight from its serialization's tokens ({@link RenderedDigest}) is the
 * digest of its JSON tree ({@link AppliedDigest#ofRendered}), and it names the object as {@link
 * ObjectRef#of} does: for every object the SDK renders on each target, and for values rendered
 * objects rarely hold (floats, big numbers, nulls in lists and maps, metadata of server fields
 * only).
 */
class RenderedDigestTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static Stream<Named<HasMetadata>> objects() {
        FlinkDeploymentSpec headline = Specs.statefulHa();
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(Renderer.defaults().render(headline).all());
        objects.addAll(
                Renderer.defaults().render(headline.withTarget(RenderTarget.OPERATOR)).all());
        objects.addAll(Renderer.defaults().render(Specs.session()).all());
        objects.add(unusual());
        objects.add(
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("server-fields-only")
                        .withNamespace("streaming")
                        .withUid("u")
                        .withResourceVersion("7")
                        .endMetadata()
                        .addToData("k", "v")
                        .build());
        return objects.stream()
                .map(o -> Named.of(o.getKind() + " " + o.getMetadata().getName(), o));
    }

    @ParameterizedTest
    @MethodSource("objects")
    void theDigestReadFromTheTokensIsTheDigestOfTheJsonTree(HasMetadata object) {
        RenderedDigest read = JSON.convertValue(object, RenderedDigest.class);

        assertThat(read.digest())
                .isEqualTo(AppliedDigest.ofRendered(JSON.convertValue(object, JsonNode.class)));
        assertThat(read.ref()).isEqualTo(ObjectRef.of(object));
    }

    /** A custom resource whose fields hold what the SDK's own objects do not. */
    private static GenericKubernetesResource unusual() {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("example.com/v1");
        r.setKind("Unusual");
        r.setMetadata(
                new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                        .withName("unusual")
                        .withNamespace("streaming")
                        .withGeneration(4L)
                        .withLabels(Map.of("b", "2", "a", "1"))
                        .build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ratio", 0.50);
        spec.put("half", 0.5f);
        spec.put("whole", 2.0);
        spec.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        spec.put("long", 1L << 40);
        spec.put("nothing", null);
        spec.put("list", Arrays.asList(1, null, "two", Map.of("z", 1, "y", false)));
        spec.put("quoted", "a \"b\" \\ c\n\u0001");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", Map.of());
        nested.put("a", List.of());
        nested.put("c", null);
        spec.put("nested", nested);
        r.setAdditionalProperty("spec", spec);
        r.setAdditionalProperty("status", Map.of("phase", "left out"));
        return r;
    }
}
