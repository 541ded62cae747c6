package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Optional;

/**
 * The {@code DefaultStorageClass} admission plugin: a new PersistentVolumeClaim without {@code
 * spec.storageClassName} (absent or null; an empty string asks for no class) gets the class
 * annotated {@code storageclass.kubernetes.io/is-default-class: "true"}, the newest when several
 * are (Kubernetes 1.26+); none when no class is the default.
 */
public final class DefaultStorageClass {

    /** The API group of StorageClasses. */
    public static final String GROUP = "storage.k8s.io";

    /** The plural of StorageClasses. */
    public static final String PLURAL = "storageclasses";

    /** The annotation marking the default class. */
    public static final String IS_DEFAULT = "storageclass.kubernetes.io/is-default-class";

    private DefaultStorageClass() {}

    static void admit(ClusterView view, ObjectNode claim) {
        JsonNode current = claim.path("spec").get("storageClassName");
        if (current != null && !current.isNull()) {
            return;
        }
        defaultClass(view).ifPresent(name -> claim.with("spec").put("storageClassName", name));
    }

    /** The StorageClass {@code name}, or null. */
    public static JsonNode find(ClusterView view, String name) {
        for (JsonNode c : view.listJson(GROUP, PLURAL, null)) {
            if (name.equals(c.path("metadata").path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    /** The name of the default StorageClass, if one is marked so. */
    public static Optional<String> defaultClass(ClusterView view) {
        return view.listJson(GROUP, PLURAL, null).stream()
                .filter(
                        c ->
                                "true"
                                        .equals(
                                                c.path("metadata")
                                                        .path("annotations")
                                                        .path(IS_DEFAULT)
                                                        .asText("")))
                .max(
                        Comparator.comparing(
                                        (JsonNode c) ->
                                                c.path("metadata")
                                                        .path("creationTimestamp")
                                                        .asText(""))
                                .thenComparing(c -> c.path("metadata").path("name").asText()))
                .map(c -> c.path("metadata").path("name").asText());
    }
}
