package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.flinkk8s.sdk.core.deploy.Endpoint;
import io.flinkk8s.sdk.core.deploy.Endpoint.Exposure;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.step.IngressStep;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.List;

/**
 * The URL a person opens for one deployment, from its effective spec and what the cluster reports:
 * the Ingress (its host and path from the template, {@code https} when a TLS entry covers the host;
 * a host-less template takes the address in the Ingress's status), else the REST Service's load
 * balancer address, node port or a port-forward. Reads the REST Service (LoadBalancer, NodePort) or
 * the Ingress (a template without a host) once; nothing otherwise.
 *
 * <p>Internal: not API, may change in any release.
 */
final class EndpointReader {

    private final DeployerContext ctx;

    EndpointReader(DeployerContext ctx) {
        this.ctx = ctx;
    }

    Endpoint read(FlinkDeploymentSpec spec) {
        ResourceNames names = ResourceNames.of(spec.name());
        String namespace = spec.namespace();
        if (spec.ingress() != null) {
            return ingress(spec, names);
        }
        ServiceType type = spec.networking().restService().effectiveType();
        // security.tls.rest: the JobManager serves HTTPS on the REST port itself
        TlsSpec tls = spec.security().tls();
        String scheme = tls != null && tls.restEnabled() ? "https://" : "http://";
        String forward =
                "kubectl port-forward -n "
                        + namespace
                        + " service/"
                        + names.restService()
                        + " "
                        + FlinkPorts.REST
                        + ", then open "
                        + scheme
                        + "localhost:"
                        + FlinkPorts.REST
                        + "/";
        if (type == ServiceType.CLUSTER_IP) {
            return new Endpoint(
                    Exposure.PORT_FORWARD,
                    null,
                    FlinkPorts.REST,
                    "The REST Service is ClusterIP, reachable inside the cluster only: run "
                            + forward);
        }
        Service service = restService(namespace, names.restService());
        if (service == null) {
            return new Endpoint(
                    type == ServiceType.LOAD_BALANCER ? Exposure.LOAD_BALANCER : Exposure.NODE_PORT,
                    null,
                    null,
                    "Service "
                            + namespace
                            + "/"
                            + names.restService()
                            + " does not exist yet: wait until the deployment is ready");
        }
        if (type == ServiceType.LOAD_BALANCER) {
            String address = loadBalancerAddress(service);
            if (address != null) {
                return new Endpoint(
                        Exposure.LOAD_BALANCER,
                        scheme + address + ":" + FlinkPorts.REST + "/",
                        null,
                        "The REST Service's load balancer");
            }
            return new Endpoint(
                    Exposure.LOAD_BALANCER,
                    null,
                    nodePort(service),
                    "The load balancer of Service "
                            + namespace
                            + "/"
                            + names.restService()
                            + " has no address yet: ask again once the cloud provider assigned"
                            + " one, or run "
                            + forward);
        }
        Integer nodePort = nodePort(service);
        return new Endpoint(
                Exposure.NODE_PORT,
                null,
                nodePort,
                "Open "
                        + scheme
                        + "<node-address>:"
                        + (nodePort == null ? "<node-port>" : nodePort)
                        + "/ with the address of any node you can reach (which one is yours to"
                        + " pick)");
    }

    private Endpoint ingress(FlinkDeploymentSpec spec, ResourceNames names) {
        IngressSpec ingress = spec.ingress();
        String[] hostAndPath =
                IngressStep.hostAndPath(ingress.template(), spec.name(), spec.namespace());
        String host = hostAndPath[0];
        String path = urlPath(hostAndPath[1]);
        boolean tls = tls(ingress.tls(), host);
        String ingressName =
                spec.target() == RenderTarget.OPERATOR ? names.flinkDeployment() : names.ingress();
        if (host.isEmpty()) {
            host = ingressAddress(spec.namespace(), ingressName);
            if (host == null) {
                return new Endpoint(
                        Exposure.INGRESS,
                        null,
                        null,
                        "Ingress "
                                + spec.namespace()
                                + "/"
                                + ingressName
                                + " routes "
                                + path
                                + " on any host, and its controller has not reported an address"
                                + " yet: open that path on the Ingress controller's address");
            }
        }
        String url = (tls ? "https://" : "http://") + host + path;
        return new Endpoint(Exposure.INGRESS, url, null, "The deployment's Ingress");
    }

    /** The path up to its first regular-expression character, ending in {@code /}. */
    static String urlPath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        int cut = path.length();
        for (char c : new char[] {'(', '[', '*', '$', '?', '+', '|', '{', '\\'}) {
            int i = path.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        String prefix = path.substring(0, cut);
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** Whether a TLS entry covers {@code host}: one without hosts covers every host. */
    private static boolean tls(List<IngressTls> entries, String host) {
        return entries.stream()
                .anyMatch(
                        t ->
                                t.hosts().isEmpty()
                                        || t.hosts().contains(host)
                                        || t.hosts().stream()
                                                .anyMatch(
                                                        h ->
                                                                h.startsWith("*.")
                                                                        && host.endsWith(
                                                                                h.substring(1))));
    }

    private Service restService(String namespace, String name) {
        return ctx.retrier()
                .call(
                        ObjectRef.of(Service.class, namespace, name),
                        true,
                        () -> ctx.client().services().inNamespace(namespace).withName(name).get());
    }

    private String ingressAddress(String namespace, String name) {
        Ingress ingress =
                ctx.retrier()
                        .call(
                                ObjectRef.of(Ingress.class, namespace, name),
                                true,
                                () ->
                                        ctx.client()
                                                .network()
                                                .v1()
                                                .ingresses()
                                                .inNamespace(namespace)
                                                .withName(name)
                                                .get());
        if (ingress == null
                || ingress.getStatus() == null
                || ingress.getStatus().getLoadBalancer() == null
                || ingress.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        for (IngressLoadBalancerIngress i : ingress.getStatus().getLoadBalancer().getIngress()) {
            if (i.getHostname() != null) {
                return i.getHostname();
            }
            if (i.getIp() != null) {
                return i.getIp();
            }
        }
        return null;
    }

    private static String loadBalancerAddress(Service service) {
        if (service.getStatus() == null
                || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return null;
        }
        for (LoadBalancerIngress i : service.getStatus().getLoadBalancer().getIngress()) {
            if (i.getHostname() != null) {
                return i.getHostname();
            }
            if (i.getIp() != null) {
                return i.getIp();
            }
        }
        return null;
    }

    private static Integer nodePort(Service service) {
        List<ServicePort> ports =
                service.getSpec() == null ? List.of() : service.getSpec().getPorts();
        return ports == null
                ? null
                : ports.stream()
                        .filter(p -> p.getPort() != null && p.getPort() == FlinkPorts.REST)
                        .map(ServicePort::getNodePort)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
    }
}
