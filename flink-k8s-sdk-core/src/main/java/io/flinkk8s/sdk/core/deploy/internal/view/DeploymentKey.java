package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.deploy.internal.observe.EventDigest;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.Map;
import java.util.Optional;

/** One deployment of the view, and which deployment an informed object belongs to. */
record DeploymentKey(String namespace, String name) {

    /** The informers' index value: {@code namespace/name}. */
    String index() {
        return namespace + "/" + name;
    }

    /** The deployment of an object the SDK labelled as its own. */
    static Optional<DeploymentKey> of(HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels == null
                || !ResourceLabels.MANAGED_BY_VALUE.equals(labels.get(ResourceLabels.MANAGED_BY))
                || labels.get(ResourceLabels.INSTANCE) == null
                || o.getMetadata().getNamespace() == null) {
            return Optional.empty();
        }
        // interned: the index keeps one key per deployment, sharing the strings with the caches
        return Optional.of(
                new DeploymentKey(
                        o.getMetadata().getNamespace().intern(),
                        labels.get(ResourceLabels.INSTANCE).intern()));
    }

    /** The deployment an Event is about, if one of the SDK's workloads. */
    static Optional<DeploymentKey> ofEvent(Event e) {
        String namespace =
                e.getInvolvedObject() != null && e.getInvolvedObject().getNamespace() != null
                        ? e.getInvolvedObject().getNamespace()
                        : e.getMetadata().getNamespace();
        if (namespace == null) {
            return Optional.empty();
        }
        return EventDigest.deploymentOf(e).map(name -> new DeploymentKey(namespace, name));
    }
}
