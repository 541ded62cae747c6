package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Instant;
import java.util.Collection;

/** What an in-memory cluster holds before its first request: namespaces and Ready nodes. */
public final class ClusterSeed {

    private static final String MANAGER = "flinkk8s-testkit";

    private ClusterSeed() {}

    /** Stores {@code namespaces} (Active) and {@code nodes} (Ready, 16 CPUs, 64 GiB, 110 pods). */
    public static void seed(
            DirectApi api, Collection<String> namespaces, Collection<String> nodes, Instant now) {
        for (String ns : namespaces) {
            ObjectNode object = object("Namespace");
            object.putObject("metadata").put("name", ns);
            object.putObject("status").put("phase", "Active");
            api.createJson(Namespace.class, object, MANAGER);
        }
        for (String node : nodes) {
            ObjectNode object = object("Node");
            ObjectNode metadata = object.putObject("metadata");
            metadata.putObject("labels").put("kubernetes.io/hostname", node);
            metadata.put("name", node);
            ObjectNode created = api.createJson(Node.class, object, MANAGER).deepCopy();
            ObjectNode status = created.putObject("status");
            status.putObject("capacity").put("cpu", "16").put("memory", "64Gi").put("pods", "110");
            ObjectNode ready = status.putArray("conditions").addObject();
            ready.put("lastTransitionTime", now.toString());
            ready.put("reason", "KubeletReady");
            ready.put("status", "True");
            ready.put("type", "Ready");
            api.updateStatusJson(Node.class, created);
        }
    }

    private static ObjectNode object(String kind) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        return object;
    }
}
