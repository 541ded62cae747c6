package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Optional;

/**
 * Supplies a backend for a Service port on demand, when a test asks for the endpoint of a Service
 * no backend was bound to; the Flink runtimes plug in here.
 */
@FunctionalInterface
public interface ServiceBackendProvider {

    /** The backend for this port of this Service, or empty when this provider serves none. */
    Optional<ServicePortBackend> backendFor(Service service, ServicePort port);
}
