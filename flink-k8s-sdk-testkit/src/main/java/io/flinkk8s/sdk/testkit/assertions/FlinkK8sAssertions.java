package io.flinkk8s.sdk.testkit.assertions;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.validation.ValidationResult;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.server.RequestLog;

/**
 * The entry point of the testkit's AssertJ assertions.
 *
 * <pre>{@code
 * import static io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions.assertThat;
 *
 * assertThat(cluster).deployment("streaming", "orders-taskmanager")
 *         .hasReplicas(3).hasReadyReplicas(3)
 *         .container("flink-main-container").hasArgs("taskmanager")
 *         .hasResourceRequest("memory", "2Gi").hasReadinessProbe();
 * assertThat(cluster).requests().hasNoWrites();
 * assertThat(cluster).flinkDeployment("streaming", "orders")
 *         .hasReadyJobManager().hasReadyTaskManagers(3)
 *         .job().isRunning().wasRestoredFromLatestSavepoint();
 * assertThat(Renderer.standalone().render(spec))
 *         .allHaveLabel("app.kubernetes.io/managed-by", "flink-k8s-sdk")
 *         .resource(ConfigMap.class, "orders-flink-config").hasLabel("team", "payments");
 * assertThat(SpecValidator.validate(spec))
 *         .hasViolation("taskManager.replicas", "must be >= 1");
 * }</pre>
 */
public final class FlinkK8sAssertions {

    private FlinkK8sAssertions() {}

    /** Assertions on a cluster: its objects and its request log. */
    public static ClusterAssert assertThat(FlinkK8sCluster actual) {
        return new ClusterAssert(actual);
    }

    /** Assertions on a Deployment object. */
    public static DeploymentAssert assertThat(Deployment actual) {
        return new DeploymentAssert(actual);
    }

    /** Assertions on a container. */
    public static ContainerAssert assertThat(Container actual) {
        return new ContainerAssert(actual);
    }

    /** Assertions on the objects rendered for a spec. */
    public static RenderedResourcesAssert assertThat(RenderedResources actual) {
        return new RenderedResourcesAssert(actual);
    }

    /** Assertions on the result of validating a spec. */
    public static ValidationResultAssert assertThat(ValidationResult actual) {
        return new ValidationResultAssert(actual);
    }

    /** Assertions on any Kubernetes object's metadata (labels, annotations, owner). */
    public static ResourceAssert assertThat(HasMetadata actual) {
        return new ResourceAssert(actual);
    }

    /** Assertions on a request log. */
    public static RequestLogAssert assertThat(RequestLog actual) {
        return new RequestLogAssert(actual);
    }
}
