package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;

/**
 * The two Services in front of the JobManager.
 *
 * <ul>
 *   <li><b>emits</b> Service {@code ResourceNames.rpcService()}: ports {@code rpc} 6123 and {@code
 *       blob-server} 6124 to the container ports of the same names. It is the {@code
 *       jobmanager.rpc.address} TaskManagers use without HA. With HA it is headless ({@code
 *       clusterIP: None}): JobManagers advertise their pod IPs, and a virtual IP would balance
 *       between a leader and its standbys;
 *   <li><b>emits</b> Service {@code ResourceNames.restService()}: {@code ClusterIP}, port {@code
 *       rest} 8081 to the container port {@code rest} (the REST API and web UI, where the SDK's job
 *       client connects). Flink's reference manifests name that port {@code webui};
 *   <li>both select {@code ResourceLabels.selector(JOB_MANAGER)}, carry the JobManager's common
 *       labels and the spec's annotations;
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class ServicesStep implements RenderStep {

    /** {@code services}. */
    public static final StepId ID = StepId.of("services");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        boolean ha = ctx.spec().highAvailability().enabled();
        Service rpc =
                service(ctx, ctx.names().rpcService())
                        .editSpec()
                        .withClusterIP(ha ? "None" : null)
                        .withPorts(
                                port(FlinkPorts.RPC_NAME, FlinkPorts.JOB_MANAGER_RPC),
                                port(FlinkPorts.BLOB_NAME, FlinkPorts.BLOB_SERVER))
                        .endSpec()
                        .build();
        Service rest =
                service(ctx, ctx.names().restService())
                        .editSpec()
                        .withPorts(port(FlinkPorts.REST_NAME, FlinkPorts.REST))
                        .endSpec()
                        .build();
        return in.withAdoptedResource(rpc).withAdoptedResource(rest);
    }

    private static ServiceBuilder service(RenderContext ctx, String name) {
        return new ServiceBuilder()
                .withMetadata(StepSupport.metadata(ctx, name, Component.JOB_MANAGER))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(ctx.labels().selector(Component.JOB_MANAGER))
                .endSpec();
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder()
                .withName(name)
                .withProtocol("TCP")
                .withPort(number)
                .withTargetPort(new IntOrString(name))
                .build();
    }
}
