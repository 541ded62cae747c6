package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;

/**
 * The ServiceAccount the JobManager and TaskManager pods run as when they need the Kubernetes API,
 * i.e. with Kubernetes HA, and the spec names no {@code serviceAccount} of its own (then the caller
 * manages that account and its permissions).
 *
 * <ul>
 *   <li><b>emits</b>: ServiceAccount {@code ResourceNames.serviceAccount()}, with the RBAC
 *       component's common labels; {@link RbacStep} grants it what HA needs;
 *   <li><b>overwrites / merges</b>: nothing; the workload steps point the pods at it.
 * </ul>
 */
public final class ServiceAccountStep implements RenderStep {

    /** {@code service-account}. */
    public static final StepId ID = StepId.of("service-account");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only with Kubernetes HA and no {@code serviceAccount} in the spec. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return needed(ctx);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        ServiceAccount account = new ServiceAccount();
        account.setMetadata(ctx.metadata(ctx.names().serviceAccount(), Component.RBAC));
        return in.withAdoptedResource(account);
    }

    /** Whether the SDK renders its own ServiceAccount and RBAC for {@code ctx}. */
    static boolean needed(RenderContext ctx) {
        return ctx.spec().highAvailability().enabled() && ctx.spec().serviceAccount() == null;
    }
}
