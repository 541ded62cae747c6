package io.flinkk8s.sdk.testkit.internal.server.replay;

/** The objects Kubernetes' apply integration tests send, as JSON. */
final class Manifests {

    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    static final String PODS = "/api/v1/namespaces/default/pods";
    static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    private Manifests() {}

    /** An nginx Deployment; {@code extraSpec} and {@code extraPodSpec} are inserted verbatim. */
    static String deployment(String name, String replicas, String podSpecExtra, String container) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "%s", "labels": {"app": "nginx"}},
                 "spec": {%s
                   "selector": {"matchLabels": {"app": "nginx"}},
                   "template": {"metadata": {"labels": {"app": "nginx"}},
                     "spec": {%s"containers": [%s]}}}}
                """
                .formatted(
                        name,
                        replicas == null ? "" : "\"replicas\": " + replicas + ",",
                        podSpecExtra == null ? "" : podSpecExtra + ",",
                        container == null
                                ? "{\"name\": \"nginx\", \"image\": \"nginx:latest\"}"
                                : container);
    }

    /** A ConfigMap test-cm in default with label test-label=test and data key=value. */
    static final String TEST_CM =
            """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "test-cm", "namespace": "default",
                          "labels": {"test-label": "test"}},
             "data": {"key": "value"}}
            """;

    /** A pod just-a-pod with one container. */
    static final String JUST_A_POD =
            """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "just-a-pod"},
             "spec": {"containers": [{"name": "test-container-a", "image": "test-image-one"}]}}
            """;
}
