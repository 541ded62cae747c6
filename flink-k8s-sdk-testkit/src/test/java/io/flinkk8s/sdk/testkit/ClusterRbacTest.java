package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory cluster answers SelfSubjectAccessReviews: allowed unless the test denied the verb
 * on the resource; a review stores nothing and is no write in the request log.
 */
class ClusterRbacTest {

    private static final ResourceDefinitionContext REVIEWS =
            new ResourceDefinitionContext.Builder()
                    .withGroup("authorization.k8s.io")
                    .withVersion("v1")
                    .withKind("SelfSubjectAccessReview")
                    .withPlural("selfsubjectaccessreviews")
                    .withNamespaced(false)
                    .build();

    private final InMemoryFlinkK8sCluster cluster =
            InMemoryFlinkK8sCluster.builder().namespace("streaming").start();

    @AfterEach
    void close() {
        cluster.close();
    }

    private boolean canI(String verb, String resource, String subresource) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("namespace", "streaming");
        attributes.put("verb", verb);
        attributes.put("resource", resource);
        if (subresource != null) {
            attributes.put("subresource", subresource);
        }
        GenericKubernetesResource review =
                new GenericKubernetesResourceBuilder()
                        .withApiVersion("authorization.k8s.io/v1")
                        .withKind("SelfSubjectAccessReview")
                        .withNewMetadata()
                        .endMetadata()
                        .withAdditionalProperties(
                                Map.of("spec", Map.of("resourceAttributes", attributes)))
                        .build();
        GenericKubernetesResource answer =
                cluster.client().genericKubernetesResources(REVIEWS).resource(review).create();
        return answer.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && Boolean.TRUE.equals(status.get("allowed"));
    }

    @Test
    void everyReviewIsAllowedUntilTheTestDeniesTheVerbOnTheResource() {
        assertThat(canI("delete", "persistentvolumeclaims", null)).isTrue();

        cluster.rbac().deny("delete", "persistentvolumeclaims").deny("create", "pods/portforward");

        assertThat(canI("delete", "persistentvolumeclaims", null)).isFalse();
        assertThat(canI("get", "persistentvolumeclaims", null)).isTrue();
        assertThat(canI("create", "pods", "portforward")).isFalse();
        assertThat(canI("create", "pods", null)).isTrue();
        assertThat(cluster.rbac().allows("create", "pods/portforward")).isFalse();

        cluster.rbac().allowAll();
        assertThat(canI("delete", "persistentvolumeclaims", null)).isTrue();
    }

    @Test
    void aDeniedWildcardVerbDeniesEveryVerbAndAllowUndoesOneDenial() {
        cluster.rbac().deny("*", "secrets").deny("get", "configmaps");
        assertThat(canI("list", "secrets", null)).isFalse();

        cluster.rbac().allow("get", "configmaps");
        assertThat(canI("get", "configmaps", null)).isTrue();
    }

    @Test
    void aReviewStoresNothingAndIsNoWriteInTheRequestLog() {
        cluster.requests().reset();

        canI("get", "pods", null);

        assertThat(cluster.requests().all())
                .singleElement()
                .satisfies(r -> assertThat(r.resource()).isEqualTo("selfsubjectaccessreviews"));
        assertThat(cluster.requests().writes()).isEmpty();
    }
}
