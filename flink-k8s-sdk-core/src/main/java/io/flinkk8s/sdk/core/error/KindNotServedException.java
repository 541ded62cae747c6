package io.flinkk8s.sdk.core.error;

import io.flinkk8s.sdk.core.internal.ObjectKind;

/**
 * The cluster does not serve the kind of an object the SDK applies or lists, as API discovery
 * shows: for {@code FlinkDeployment} ({@code flink.apache.org/v1beta1}) the Flink Kubernetes
 * Operator and its CRDs are not installed; for another custom resource its CRD is missing; for a
 * built-in kind the cluster's Kubernetes version does not serve that API version. Reported at once,
 * never retried: retrying cannot install a CRD. Nothing of the apply that found it was written
 * after it.
 *
 * <p>{@link #httpStatus()} is 404, what the API server answers for a resource it does not serve.
 */
public class KindNotServedException extends ApplyException {

    private static final long serialVersionUID = 1L;

    /** The operator's documented Helm install, for the version whose CRDs the SDK targets. */
    private static final String HELM_INSTALL =
            "helm repo add flink-operator-repo"
                    + " https://downloads.apache.org/flink/flink-kubernetes-operator-1.15.0/ &&"
                    + " helm install flink-kubernetes-operator"
                    + " flink-operator-repo/flink-kubernetes-operator";

    private final String apiVersion;

    /**
     * @param apiVersion the kind's API version, e.g. {@code flink.apache.org/v1beta1}
     * @param kind the kind, e.g. {@code FlinkDeployment}
     * @param namespace the namespace of the object or list
     * @param name the object's name; null when a list of {@code kind} failed
     * @param attempts the attempts made until discovery showed the kind is not served
     * @param cause the client's exception
     */
    public KindNotServedException(
            String apiVersion,
            String kind,
            String namespace,
            String name,
            int attempts,
            Throwable cause) {
        super(
                message(apiVersion, kind, namespace, name),
                kind,
                namespace,
                name,
                new Failure(
                        404,
                        "the cluster does not serve " + kind + " (" + apiVersion + ")",
                        attempts,
                        attempts),
                cause);
        this.apiVersion = apiVersion;
    }

    /** The API version of the kind the cluster does not serve. */
    public String apiVersion() {
        return apiVersion;
    }

    private static String message(String apiVersion, String kind, String namespace, String name) {
        return "Could not "
                + what(kind, namespace, name)
                + ": the cluster does not serve "
                + kind
                + " ("
                + apiVersion
                + "). "
                + nextStep(apiVersion, kind)
                + " Not retried: retrying cannot install it.";
    }

    private static String nextStep(String apiVersion, String kind) {
        if (apiVersion.startsWith(ObjectKind.FLINK_API_GROUP + "/")) {
            return "Install the Flink Kubernetes Operator and its CRDs ("
                    + HELM_INSTALL
                    + "), or render the spec with target standalone.";
        }
        if (apiVersion.startsWith(ObjectKind.MONITORING_API_GROUP + "/")) {
            return "Install the Prometheus Operator's CRDs (e.g. with the kube-prometheus-stack"
                    + " Helm chart), or set observability.prometheus.podMonitor to false and"
                    + " let Prometheus find the pods by their prometheus.io annotations.";
        }
        if (!apiVersion.contains("/") || isBuiltInGroup(apiVersion)) {
            return "The cluster's Kubernetes version does not serve this API version: upgrade the"
                    + " cluster, or leave "
                    + kind
                    + " out of the rendered objects (the spec field or render step that adds it).";
        }
        return "Install the CustomResourceDefinition that defines "
                + kind
                + ", or leave it out of the rendered objects (the render step that adds it).";
    }

    /** Kubernetes' own groups: no dot ({@code apps}, {@code policy}) or under {@code k8s.io}. */
    private static boolean isBuiltInGroup(String apiVersion) {
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io");
    }
}
