package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldContain.shouldContain;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a container: image, args, env, resources and probes. */
public final class ContainerAssert extends AbstractAssert<ContainerAssert, Container> {

    ContainerAssert(Container actual) {
        super(actual, ContainerAssert.class);
    }

    /** Checks the image. */
    public ContainerAssert hasImage(String expected) {
        isNotNull();
        if (!Objects.equals(actual.getImage(), expected)) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have image",
                            expected,
                            "its image is " + actual.getImage()));
        }
        return this;
    }

    /** Checks the args, exactly and in order. */
    public ContainerAssert hasArgs(String... expected) {
        isNotNull();
        if (!args().equals(List.of(expected))) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have args",
                            List.of(expected),
                            "its args are " + args()));
        }
        return this;
    }

    /** Checks that the args contain these, in this order, next to each other. */
    public ContainerAssert containsArgs(String... expected) {
        isNotNull();
        if (java.util.Collections.indexOfSubList(args(), List.of(expected)) < 0) {
            throwAssertionError(
                    shouldContain(
                            name(), yaml(), "args " + List.of(expected), "its args are " + args()));
        }
        return this;
    }

    /** Checks an environment variable with a literal value. */
    public ContainerAssert hasEnv(String name, String value) {
        isNotNull();
        List<EnvVar> env = actual.getEnv() == null ? List.of() : actual.getEnv();
        EnvVar found = env.stream().filter(e -> e.getName().equals(name)).findFirst().orElse(null);
        if (found == null || !Objects.equals(found.getValue(), value)) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have env " + name,
                            value,
                            found == null
                                    ? "it has no such variable; it has "
                                            + env.stream().map(EnvVar::getName).toList()
                                    : "its value is "
                                            + (found.getValue() == null
                                                    ? "taken from "
                                                            + Serialization.asJson(
                                                                    found.getValueFrom())
                                                    : "\"" + found.getValue() + "\"")));
        }
        return this;
    }

    /** Checks a resource request ({@code cpu}, {@code memory}); quantities compare by amount. */
    public ContainerAssert hasResourceRequest(String resource, String quantity) {
        return hasResource(
                "request",
                resource,
                quantity,
                actual == null || actual.getResources() == null
                        ? null
                        : actual.getResources().getRequests());
    }

    /** Checks a resource limit ({@code cpu}, {@code memory}); quantities compare by amount. */
    public ContainerAssert hasResourceLimit(String resource, String quantity) {
        return hasResource(
                "limit",
                resource,
                quantity,
                actual == null || actual.getResources() == null
                        ? null
                        : actual.getResources().getLimits());
    }

    private ContainerAssert hasResource(
            String kind, String resource, String quantity, Map<String, Quantity> values) {
        isNotNull();
        Quantity found = values == null ? null : values.get(resource);
        if (found == null
                || found.getNumericalAmount().compareTo(new Quantity(quantity).getNumericalAmount())
                        != 0) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have " + resource + " " + kind,
                            quantity,
                            found == null ? "it has none" : "it has " + found));
        }
        return this;
    }

    /** Checks that a readiness probe is set. */
    public ContainerAssert hasReadinessProbe() {
        return hasProbe("readiness", actual == null ? null : actual.getReadinessProbe());
    }

    /** Checks that a liveness probe is set. */
    public ContainerAssert hasLivenessProbe() {
        return hasProbe("liveness", actual == null ? null : actual.getLivenessProbe());
    }

    /** Checks that a startup probe is set. */
    public ContainerAssert hasStartupProbe() {
        return hasProbe("startup", actual == null ? null : actual.getStartupProbe());
    }

    private ContainerAssert hasProbe(String kind, Probe probe) {
        isNotNull();
        if (probe == null) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have a " + kind + " probe",
                            "any " + kind + " probe",
                            "it has none"));
        }
        return this;
    }

    private List<String> args() {
        return actual.getArgs() == null ? List.of() : actual.getArgs();
    }

    private String name() {
        return "container " + actual.getName();
    }

    private String yaml() {
        String yaml = Serialization.asYaml(actual);
        return (yaml.startsWith("---\n") ? yaml.substring(4) : yaml).replace("\n", "\n  ").trim();
    }
}
