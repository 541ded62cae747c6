package io.flinkk8s.sdk.core.deploy;

import io.flinkk8s.sdk.core.render.Advisory;
import java.util.List;
import java.util.Optional;

/**
 * What applying a spec would do, object by object, without having written anything: created,
 * updated (with the fields that change), unchanged or pruned, in apply order (prunes last). {@code
 * toString()} is meant for people:
 *
 * <pre>
 * Plan for streaming/orders: 0 to create, 1 to update, 6 unchanged, 1 to prune
 *   ~ Deployment orders-taskmanager
 *     spec.replicas: 3 -&gt; 4
 *   - Ingress orders-rest
 * </pre>
 *
 * @param namespace the deployment's namespace
 * @param name the deployment's name
 * @param changes one entry per rendered object and per object to prune
 * @param advisories what the renderer noticed about the spec
 */
public record ApplyPlan(
        String namespace, String name, List<ResourceChange> changes, List<Advisory> advisories) {

    /** Copies the lists. */
    public ApplyPlan {
        changes = List.copyOf(changes);
        advisories = List.copyOf(advisories);
    }

    /** Whether applying would write anything. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(ResourceChange::writes);
    }

    /** The changes with {@code action}, in plan order. */
    public List<ResourceChange> changes(ResourceChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).toList();
    }

    /** The change for one object, if the plan has one. */
    public Optional<ResourceChange> change(String kind, String objectName) {
        return changes.stream()
                .filter(c -> c.kind().equals(kind) && c.name().equals(objectName))
                .findFirst();
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("Plan for ")
                        .append(namespace)
                        .append('/')
                        .append(name)
                        .append(": ")
                        .append(changes(ResourceChange.Action.CREATE).size())
                        .append(" to create, ")
                        .append(changes(ResourceChange.Action.UPDATE).size())
                        .append(" to update, ")
                        .append(changes(ResourceChange.Action.UNCHANGED).size())
                        .append(" unchanged, ")
                        .append(changes(ResourceChange.Action.PRUNE).size())
                        .append(" to prune");
        changes.stream()
                .filter(ResourceChange::writes)
                .forEach(c -> sb.append(System.lineSeparator()).append("  ").append(c));
        return sb.toString();
    }
}
