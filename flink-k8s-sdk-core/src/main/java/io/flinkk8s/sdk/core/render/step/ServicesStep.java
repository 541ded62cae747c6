package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.networking.RestServiceExposure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

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
 *       client connects). Flink's reference manifests name that port {@code webui}. {@code
 *       networking.restService} sets its type, node port, load balancer source ranges and extra
 *       annotations ({@link RestServiceExposure});
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
                service(
                        ctx,
                        ctx.names().rpcService(),
                        ha ? "None" : null,
                        List.of(
                                port(FlinkPorts.RPC_NAME, FlinkPorts.JOB_MANAGER_RPC),
                                port(FlinkPorts.BLOB_NAME, FlinkPorts.BLOB_SERVER)));
        Service rest =
                service(
                        ctx,
                        ctx.names().restService(),
                        null,
                        List.of(port(FlinkPorts.REST_NAME, FlinkPorts.REST)));
        RestServiceExposure.expose(rest, ctx.spec().networking().restService());
        return in.withAdoptedResource(rpc).withAdoptedResource(rest);
    }

    private static Service service(
            RenderContext ctx, String name, String clusterIp, List<ServicePort> ports) {
        ServiceSpec spec = new ServiceSpec();
        spec.setType("ClusterIP");
        spec.setClusterIP(clusterIp);
        spec.setSelector(new LinkedHashMap<>(ctx.labels().selector(Component.JOB_MANAGER)));
        spec.setPorts(new ArrayList<>(ports));
        Service service = new Service();
        service.setMetadata(ctx.metadata(name, Component.JOB_MANAGER));
        service.setSpec(spec);
        return service;
    }

    private static ServicePort port(String name, int number) {
        ServicePort port = new ServicePort();
        port.setName(name);
        port.setProtocol("TCP");
        port.setPort(number);
        port.setTargetPort(new IntOrString(name));
        return port;
    }
}
