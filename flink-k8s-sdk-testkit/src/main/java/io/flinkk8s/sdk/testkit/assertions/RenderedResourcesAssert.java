package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldContain.shouldContain;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldSatisfy.shouldSatisfy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the renderer produced for a spec: which objects, their labels, and the
 * advisories; navigate to one object's assertions by kind and name.
 */
public final class RenderedResourcesAssert
        extends AbstractAssert<RenderedResourcesAssert, RenderedResources> {

    RenderedResourcesAssert(RenderedResources actual) {
        super(actual, RenderedResourcesAssert.class);
    }

    /** Checks the number of objects. */
    public RenderedResourcesAssert hasSize(int expected) {
        isNotNull();
        if (actual.size() != expected) {
            throwAssertionError(
                    shouldHave(
                            "the rendered objects",
                            keys(),
                            "have size",
                            expected,
                            "there are " + actual.size()));
        }
        return this;
    }

    /** Checks that an object of this type and name was rendered. */
    public RenderedResourcesAssert contains(Class<? extends HasMetadata> type, String name) {
        find(type, name);
        return this;
    }

    /** Checks that no object of this type and name was rendered. */
    public RenderedResourcesAssert doesNotContain(Class<? extends HasMetadata> type, String name) {
        isNotNull();
        if (actual.find(type, name).isPresent()) {
            throwAssertionError(
                    shouldSatisfy(
                            "the rendered objects",
                            keys(),
                            "not contain",
                            type.getSimpleName() + " " + name,
                            "it was rendered"));
        }
        return this;
    }

    /** Checks that every object carries this label. */
    public RenderedResourcesAssert allHaveLabel(String key, String value) {
        isNotNull();
        List<String> without =
                actual.all().stream()
                        .filter(o -> !Objects.equals(labels(o).get(key), value))
                        .map(
                                o ->
                                        o.getKind()
                                                + " "
                                                + o.getMetadata().getName()
                                                + " ("
                                                + labels(o).get(key)
                                                + ")")
                        .toList();
        if (!without.isEmpty()) {
            throwAssertionError(
                    shouldHave(
                            "every rendered object",
                            keys(),
                            "have label " + key,
                            value,
                            "these do not (actual value): " + without));
        }
        return this;
    }

    /** Checks that an advisory about {@code path} contains {@code messageFragment}. */
    public RenderedResourcesAssert hasAdvisory(String path, String messageFragment) {
        isNotNull();
        if (actual.advisories().stream()
                .noneMatch(a -> a.path().equals(path) && a.message().contains(messageFragment))) {
            throwAssertionError(
                    shouldContain(
                            "the advisories",
                            render(actual.advisories()),
                            "an advisory at " + path + " mentioning \"" + messageFragment + "\"",
                            "none matches"));
        }
        return this;
    }

    /** Checks that the renderer had nothing to advise. */
    public RenderedResourcesAssert hasNoAdvisories() {
        isNotNull();
        if (!actual.advisories().isEmpty()) {
            throwAssertionError(
                    shouldSatisfy(
                            "the advisories",
                            render(actual.advisories()),
                            "be",
                            "empty",
                            "there are " + actual.advisories().size()));
        }
        return this;
    }

    /** Assertions on the rendered object of this type and name, which must exist. */
    public ResourceAssert resource(Class<? extends HasMetadata> type, String name) {
        return new ResourceAssert(find(type, name))
                .as("rendered " + type.getSimpleName() + " " + name);
    }

    /** Assertions on the rendered Deployment {@code name}, which must exist. */
    public DeploymentAssert deployment(String name) {
        return new DeploymentAssert(find(Deployment.class, name)).as("rendered Deployment " + name);
    }

    private <T extends HasMetadata> T find(Class<T> type, String name) {
        isNotNull();
        Optional<T> found = actual.find(type, name);
        if (found.isEmpty()) {
            throwAssertionError(
                    shouldContain(
                            "the rendered objects",
                            keys(),
                            type.getSimpleName() + " " + name,
                            "the "
                                    + type.getSimpleName()
                                    + " names are "
                                    + actual.all().stream()
                                            .filter(type::isInstance)
                                            .map(o -> o.getMetadata().getName())
                                            .toList()));
        }
        return found.get();
    }

    private String keys() {
        return actual.keys().toString();
    }

    private static Map<String, String> labels(HasMetadata o) {
        return o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
    }

    private static String render(List<Advisory> advisories) {
        return advisories.isEmpty()
                ? "(none)"
                : String.join("\n  ", advisories.stream().map(Advisory::toString).toList());
    }
}
