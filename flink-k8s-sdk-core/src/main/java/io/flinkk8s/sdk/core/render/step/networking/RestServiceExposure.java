package io.flinkk8s.sdk.core.render.step.networking;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code networking.restService} shapes the standalone target's REST Service, which the {@code
 * services} step builds: {@code type}, the {@code rest} port's {@code nodePort}, {@code
 * loadBalancerSourceRanges} and the annotations on top of the spec's (the policy's win).
 */
public final class RestServiceExposure {

    private RestServiceExposure() {}

    /** {@code service} (the REST Service, with its one port) exposed as {@code rest} says. */
    public static void expose(Service service, RestServiceSpec rest) {
        ServiceType type = rest.effectiveType();
        service.getSpec().setType(type.wireValue());
        if (rest.nodePort() != null && type != ServiceType.CLUSTER_IP) {
            for (ServicePort port : service.getSpec().getPorts()) {
                port.setNodePort(rest.nodePort());
            }
        }
        if (type == ServiceType.LOAD_BALANCER && !rest.loadBalancerSourceRanges().isEmpty()) {
            service.getSpec()
                    .setLoadBalancerSourceRanges(new ArrayList<>(rest.loadBalancerSourceRanges()));
        }
        if (!rest.annotations().isEmpty()) {
            Map<String, String> annotations = service.getMetadata().getAnnotations();
            Map<String, String> merged =
                    new LinkedHashMap<>(annotations == null ? Map.of() : annotations);
            merged.putAll(rest.annotations());
            service.getMetadata().setAnnotations(merged);
        }
    }
}
