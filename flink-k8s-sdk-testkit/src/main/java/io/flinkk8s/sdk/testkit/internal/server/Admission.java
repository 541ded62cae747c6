package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkk8s.sdk.testkit.internal.admission.AdmissionChain;
import io.flinkk8s.sdk.testkit.internal.json.ApiError;
import io.flinkk8s.sdk.testkit.internal.json.Json;
import java.util.Set;

/**
 * What the API server defaults and refuses beyond plain storage: Service cluster IPs are allocated
 * on create and immutable once set; a {@code NodePort} or {@code LoadBalancer} Service's ports get
 * a node port from 30000-32767 when they have none, which an update that leaves it out keeps;
 * workload selectors are immutable; a Deployment, StatefulSet or ReplicaSet written without {@code
 * spec.replicas} gets 1, as Kubernetes defaults it (so a workload whose replicas an HPA owns starts
 * with one pod, and one whose replicas nobody sets any more goes back to one). Then the admission
 * plugins of {@link AdmissionChain} (limit ranges, default storage class, pod security, quotas),
 * which may refuse the create with 403 Forbidden.
 */
public final class Admission {

    private static final Set<String> SELECTOR_IMMUTABLE =
            Set.of("deployments", "statefulsets", "replicasets", "daemonsets", "jobs");

    private static final Set<String> DEFAULT_REPLICAS =
            Set.of("deployments", "statefulsets", "replicasets");

    private final InMemoryApiDispatcher dispatcher;

    private int nextClusterIp = 1;

    private int nextNodePort = 30000;

    Admission(InMemoryApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Fills in what the server assigns on create and runs the admission plugins.
     *
     * @throws ApiError 403 when a plugin refuses the object
     */
    void onCreate(RequestPath path, ObjectNode object) {
        defaultReplicas(path, object);
        AdmissionChain.admitCreate(
                dispatcher.direct(), path.group(), path.resource(), path.namespace(), object);
        if (path.group().isEmpty() && path.resource().equals("services")) {
            ObjectNode spec = object.with("spec");
            String type = spec.path("type").asText("ClusterIP");
            if (!type.equals("ExternalName") && spec.path("clusterIP").asText("").isEmpty()) {
                int n = nextClusterIp++;
                spec.put("clusterIP", "10.96." + (n / 250) + "." + (n % 250 + 1));
            }
            if (!spec.has("type")) {
                spec.put("type", "ClusterIP");
            }
            allocateNodePorts(spec, null);
        }
    }

    /**
     * Gives each port of a {@code NodePort} or {@code LoadBalancer} Service {@code spec} a node
     * port: the one {@code before} (the stored spec) had for the same port number, else a new one.
     */
    private void allocateNodePorts(ObjectNode spec, JsonNode before) {
        String type = spec.path("type").asText("ClusterIP");
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
            return;
        }
        for (JsonNode port : spec.path("ports")) {
            if (!(port instanceof ObjectNode p) || p.path("nodePort").asInt(0) > 0) {
                continue;
            }
            int kept = 0;
            if (before != null) {
                for (JsonNode old : before.path("ports")) {
                    if (old.path("port").asInt() == p.path("port").asInt()) {
                        kept = old.path("nodePort").asInt(0);
                    }
                }
            }
            p.put("nodePort", kept > 0 ? kept : nextNodePort++);
        }
    }

    /**
     * Checks an update of the main resource against the stored object and carries over what an
     * update may omit.
     *
     * @throws ApiError 422 when an immutable field changes
     */
    void onUpdate(RequestPath path, JsonNode current, ObjectNode desired) {
        defaultReplicas(path, desired);
        String kind = current.path("kind").asText();
        String name = current.path("metadata").path("name").asText();
        if (SELECTOR_IMMUTABLE.contains(path.resource())) {
            JsonNode before = current.path("spec").path("selector");
            JsonNode after = desired.path("spec").path("selector");
            if (!after.isMissingNode() && !Json.sameValue(before, after)) {
                throw immutable(kind, path, name, "spec.selector", after);
            }
        }
        if (path.group().isEmpty() && path.resource().equals("services")) {
            String before = current.path("spec").path("clusterIP").asText("");
            String after = desired.path("spec").path("clusterIP").asText("");
            if (after.isEmpty() && !before.isEmpty()) {
                desired.with("spec").put("clusterIP", before);
            } else if (!before.isEmpty() && !after.equals(before)) {
                throw immutable(
                        kind, path, name, "spec.clusterIP", desired.path("spec").path("clusterIP"));
            }
            if (desired.path("spec").isObject()) {
                allocateNodePorts(desired.with("spec"), current.path("spec"));
            }
        }
    }

    private static void defaultReplicas(RequestPath path, ObjectNode object) {
        JsonNode replicas = object.path("spec").path("replicas");
        boolean unset = replicas.isMissingNode() || replicas.isNull();
        if ("apps".equals(path.group())
                && DEFAULT_REPLICAS.contains(path.resource())
                && object.path("spec").isObject()
                && unset) {
            object.with("spec").put("replicas", 1);
        }
    }

    private static ApiError immutable(
            String kind, RequestPath path, String name, String field, JsonNode value) {
        String qualified = path.group().isEmpty() ? kind : kind + "." + path.group();
        return ApiError.invalid(
                qualified
                        + " \""
                        + name
                        + "\" is invalid: "
                        + field
                        + ": Invalid value: "
                        + Json.write(value)
                        + ": field is immutable");
    }
}
