package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldContain.shouldContain;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a Deployment: its replicas, readiness, labels and containers. */
public final class DeploymentAssert extends AbstractAssert<DeploymentAssert, Deployment> {

    DeploymentAssert(Deployment actual) {
        super(actual, DeploymentAssert.class);
    }

    /** Checks {@code spec.replicas} (absent counts as 1, as on the API server). */
    public DeploymentAssert hasReplicas(int expected) {
        isNotNull();
        int replicas = Objects.requireNonNullElse(actual.getSpec().getReplicas(), 1);
        if (replicas != expected) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            summary(),
                            "have spec.replicas",
                            expected,
                            "it has " + replicas));
        }
        return this;
    }

    /** Checks {@code status.readyReplicas}. */
    public DeploymentAssert hasReadyReplicas(int expected) {
        isNotNull();
        int ready = count(status().getReadyReplicas());
        if (ready != expected) {
            throwAssertionError(
                    shouldHave(
                            name(), summary(), "have ready replicas", expected, "it has " + ready));
        }
        return this;
    }

    /** Checks {@code status.availableReplicas}. */
    public DeploymentAssert hasAvailableReplicas(int expected) {
        isNotNull();
        int available = count(status().getAvailableReplicas());
        if (available != expected) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            summary(),
                            "have available replicas",
                            expected,
                            "it has " + available));
        }
        return this;
    }

    /** Checks a label on the Deployment itself. */
    public DeploymentAssert hasLabel(String key, String value) {
        isNotNull();
        Map<String, String> labels = actual.getMetadata().getLabels();
        String found = labels == null ? null : labels.get(key);
        if (!Objects.equals(found, value)) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            summary(),
                            "have label " + key,
                            value,
                            found == null
                                    ? "it has no such label; labels are " + labels
                                    : "its value is \"" + found + "\""));
        }
        return this;
    }

    /** Assertions on the pod template's container {@code name}, which must exist. */
    public ContainerAssert container(String name) {
        isNotNull();
        List<Container> containers = actual.getSpec().getTemplate().getSpec().getContainers();
        Container c =
                containers.stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (c == null) {
            throwAssertionError(
                    shouldContain(
                            name() + " pod template",
                            summary(),
                            "container " + name,
                            "its containers are "
                                    + containers.stream().map(Container::getName).toList()));
        }
        return new ContainerAssert(c).as(name() + " / container " + name);
    }

    private DeploymentStatus status() {
        return actual.getStatus() == null ? new DeploymentStatus() : actual.getStatus();
    }

    private String name() {
        return "Deployment "
                + actual.getMetadata().getNamespace()
                + "/"
                + actual.getMetadata().getName();
    }

    private String summary() {
        DeploymentStatus s = status();
        return name()
                + " (spec.replicas "
                + actual.getSpec().getReplicas()
                + ", status: replicas "
                + count(s.getReplicas())
                + ", ready "
                + count(s.getReadyReplicas())
                + ", updated "
                + count(s.getUpdatedReplicas())
                + ", available "
                + count(s.getAvailableReplicas())
                + ", generation "
                + actual.getMetadata().getGeneration()
                + ", observed "
                + s.getObservedGeneration()
                + ")";
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
