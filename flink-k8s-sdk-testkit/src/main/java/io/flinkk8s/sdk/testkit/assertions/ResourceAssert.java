package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.error.ShouldHave.shouldHave;
import static io.flinkk8s.sdk.testkit.assertions.error.ShouldSatisfy.shouldSatisfy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.assertj.core.api.AbstractAssert;

/** Assertions on any Kubernetes object's metadata: labels, annotations and owner. */
public final class ResourceAssert extends AbstractAssert<ResourceAssert, HasMetadata> {

    ResourceAssert(HasMetadata actual) {
        super(actual, ResourceAssert.class);
    }

    /** Checks one label. */
    public ResourceAssert hasLabel(String key, String value) {
        isNotNull();
        String found = labels().get(key);
        if (!Objects.equals(found, value)) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have label " + key,
                            value,
                            found == null
                                    ? "it has no such label; labels are " + labels()
                                    : "its value is \"" + found + "\""));
        }
        return this;
    }

    /** Checks that every one of these labels is set to its value (others may exist). */
    public ResourceAssert hasLabels(Map<String, String> expected) {
        isNotNull();
        Map<String, String> wrong = new TreeMap<>();
        expected.forEach(
                (k, v) -> {
                    if (!Objects.equals(labels().get(k), v)) {
                        wrong.put(k, labels().get(k));
                    }
                });
        if (!wrong.isEmpty()) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have labels",
                            new TreeMap<>(expected),
                            "these differ (actual values): " + wrong));
        }
        return this;
    }

    /** Checks one annotation. */
    public ResourceAssert hasAnnotation(String key, String value) {
        isNotNull();
        Map<String, String> annotations =
                actual.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : actual.getMetadata().getAnnotations();
        String found = annotations.get(key);
        if (!Objects.equals(found, value)) {
            throwAssertionError(
                    shouldHave(
                            name(),
                            yaml(),
                            "have annotation " + key,
                            value,
                            found == null
                                    ? "it has no such annotation; annotations are "
                                            + annotations.keySet()
                                    : "its value is \"" + found + "\""));
        }
        return this;
    }

    /** Checks that an owner reference names an owner of this kind and name. */
    public ResourceAssert hasOwner(String kind, String name) {
        isNotNull();
        List<OwnerReference> owners =
                actual.getMetadata().getOwnerReferences() == null
                        ? List.of()
                        : actual.getMetadata().getOwnerReferences();
        if (owners.stream().noneMatch(o -> kind.equals(o.getKind()) && name.equals(o.getName()))) {
            throwAssertionError(
                    shouldSatisfy(
                            name(),
                            yaml(),
                            "have owner",
                            kind + " " + name,
                            owners.isEmpty()
                                    ? "it has no owner references"
                                    : "its owners are "
                                            + owners.stream()
                                                    .map(o -> o.getKind() + " " + o.getName())
                                                    .toList()));
        }
        return this;
    }

    /** Checks that the object has no owner references (nothing garbage-collects it). */
    public ResourceAssert hasNoOwner() {
        isNotNull();
        List<OwnerReference> owners = actual.getMetadata().getOwnerReferences();
        if (owners != null && !owners.isEmpty()) {
            throwAssertionError(
                    shouldSatisfy(
                            name(),
                            yaml(),
                            "have",
                            "no owner references",
                            "its owners are "
                                    + owners.stream()
                                            .map(o -> o.getKind() + " " + o.getName())
                                            .toList()));
        }
        return this;
    }

    private Map<String, String> labels() {
        return actual.getMetadata().getLabels() == null
                ? Map.of()
                : actual.getMetadata().getLabels();
    }

    private String name() {
        String ns = actual.getMetadata().getNamespace();
        return actual.getKind()
                + " "
                + (ns == null ? "" : ns + "/")
                + actual.getMetadata().getName();
    }

    private String yaml() {
        String yaml = Serialization.asYaml(actual);
        return (yaml.startsWith("---\n") ? yaml.substring(4) : yaml).replace("\n", "\n  ").trim();
    }
}
