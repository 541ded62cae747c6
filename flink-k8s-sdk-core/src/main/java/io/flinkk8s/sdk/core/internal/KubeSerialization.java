package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The one fabric8 serialization the core's own conversions share (copies, conversions between typed
 * and generic objects, YAML export, CRD reading). A Jackson mapper builds its serializers and
 * deserializers once per model type and caches them; with one instance a type introspected by one
 * part is not introspected again by another. Internal: not API, may change in any release.
 */
public final class KubeSerialization {

    /**
     * fabric8's default serialization, configured in its constructor and never changed afterwards
     * (nothing registers kinds on it): safe to share between threads. A client's own serialization
     * (where kinds are registered) is never this one.
     */
    public static final KubernetesSerialization SHARED = new KubernetesSerialization();

    private KubeSerialization() {}
}
