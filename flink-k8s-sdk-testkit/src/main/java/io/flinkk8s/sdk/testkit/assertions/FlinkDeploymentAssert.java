package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldSatisfy.shouldSatisfy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.testkit.FlinkJobManager;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import io.flinkk8s.sdk.testkit.flink.SimulatedJob;
import io.flinkk8s.sdk.testkit.flink.SimulatedSavepoint;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;

/**
 * Assertions on an SDK deployment as a whole in the in-memory cluster: its JobManager and
 * TaskManager Deployments, and the Flink runtime behind the JobManager with its job and savepoints.
 * Get one from {@code assertThat(cluster).flinkDeployment(namespace, name)}.
 */
public final class FlinkDeploymentAssert
        extends AbstractAssert<FlinkDeploymentAssert, FlinkJobManager> {

    private final FlinkK8sCluster cluster;

    FlinkDeploymentAssert(FlinkK8sCluster cluster, FlinkJobManager actual) {
        super(actual, FlinkDeploymentAssert.class);
        this.cluster = cluster;
    }

    /** Checks the TaskManager Deployment's {@code status.readyReplicas}. */
    public FlinkDeploymentAssert hasReadyTaskManagers(int expected) {
        isNotNull();
        int ready = ready(names().taskManagerDeployment());
        if (ready != expected) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            summary(),
                            "have ready TaskManagers",
                            expected,
                            "it has " + ready));
        }
        return this;
    }

    /** Checks that a JobManager pod is ready and Flink runs behind it. */
    public FlinkDeploymentAssert hasReadyJobManager() {
        isNotNull();
        int ready = ready(names().jobManagerDeployment());
        if (ready < 1 || !actual.isRunning()) {
            throwAssertionError(
                    shouldSatisfy(
                            name(),
                            summary(),
                            "have",
                            "a ready JobManager with Flink running behind it",
                            ready < 1 ? "no JobManager pod is ready" : "no Flink runtime runs"));
        }
        return this;
    }

    /** Assertions on the newest job, which must exist. */
    public FlinkJobAssert job() {
        isNotNull();
        Optional<SimulatedJob> job = actual.latestJob();
        if (job.isEmpty()) {
            throwAssertionError(shouldSatisfy(name(), summary(), "have", "a job", "it has none"));
        }
        return new FlinkJobAssert(actual, job.get()).as(name() + " / job " + job.get().id());
    }

    /** Assertions on the path of the newest completed savepoint, which must exist. */
    public AbstractStringAssert<?> lastSavepoint() {
        isNotNull();
        return FlinkJobAssert.lastSavepointOf(actual, name(), summary(), info);
    }

    private ResourceNames names() {
        return ResourceNames.of(actual.name());
    }

    private int ready(String deployment) {
        return cluster.find(Deployment.class, actual.namespace(), deployment)
                .map(Deployment::getStatus)
                .map(s -> s.getReadyReplicas())
                .map(Integer::intValue)
                .orElse(0);
    }

    private String name() {
        return "Flink deployment " + actual.namespace() + "/" + actual.name();
    }

    private String summary() {
        return actual
                + "\n  JobManager ready pods: "
                + ready(names().jobManagerDeployment())
                + ", TaskManager ready pods: "
                + ready(names().taskManagerDeployment());
    }

    static String savepointsOf(FlinkJobManager jm) {
        return jm.savepoints().stream().map(SimulatedSavepoint::path).toList().toString();
    }
}
