package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;

/**
 * The admission plugins a create passes after the API server's own defaulting, in Kubernetes'
 * order: the mutating {@code LimitRanger} and {@code DefaultStorageClass}, then the validating
 * {@code LimitRanger}, {@code PodSecurity} and, last, {@code ResourceQuota}. A refusal is a 403
 * Forbidden whose message is {@code <resource> "<name>" is forbidden: <why>}, as {@code
 * admission.NewForbidden} words it.
 */
public final class AdmissionChain {

    private AdmissionChain() {}

    /**
     * Admits the create of {@code object} ({@code group} "" for the core group, {@code plural}) in
     * {@code namespace} (null for a cluster-scoped kind), changing it as the mutating plugins do.
     *
     * @throws ApiError 403 Forbidden when a plugin refuses it
     */
    public static void admitCreate(
            ClusterView view, String group, String plural, String namespace, ObjectNode object) {
        if (namespace == null) {
            return;
        }
        boolean core = group.isEmpty();
        if (core && plural.equals("pods")) {
            PodResources.defaultRequestsFromLimits(object);
            LimitRanger.applyDefaults(view, namespace, object);
            LimitRanger.validate(view, namespace, object);
            PodSecurityAdmission.admit(view, namespace, object);
        } else if (core && plural.equals("persistentvolumeclaims")) {
            DefaultStorageClass.admit(view, object);
        }
        ResourceQuotas.admit(view, group, plural, namespace, object);
    }

    /** 403 Forbidden about {@code object} of {@code plural}, as admission plugins refuse. */
    static ApiError forbidden(String plural, JsonNode object, String why) {
        String name = object.path("metadata").path("name").asText("");
        StatusDetails details = new StatusDetails();
        details.setName(name);
        details.setKind(plural);
        return new ApiError(
                403, "Forbidden", plural + " \"" + name + "\" is forbidden: " + why, details);
    }
}
