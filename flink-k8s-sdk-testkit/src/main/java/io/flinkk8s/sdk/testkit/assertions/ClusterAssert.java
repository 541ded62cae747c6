package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldContain.shouldContain;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an in-memory cluster; navigate to its objects and its request log. */
public final class ClusterAssert extends AbstractAssert<ClusterAssert, FlinkK8sCluster> {

    ClusterAssert(FlinkK8sCluster actual) {
        super(actual, ClusterAssert.class);
    }

    /** Assertions on the Deployment {@code namespace/name}, which must exist. */
    public DeploymentAssert deployment(String namespace, String name) {
        isNotNull();
        Deployment d = actual.find(Deployment.class, namespace, name).orElse(null);
        if (d == null) {
            List<String> present =
                    actual.list(Deployment.class, null).stream()
                            .map(
                                    x ->
                                            x.getMetadata().getNamespace()
                                                    + "/"
                                                    + x.getMetadata().getName())
                            .sorted()
                            .toList();
            throwAssertionError(
                    shouldContain(
                            "cluster",
                            "the in-memory cluster at " + actual.now(),
                            "Deployment " + namespace + "/" + name,
                            "it has only the Deployments " + present));
        }
        return new DeploymentAssert(d).as("Deployment " + namespace + "/" + name);
    }

    /**
     * Assertions on the SDK deployment {@code name} as a whole: its JobManager and TaskManagers,
     * and the Flink job behind them.
     */
    public FlinkDeploymentAssert flinkDeployment(String namespace, String name) {
        isNotNull();
        return new FlinkDeploymentAssert(actual, actual.flink(namespace, name))
                .as("Flink deployment " + namespace + "/" + name);
    }

    /** Assertions on the object of this type {@code namespace/name}, which must exist. */
    public ResourceAssert resource(
            Class<? extends HasMetadata> type, String namespace, String name) {
        isNotNull();
        HasMetadata found = actual.find(type, namespace, name).orElse(null);
        if (found == null) {
            throwAssertionError(
                    shouldContain(
                            "cluster",
                            "the in-memory cluster at " + actual.now(),
                            type.getSimpleName() + " " + namespace + "/" + name,
                            "it has only "
                                    + actual.list(type, null).stream()
                                            .map(
                                                    x ->
                                                            x.getMetadata().getNamespace()
                                                                    + "/"
                                                                    + x.getMetadata().getName())
                                            .sorted()
                                            .toList()));
        }
        return new ResourceAssert(found).as(type.getSimpleName() + " " + namespace + "/" + name);
    }

    /** Assertions on the requests clients made so far. */
    public RequestLogAssert requests() {
        isNotNull();
        return new RequestLogAssert(actual.requests()).as("requests to the in-memory cluster");
    }
}
