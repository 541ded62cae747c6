package io.flinkk8s.sdk.core.render.step;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import org.apache.flink.configuration.HighAvailabilityOptions;

/**
 * Kubernetes high availability for the JobManager, only when {@code highAvailability.type} is
 * {@code kubernetes}.
 *
 * <ul>
 *   <li><b>owns</b>: {@code high-availability.type: kubernetes} (it decides whether the pods need
 *       API access and RBAC); {@code high-availability.cluster-id} = the cluster id, so that two
 *       deployments sharing a storage dir never read each other's state; {@code
 *       kubernetes.namespace} = the spec's namespace, where the HA ConfigMaps and the Role live
 *       (Flink's Kubernetes client otherwise works in {@code default});
 *   <li><b>derives</b>: {@code high-availability.storageDir} from {@code
 *       highAvailability.storageDir};
 *   <li><b>overwrites / merges</b>: nothing;
 *   <li><b>emits</b>: config entries only. The pods' {@code POD_IP} address, service account and
 *       RBAC follow from the same spec field in {@link PodCommandStep}, the workload steps, {@link
 *       ServiceAccountStep} and {@link RbacStep}.
 * </ul>
 */
public final class HighAvailabilityStep implements RenderStep {

    /** {@code high-availability}. */
    public static final StepId ID = StepId.of("high-availability");

    /** Flink's short name of the Kubernetes HA services factory. */
    static final String KUBERNETES = "kubernetes";

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
        HighAvailabilitySpec ha = ctx.spec().highAvailability();
        Rendering out =
                in.withConfig(HighAvailabilityOptions.HA_MODE, KUBERNETES)
                        .withConfig(HighAvailabilityOptions.HA_CLUSTER_ID, ctx.names().clusterId())
                        .withConfig(ManagedConfigKeys.KUBERNETES_NAMESPACE, ctx.spec().namespace());
        if (ha.storageDir() != null) {
            out = out.withConfig(HighAvailabilityOptions.HA_STORAGE_PATH, ha.storageDir());
        }
        return out;
    }
}
