package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.ConcurrentChangeException;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes a deployment's {@link StateRecord}: ConfigMap {@code <name>-sdk-state}, labelled
 * as the SDK's ({@code managed-by}, {@code instance}, component {@code sdk-state}) and never
 * pruned; and, the same way, a session job's {@link SessionJobRecord} (ConfigMap {@code
 * <name>-sdk-session-job}, component {@code sdk-session-job-state}). Writes are optimistic: a
 * record read at one {@code resourceVersion} is written only if nobody wrote it since (create when
 * it did not exist, update with the version otherwise); when somebody did, the write fails with
 * {@link ConcurrentChangeException} instead of being retried, so that two deployers cannot both
 * drive one upgrade.
 */
public final class StateStore {

    private final KubernetesClient client;
    private final Retrier retrier;

    /**
     * The record this store wrote last, with its JSON: a read that finds exactly that JSON returns
     * it instead of decoding it again (the spec's JSON round trip is lossless, and decoding builds
     * Jackson's deserializers for every spec type, the costliest step of a first read).
     */
    private volatile Written lastWritten;

    private record Written(String namespace, String cmName, String json, StateRecord record) {
        boolean holds(String namespace, ConfigMap cm) {
            return this.namespace.equals(namespace)
                    && cmName.equals(cm.getMetadata().getName())
                    && cm.getData() != null
                    && json.equals(cm.getData().get(StateRecord.DATA_KEY));
        }
    }

    StateStore(KubernetesClient client, Retrier retrier) {
        this.client = client;
        this.retrier = retrier;
    }

    /** The record of a deployment, read with one GET. */
    public Optional<StateRecord> read(String namespace, String name) {
        return fetch(namespace, ResourceNames.of(name).sdkState())
                .map(
                        c -> {
                            Written last = lastWritten;
                            return last != null && last.holds(namespace, c)
                                    ? last.record()
                                            .withResourceVersion(
                                                    c.getMetadata().getResourceVersion())
                                    : decode(namespace, c);
                        });
    }

    /** The record among ConfigMaps already listed, if there. */
    public static Optional<StateRecord> find(
            String namespace, String name, List<ConfigMap> listed) {
        String cmName = ResourceNames.of(name).sdkState();
        return listed.stream()
                .filter(c -> cmName.equals(c.getMetadata().getName()))
                .findFirst()
                .map(c -> decode(namespace, c));
    }

    /**
     * Whether {@code o}, an object labelled as deployment {@code name}'s, is one of the SDK's
     * records (of a deployment or of a session job), which prune and delete never remove.
     */
    public static boolean isRecord(String name, HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        String component = labels == null ? null : labels.get(ResourceLabels.COMPONENT);
        return Component.SDK_STATE.labelValue().equals(component)
                || Component.SESSION_JOB_STATE.labelValue().equals(component)
                || ResourceNames.of(name).sdkState().equals(o.getMetadata().getName());
    }

    /**
     * Stores {@code record} if the stored one is still at {@code record.resourceVersion()}.
     *
     * @return the record with its new resource version
     * @throws ConcurrentChangeException when another writer got there first
     */
    public StateRecord write(String namespace, StateRecord record) {
        FlinkDeploymentSpec effective = record.effective().spec();
        String name = effective.name();
        Map<String, String> labels =
                new ResourceLabels(name, effective.flinkVersion().majorMinor(), Map.of())
                        .common(Component.SDK_STATE);
        String cmName = ResourceNames.of(name).sdkState();
        String json = record.toJson();
        String version = store(namespace, cmName, labels, json, record.resourceVersion());
        StateRecord stored = record.withResourceVersion(version);
        lastWritten = new Written(namespace, cmName, json, stored);
        return stored;
    }

    /** Deletes the record (only on an explicit request). */
    public void delete(String namespace, String name) {
        remove(namespace, ResourceNames.of(name).sdkState());
    }

    /** The record of the session job {@code name}, read with one GET. */
    public Optional<SessionJobRecord> readSessionJob(String namespace, String name) {
        String cmName = ResourceNames.of(name).sessionJobState();
        return fetch(namespace, cmName)
                .map(
                        c -> {
                            String json = data(namespace, c);
                            try {
                                return SessionJobRecord.fromJson(
                                        json, c.getMetadata().getResourceVersion());
                            } catch (IllegalStateException e) {
                                throw unreadable(namespace, cmName, e);
                            }
                        });
    }

    /**
     * Stores a session job's {@code record} as {@link #write} stores a deployment's: only if the
     * stored one is still at {@code record.resourceVersion()}.
     *
     * @throws ConcurrentChangeException when another writer got there first
     */
    public SessionJobRecord writeSessionJob(String namespace, SessionJobRecord record) {
        String name = record.spec().name();
        Map<String, String> labels =
                new ResourceLabels(name, null, Map.of()).common(Component.SESSION_JOB_STATE);
        String version =
                store(
                        namespace,
                        ResourceNames.of(name).sessionJobState(),
                        labels,
                        record.toJson(),
                        record.resourceVersion());
        return record.withResourceVersion(version);
    }

    /** Deletes a session job's record (only on an explicit request). */
    public void deleteSessionJob(String namespace, String name) {
        remove(namespace, ResourceNames.of(name).sessionJobState());
    }

    private Optional<ConfigMap> fetch(String namespace, String cmName) {
        ObjectRef ref = ObjectRef.of(ConfigMap.class, namespace, cmName);
        return Optional.ofNullable(
                retrier.call(
                        ref,
                        true,
                        () -> client.configMaps().inNamespace(namespace).withName(cmName).get()));
    }

    /** Creates or updates (at {@code resourceVersion}) one record; returns its new version. */
    private String store(
            String namespace,
            String cmName,
            Map<String, String> labels,
            String json,
            String resourceVersion) {
        ConfigMap cm =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(cmName)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .withResourceVersion(resourceVersion)
                        .endMetadata()
                        .addToData(StateRecord.DATA_KEY, json)
                        .build();
        ObjectRef ref = ObjectRef.of(ConfigMap.class, namespace, cmName);
        try {
            ConfigMap stored =
                    retrier.call(
                            ref,
                            false,
                            () ->
                                    resourceVersion == null
                                            ? client.resource(cm).inNamespace(namespace).create()
                                            : client.resource(cm).inNamespace(namespace).update());
            return stored.getMetadata().getResourceVersion();
        } catch (ApplyException e) {
            if (e.httpStatus() == 409) {
                throw new ConcurrentChangeException(
                        "The SDK state record ConfigMap "
                                + namespace
                                + "/"
                                + cmName
                                + " was changed by another deployer since this one read it"
                                + " (HTTP 409: "
                                + e.serverMessage()
                                + "); this deployer stopped so that one operation is not driven"
                                + " twice. Read status() and try again once the other operation"
                                + " has finished.",
                        e);
            }
            throw e;
        }
    }

    private void remove(String namespace, String cmName) {
        ObjectRef ref = ObjectRef.of(ConfigMap.class, namespace, cmName);
        retrier.call(
                ref,
                true,
                () -> {
                    try {
                        return client.configMaps().inNamespace(namespace).withName(cmName).delete();
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == 404) {
                            return List.of();
                        }
                        throw e;
                    }
                });
    }

    private static String data(String namespace, ConfigMap cm) {
        String json = cm.getData() == null ? null : cm.getData().get(StateRecord.DATA_KEY);
        if (json == null) {
            throw new FlinkK8sException(
                    "The SDK state record ConfigMap "
                            + namespace
                            + "/"
                            + cm.getMetadata().getName()
                            + " has no "
                            + StateRecord.DATA_KEY
                            + "; it was changed by hand. Restore it or delete it (the next apply"
                            + " then starts a new record and forgets the savepoint history).");
        }
        return json;
    }

    private static FlinkK8sException unreadable(
            String namespace, String cmName, IllegalStateException e) {
        return new FlinkK8sException(
                "The SDK state record ConfigMap "
                        + namespace
                        + "/"
                        + cmName
                        + " cannot be read: "
                        + e.getMessage()
                        + ". It may come from a newer SDK version or have been edited by hand.",
                e);
    }

    private static StateRecord decode(String namespace, ConfigMap cm) {
        String json = data(namespace, cm);
        try {
            return StateRecord.fromJson(json, namespace, cm.getMetadata().getResourceVersion());
        } catch (IllegalStateException e) {
            throw unreadable(namespace, cm.getMetadata().getName(), e);
        }
    }
}
