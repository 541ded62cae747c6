package io.flinkk8s.sdk.testkit.server;

/** The Kubernetes API verb of a request, as RBAC and audit logs name it. */
public enum ApiVerb {
    /** Read one object. */
    GET,
    /** Read a collection. */
    LIST,
    /** Stream changes of a collection or object. */
    WATCH,
    /** Create an object (POST). */
    CREATE,
    /** Replace an object (PUT). */
    UPDATE,
    /** Patch an object, server-side apply included (PATCH). */
    PATCH,
    /** Delete one object. */
    DELETE,
    /** Delete every object of a collection that matches the selectors. */
    DELETE_COLLECTION;

    /** Whether requests with this verb change the cluster. */
    public boolean isWrite() {
        return this == CREATE
                || this == UPDATE
                || this == PATCH
                || this == DELETE
                || this == DELETE_COLLECTION;
    }
}
