package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.AccessNeeds.Access;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the caller may do what the deployer does ({@link AccessNeeds}), asked of the API server
 * one SelfSubjectAccessReview ({@code authorization.k8s.io/v1}) per permission: the answer of the
 * cluster's own authorizers (RBAC and any other), for the caller's own credentials. A review is not
 * a write; any caller may create one. Sent as a generic resource, so the core needs no model jar of
 * the authorization group (README, "Footprint").
 */
final class RbacCheck {

    private static final String KIND = "permission";

    private static final ResourceDefinitionContext REVIEWS =
            new ResourceDefinitionContext.Builder()
                    .withGroup("authorization.k8s.io")
                    .withVersion("v1")
                    .withKind("SelfSubjectAccessReview")
                    .withPlural("selfsubjectaccessreviews")
                    .withNamespaced(false)
                    .build();

    private RbacCheck() {}

    /** One finding per permission the caller lacks in {@code namespace}. */
    static List<PreflightFinding> check(ClusterReads reads, String namespace, List<Access> needs) {
        List<PreflightFinding> findings = new ArrayList<>();
        for (Access a : needs) {
            Read<GenericKubernetesResource> answer = ask(reads, namespace, a);
            if (answer.value() == null) {
                findings.add(
                        new PreflightFinding(
                                Severity.WARNING,
                                Check.RBAC,
                                "SelfSubjectAccessReview",
                                null,
                                null,
                                "the API server did not answer a SelfSubjectAccessReview, so the"
                                        + " preflight cannot tell which permissions the caller"
                                        + " has",
                                "Check them with kubectl auth can-i --list -n " + namespace + "."));
                return findings;
            }
            if (!allowed(answer.value())) {
                findings.add(denied(a, namespace));
            }
        }
        return findings;
    }

    /**
     * The API server's answer to one SelfSubjectAccessReview of {@code a} in {@code namespace}
     * (null: a cluster-scoped permission); its value is null when the server did not answer.
     */
    static Read<GenericKubernetesResource> ask(ClusterReads reads, String namespace, Access a) {
        GenericKubernetesResource review = review(namespace, a);
        return reads.read(
                new ObjectRef(
                        "authorization.k8s.io/v1", "SelfSubjectAccessReview", null, a.label()),
                () ->
                        reads.context()
                                .client()
                                .genericKubernetesResources(REVIEWS)
                                .resource(review)
                                .create());
    }

    private static GenericKubernetesResource review(String namespace, Access a) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (namespace != null) {
            attributes.put("namespace", namespace);
        }
        attributes.put("verb", a.verb());
        attributes.put("group", a.group());
        attributes.put("resource", a.resource());
        if (a.subresource() != null) {
            attributes.put("subresource", a.subresource());
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("authorization.k8s.io/v1")
                .withKind("SelfSubjectAccessReview")
                .withNewMetadata()
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("resourceAttributes", attributes)))
                .build();
    }

    /** Whether a review's answer says allowed. */
    static boolean allowed(GenericKubernetesResource answer) {
        return answer.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && Boolean.TRUE.equals(status.get("allowed"));
    }

    private static PreflightFinding denied(Access a, String namespace) {
        String resource = a.resource() + (a.subresource() == null ? "" : "/" + a.subresource());
        return new PreflightFinding(
                a.severity(),
                Check.RBAC,
                KIND,
                namespace,
                a.label(),
                "the caller may not "
                        + a.verb()
                        + " "
                        + resource
                        + " in namespace "
                        + namespace
                        + ", which the deployer needs for "
                        + a.why(),
                "Grant it with a Role bound to the caller: apiGroups [\""
                        + a.group()
                        + "\"], resources [\""
                        + resource
                        + "\"], verbs [\""
                        + a.verb()
                        + "\"] (check with kubectl auth can-i "
                        + a.verb()
                        + " "
                        + resource
                        + " -n "
                        + namespace
                        + ").");
    }
}
