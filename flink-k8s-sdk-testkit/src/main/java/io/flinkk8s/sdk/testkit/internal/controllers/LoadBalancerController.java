package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Set;

/**
 * The cloud provider's service controller, minimally: every Service of type {@code LoadBalancer}
 * gets a load balancer address in {@code status.loadBalancer.ingress} ({@code 198.51.100.N}, a
 * documentation range, one per Service in the order the controller first sees them), and a Service
 * that is no longer of that type loses it, as on a cloud cluster once the provider has created the
 * balancer. No traffic flows through the address.
 */
public final class LoadBalancerController implements Controller {

    private static final String PREFIX = "198.51.100.";

    @Override
    public Set<String> watches() {
        return Set.of("services");
    }

    @Override
    public void reconcile(ControllerContext context) {
        for (JsonNode s : context.api().listJson(Service.class, null)) {
            if (Trees.isDeleting(s)) {
                continue;
            }
            boolean balanced = "LoadBalancer".equals(Trees.text(s.path("spec"), "type"));
            JsonNode ingress = s.path("status").path("loadBalancer").path("ingress");
            boolean hasAddress = ingress.isArray() && !ingress.isEmpty();
            if (balanced == hasAddress) {
                continue;
            }
            ObjectNode updated = s.deepCopy();
            ObjectNode loadBalancer = updated.with("status").putObject("loadBalancer");
            if (balanced) {
                loadBalancer.putArray("ingress").addObject().put("ip", address(context));
            }
            context.api().updateStatusJson(Service.class, updated);
        }
    }

    /** The next free address: one more than the highest any Service has. */
    private static String address(ControllerContext context) {
        int highest = 0;
        for (JsonNode s : context.api().listJson(Service.class, null)) {
            for (JsonNode i :
                    Trees.elements(s.path("status").path("loadBalancer").get("ingress"))) {
                String ip = Trees.text(i, "ip");
                if (ip != null && ip.startsWith(PREFIX)) {
                    highest = Math.max(highest, Integer.parseInt(ip.substring(PREFIX.length())));
                }
            }
        }
        return PREFIX + (highest + 1);
    }
}
