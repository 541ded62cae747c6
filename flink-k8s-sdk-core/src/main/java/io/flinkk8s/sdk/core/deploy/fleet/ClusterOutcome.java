package io.flinkk8s.sdk.core.deploy.fleet;

import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.Optional;

/**
 * What an apply did on one cluster of a {@link Fleet}.
 *
 * @param cluster the cluster's name in the fleet
 * @param spec the spec as this cluster runs it (the fleet's spec with the cluster's overrides)
 * @param handle the deployment on this cluster, when the apply succeeded; null otherwise
 * @param result what the apply did, when it succeeded; null otherwise
 * @param failure why the apply failed, when it did; null otherwise. The deployer's message says
 *     what was written before it failed (an apply that fails part way leaves what it wrote, as
 *     server-side apply does, and the next apply of the same spec finishes it)
 */
public record ClusterOutcome(
        String cluster,
        FlinkDeploymentSpec spec,
        FlinkDeploymentHandle handle,
        ApplyResult result,
        FlinkK8sException failure) {

    /** Whether the apply succeeded on this cluster. */
    public boolean succeeded() {
        return failure == null;
    }

    /** The deployment on this cluster, when the apply succeeded. */
    public Optional<FlinkDeploymentHandle> deployment() {
        return Optional.ofNullable(handle);
    }

    @Override
    public String toString() {
        if (failure != null) {
            return cluster + ": FAILED: " + failure.getMessage();
        }
        return cluster
                + ": applied "
                + spec.namespace()
                + "/"
                + spec.name()
                + " ("
                + spec.image()
                + ")"
                + (result == null || result.transition() == ApplyResult.Transition.NONE
                        ? ""
                        : ", " + result.transition());
    }
}
