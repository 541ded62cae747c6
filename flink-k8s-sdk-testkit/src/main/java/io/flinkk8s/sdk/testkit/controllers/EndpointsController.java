package io.flinkk8s.sdk.testkit.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The endpoints controller: for every Service with a selector, a core/v1 {@code Endpoints} of the
 * same name listing the matching pods that have an IP, the Ready ones under {@code addresses} and
 * the others under {@code notReadyAddresses}, with the Service's ports resolved on each pod (a
 * named {@code targetPort} through the pod's container ports). So a pod whose readiness probe fails
 * drops out of its Services, as on a real cluster.
 *
 * <p>Simplified: one subset per distinct set of resolved ports; no EndpointSlices; Endpoints of a
 * deleted Service are removed only if this controller wrote them.
 */
public final class EndpointsController implements Controller {

    /** Annotation on the Endpoints this controller writes. */
    static final String MANAGED = "testkit.flinkk8s.io/endpoints-controller";

    @Override
    public Set<String> watches() {
        return Set.of("services", "pods");
    }

    @Override
    public void reconcile(ControllerContext context) {
        List<Pod> pods = context.api().list(Pod.class);
        for (Service s : context.api().list(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty() || Workloads.isDeleting(s)) {
                continue;
            }
            write(context, s, desired(s, matching(pods, s)));
        }
        for (Endpoints e : context.api().list(Endpoints.class)) {
            boolean ours =
                    e.getMetadata().getAnnotations() != null
                            && e.getMetadata().getAnnotations().containsKey(MANAGED);
            if (ours
                    && context.api()
                                    .get(
                                            Service.class,
                                            e.getMetadata().getNamespace(),
                                            e.getMetadata().getName())
                            == null) {
                context.api().delete(e, "Background");
            }
        }
    }

    private static List<Pod> matching(List<Pod> pods, Service s) {
        Map<String, String> selector = s.getSpec().getSelector();
        return pods.stream()
                .filter(p -> s.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> !Workloads.isDeleting(p))
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                .filter(
                        p ->
                                p.getMetadata().getLabels() != null
                                        && p.getMetadata()
                                                .getLabels()
                                                .entrySet()
                                                .containsAll(selector.entrySet()))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    private static Endpoints desired(Service s, List<Pod> pods) {
        Map<List<EndpointPort>, EndpointSubsetBuilder> subsets = new LinkedHashMap<>();
        for (Pod pod : pods) {
            List<EndpointPort> ports = resolve(s, pod);
            if (ports.isEmpty()) {
                continue;
            }
            EndpointSubsetBuilder subset =
                    subsets.computeIfAbsent(ports, p -> new EndpointSubsetBuilder().withPorts(p));
            EndpointAddress address = address(pod);
            if (Workloads.isReady(pod)) {
                subset.addToAddresses(address);
            } else {
                subset.addToNotReadyAddresses(address);
            }
        }
        List<EndpointSubset> built = new ArrayList<>();
        subsets.values().forEach(b -> built.add(b.build()));
        return new EndpointsBuilder()
                .withNewMetadata()
                .withName(s.getMetadata().getName())
                .withNamespace(s.getMetadata().getNamespace())
                .withLabels(s.getMetadata().getLabels())
                .addToAnnotations(MANAGED, "true")
                .endMetadata()
                .withSubsets(built)
                .build();
    }

    /** The Service's ports on {@code pod}; a port whose name the pod lacks is left out. */
    private static List<EndpointPort> resolve(Service s, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : s.getSpec().getPorts()) {
            Integer number = targetPort(sp, pod);
            if (number != null) {
                ports.add(
                        new EndpointPortBuilder()
                                .withName(sp.getName())
                                .withPort(number)
                                .withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol())
                                .build());
            }
        }
        return ports;
    }

    private static Integer targetPort(ServicePort sp, Pod pod) {
        IntOrString target = sp.getTargetPort();
        if (target == null) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (target.getStrVal().equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        return null;
    }

    private static EndpointAddress address(Pod pod) {
        return new EndpointAddressBuilder()
                .withIp(pod.getStatus().getPodIP())
                .withNodeName(pod.getSpec().getNodeName())
                .withNewTargetRef()
                .withKind("Pod")
                .withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid())
                .endTargetRef()
                .build();
    }

    private static void write(ControllerContext context, Service s, Endpoints desired) {
        Endpoints live =
                context.api()
                        .get(
                                Endpoints.class,
                                s.getMetadata().getNamespace(),
                                s.getMetadata().getName());
        if (live == null) {
            context.api().create(desired, Workloads.CONTROLLER_MANAGER);
        } else if (!Objects.equals(live.getSubsets(), desired.getSubsets())
                || !Objects.equals(
                        live.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            live.setSubsets(desired.getSubsets());
            live.getMetadata().setLabels(desired.getMetadata().getLabels());
            context.api().update(live, Workloads.CONTROLLER_MANAGER);
        }
    }
}
