package io.flinkk8s.sdk.testkit.assertions;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
 * }</pre>
 */
public final class FlinkK8sAssertions {

    private FlinkK8sAssertions() {
    }

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

    /** Assertions on a request log. */
    public static RequestLogAssert assertThat(RequestLog actual) {
        return new RequestLogAssert(actual);
    }
}
