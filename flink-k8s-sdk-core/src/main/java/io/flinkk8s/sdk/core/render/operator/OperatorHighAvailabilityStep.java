package io.flinkk8s.sdk.core.render.operator;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import org.apache.flink.configuration.HighAvailabilityOptions;

/**
 * Kubernetes high availability of a {@code FlinkDeployment}, only when {@code
 * highAvailability.type} is {@code kubernetes}. It replaces the standalone {@code
 * high-availability} step under the same id.
 *
 * <ul>
 *   <li><b>owns</b>: {@code high-availability.type: kubernetes};
 *   <li><b>derives</b>: {@code high-availability.storageDir} from {@code
 *       highAvailability.storageDir};
 *   <li><b>leaves to the operator</b>: {@code high-availability.cluster-id} and {@code
 *       kubernetes.namespace}, which the operator sets from the resource's name and namespace and
 *       refuses from users; the RBAC for the HA ConfigMaps, which its Helm chart grants the job
 *       service account;
 *   <li><b>overwrites / merges</b>: nothing;
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class OperatorHighAvailabilityStep implements RenderStep {

    /** {@code high-availability}: the id of the standalone step it stands in for. */
    public static final StepId ID = StepId.of("high-availability");

    /** Flink's short name of the Kubernetes HA services factory. */
    private static final String KUBERNETES = "kubernetes";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only with Kubernetes HA. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().highAvailability().enabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        String storageDir = ctx.spec().highAvailability().storageDir();
        Rendering out = in.withConfig(HighAvailabilityOptions.HA_MODE, KUBERNETES);
        return storageDir == null
                ? out
                : out.withConfig(HighAvailabilityOptions.HA_STORAGE_PATH, storageDir);
    }
}
