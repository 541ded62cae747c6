package io.flinkk8s.sdk.core.operator.crd;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * Deep copies of pod templates, which fabric8 models as mutable objects. The operator types a pod
 * template as a whole {@code Pod}; its {@code apiVersion} and {@code kind} mean nothing in a
 * template, yet fabric8's {@code Pod} sets them ({@code v1}, {@code Pod}) whenever one is made or
 * read, so a copy leaves them out: a template is written the same whether it was built or read.
 */
final class Pods {

    private Pods() {}

    /** A deep copy of {@code pod} without {@code apiVersion} and {@code kind}; null for null. */
    static Pod copy(Pod pod) {
        if (pod == null) {
            return null;
        }
        Pod copy = new PodBuilder(pod).build();
        copy.setApiVersion(null);
        copy.setKind(null);
        return copy;
    }
}
