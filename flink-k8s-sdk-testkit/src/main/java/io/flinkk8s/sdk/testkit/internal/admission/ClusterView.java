package io.flinkk8s.sdk.testkit.internal.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What the admission plugins read of the stored objects: the API server's own JSON trees, which
 * they must not change.
 */
public interface ClusterView {

    /** Every stored object of {@code type} in {@code namespace} (null: every namespace). */
    List<JsonNode> listJson(Class<? extends HasMetadata> type, String namespace);

    /**
     * Every stored object of a resource ({@code group} "" for the core group, {@code plural}) of
     * any version, in {@code namespace} (null: every namespace); for kinds the testkit has no model
     * class of (StorageClasses).
     */
    List<JsonNode> listJson(String group, String plural, String namespace);

    /** One stored object, or null. */
    JsonNode getJson(Class<? extends HasMetadata> type, String namespace, String name);

    /**
     * How many objects of a resource ({@code group} "" for the core group, {@code plural}) are
     * stored in {@code namespace}.
     */
    int count(String group, String plural, String namespace);

    /** Whether any object of a plural resource (of any group, in any namespace) is stored. */
    boolean holdsAny(String plural);
}
