package io.flinkk8s.sdk.core.flink;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reaches JobManagers from outside the cluster through fabric8 port-forwards, as {@code kubectl
 * port-forward service/<name>} does, but to a <em>ready</em> pod the Service selects (fabric8's own
 * Service port-forward takes the first pod, which may be a standby JobManager or one that is not
 * ready). Each forward listens on the loopback address only and is kept open and reused while its
 * pod stays ready; a new pod (after a rollout) gets a new forward. Close the resolver to close the
 * forwards.
 *
 * <pre>{@code
 * try (PortForwardEndpointResolver forwards = PortForwardEndpointResolver.create(client)) {
 *     FlinkDeployer deployer = FlinkDeployer.create(client,
 *             DeployOptions.builder().restEndpointResolver(forwards).build());
 *     ...
 * }
 * }</pre>
 *
 * <p>Each {@link #resolve} reads the Service and checks the forwarded pod (two GETs, plus a LIST of
 * pods when a new forward is needed). Thread-safe.
 */
public final class PortForwardEndpointResolver implements RestEndpointResolver, AutoCloseable {

    private record Forward(String podName, LocalPortForward forward) {}

    private final KubernetesClient client;
    private final Map<String, Forward> forwards = new HashMap<>();

    private PortForwardEndpointResolver(KubernetesClient client) {
        this.client = client;
    }

    /** A resolver forwarding through {@code client}, which stays the caller's. */
    public static PortForwardEndpointResolver create(KubernetesClient client) {
        return new PortForwardEndpointResolver(Objects.requireNonNull(client, "client"));
    }

    /**
     * {@code http://127.0.0.1:<local port>}, forwarded to the Service's target port on a ready pod
     * it selects.
     *
     * @throws FlinkK8sException when the Service, the port or a ready pod does not exist
     */
    @Override
    public synchronized URI resolve(String namespace, String serviceName, int port) {
        String key = namespace + "/" + serviceName + ":" + port;
        Service service = client.services().inNamespace(namespace).withName(serviceName).get();
        if (service == null) {
            closeForward(key);
            throw new FlinkK8sException(
                    "Cannot port-forward to Service "
                            + namespace
                            + "/"
                            + serviceName
                            + ": it does not exist. Apply the deployment first.");
        }
        Forward current = forwards.get(key);
        if (current != null && current.forward().isAlive() && stillReady(namespace, current)) {
            return uri(current.forward());
        }
        closeForward(key);
        Pod pod = readyPod(namespace, service);
        int podPort = podPort(service, port, pod);
        LocalPortForward forward =
                client.pods()
                        .inNamespace(namespace)
                        .withName(pod.getMetadata().getName())
                        .portForward(podPort, InetAddress.getLoopbackAddress(), 0);
        forwards.put(key, new Forward(pod.getMetadata().getName(), forward));
        return uri(forward);
    }

    /** Closes every forward; a later {@link #resolve} opens new ones. */
    @Override
    public synchronized void close() {
        forwards.keySet().stream().toList().forEach(this::closeForward);
    }

    private boolean stillReady(String namespace, Forward current) {
        Pod pod = client.pods().inNamespace(namespace).withName(current.podName()).get();
        return pod != null && isReady(pod);
    }

    private Pod readyPod(String namespace, Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        Optional<Pod> pod =
                selector == null || selector.isEmpty()
                        ? Optional.empty()
                        : client
                                .pods()
                                .inNamespace(namespace)
                                .withLabels(selector)
                                .list()
                                .getItems()
                                .stream()
                                .filter(PortForwardEndpointResolver::isReady)
                                .min(Comparator.comparing(p -> p.getMetadata().getName()));
        return pod.orElseThrow(
                () ->
                        new FlinkK8sException(
                                "Cannot port-forward to Service "
                                        + namespace
                                        + "/"
                                        + service.getMetadata().getName()
                                        + ": no ready pod matches its selector "
                                        + selector
                                        + ". Wait until the JobManager is ready."));
    }

    /** The container port the Service port targets: a number, or a named container port. */
    private static int podPort(Service service, int port, Pod pod) {
        ServicePort servicePort =
                service.getSpec().getPorts().stream()
                        .filter(p -> p.getPort() != null && p.getPort() == port)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new FlinkK8sException(
                                                "Service "
                                                        + service.getMetadata().getNamespace()
                                                        + "/"
                                                        + service.getMetadata().getName()
                                                        + " has no port "
                                                        + port));
        IntOrString target = servicePort.getTargetPort();
        if (target == null) {
            return port;
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        return pod.getSpec().getContainers().stream()
                .flatMap(
                        c ->
                                c.getPorts() == null
                                        ? Stream.<ContainerPort>empty()
                                        : c.getPorts().stream())
                .filter(p -> target.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElse(port);
    }

    private static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static URI uri(LocalPortForward forward) {
        InetAddress address = forward.getLocalAddress();
        String host =
                address instanceof Inet6Address
                        ? "[" + address.getHostAddress() + "]"
                        : address.getHostAddress();
        return URI.create("http://" + host + ":" + forward.getLocalPort());
    }

    private void closeForward(String key) {
        Forward old = forwards.remove(key);
        if (old != null) {
            try {
                old.forward().close();
            } catch (IOException e) {
                // closing a local listener: nothing useful to do about a failure
            }
        }
    }
}
