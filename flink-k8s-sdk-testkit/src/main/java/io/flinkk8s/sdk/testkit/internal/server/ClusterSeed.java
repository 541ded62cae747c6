package io.flinkk8s.sdk.testkit.internal.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.flinkk8s.sdk.testkit.internal.admission.DefaultStorageClass;
import java.time.Instant;
import java.util.Collection;

/**
 * What an in-memory cluster holds before its first request: namespaces, Ready nodes and, as kind
 * has, the default StorageClass {@code standard} ({@code rancher.io/local-path}, {@code
 * WaitForFirstConsumer}, reclaim {@code Delete}).
 */
public final class ClusterSeed {

    private static final String MANAGER = "flinkk8s-testkit";

    private ClusterSeed() {}

    /** The name of the default StorageClass every cluster starts with. */
    public static final String DEFAULT_STORAGE_CLASS = "standard";

    /**
     * Stores {@code namespaces} (Active), {@code nodes} (Ready, 16 CPUs, 64 GiB, 110 pods) and the
     * default StorageClass.
     */
    public static void seed(
            DirectApi api, Collection<String> namespaces, Collection<String> nodes, Instant now) {
        for (String ns : namespaces) {
            ObjectNode object = object("Namespace");
            object.putObject("metadata").put("name", ns);
            object.putObject("status").put("phase", "Active");
            api.createJson(Namespace.class, object, MANAGER);
        }
        storageClass(api, DEFAULT_STORAGE_CLASS, true);
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

    /**
     * Stores the StorageClass {@code name} ({@code rancher.io/local-path}, {@code
     * WaitForFirstConsumer}, reclaim {@code Delete}), the cluster's default when {@code isDefault}.
     */
    public static void storageClass(DirectApi api, String name, boolean isDefault) {
        if (api.exists("storage.k8s.io/v1", DefaultStorageClass.PLURAL, name)) {
            throw new IllegalStateException("The cluster has a StorageClass " + name + " already");
        }
        ObjectNode storageClass = JsonNodeFactory.instance.objectNode();
        storageClass.put("apiVersion", "storage.k8s.io/v1");
        storageClass.put("kind", "StorageClass");
        ObjectNode classMeta = storageClass.putObject("metadata");
        if (isDefault) {
            classMeta.putObject("annotations").put(DefaultStorageClass.IS_DEFAULT, "true");
        }
        classMeta.put("name", name);
        storageClass.put("provisioner", "rancher.io/local-path");
        storageClass.put("reclaimPolicy", "Delete");
        storageClass.put("volumeBindingMode", "WaitForFirstConsumer");
        api.createJson("storage.k8s.io/v1", DefaultStorageClass.PLURAL, storageClass, MANAGER);
    }

    private static ObjectNode object(String kind) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        return object;
    }
}
