package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
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
 * pruned. Writes are optimistic: a record read at one {@code resourceVersion} is written only if
 * nobody wrote it since (create when it did not exist, update with the version otherwise); when
 * somebody did, the write fails with {@link ConcurrentChangeException} instead of being retried, so
 * that two deployers cannot both drive one upgrade.
 */
public final class StateStore {

    private final KubernetesClient client;
    private final Retrier retrier;

    StateStore(KubernetesClient client, Retrier retrier) {
        this.client = client;
        this.retrier = retrier;
    }

    /** The record of a deployment, read with one GET. */
    public Optional<StateRecord> read(String namespace, String name) {
        String cmName = ResourceNames.of(name).sdkState();
        ObjectRef ref = ObjectRef.of(ConfigMap.class, namespace, cmName);
        ConfigMap cm =
                retrier.call(
                        ref,
                        true,
                        () -> client.configMaps().inNamespace(namespace).withName(cmName).get());
        return Optional.ofNullable(cm).map(c -> decode(namespace, c));
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
     * Stores {@code record} if the stored one is still at {@code record.resourceVersion()}.
     *
     * @return the record with its new resource version
     * @throws ConcurrentChangeException when another writer got there first
     */
    public StateRecord write(String namespace, StateRecord record) {
        FlinkDeploymentSpec effective = record.effective().spec();
        String name = effective.name();
        String cmName = ResourceNames.of(name).sdkState();
        Map<String, String> labels =
                new ResourceLabels(name, effective.flinkVersion().majorMinor(), Map.of())
                        .common(Component.SDK_STATE);
        ConfigMap cm =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(cmName)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .withResourceVersion(record.resourceVersion())
                        .endMetadata()
                        .addToData(StateRecord.DATA_KEY, record.toJson())
                        .build();
        ObjectRef ref = ObjectRef.of(ConfigMap.class, namespace, cmName);
        try {
            ConfigMap stored =
                    retrier.call(
                            ref,
                            false,
                            () ->
                                    record.resourceVersion() == null
                                            ? client.resource(cm).inNamespace(namespace).create()
                                            : client.resource(cm).inNamespace(namespace).update());
            return record.withResourceVersion(stored.getMetadata().getResourceVersion());
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

    /** Deletes the record (only on an explicit request). */
    public void delete(String namespace, String name) {
        String cmName = ResourceNames.of(name).sdkState();
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

    private static StateRecord decode(String namespace, ConfigMap cm) {
        String json = cm.getData() == null ? null : cm.getData().get(StateRecord.DATA_KEY);
        String where = namespace + "/" + cm.getMetadata().getName();
        if (json == null) {
            throw new FlinkK8sException(
                    "The SDK state record ConfigMap "
                            + where
                            + " has no "
                            + StateRecord.DATA_KEY
                            + "; it was changed by hand. Restore it or delete it (the next apply"
                            + " then starts a new record and forgets the savepoint history).");
        }
        try {
            return StateRecord.fromJson(json, namespace, cm.getMetadata().getResourceVersion());
        } catch (IllegalStateException e) {
            throw new FlinkK8sException(
                    "The SDK state record ConfigMap "
                            + where
                            + " cannot be read: "
                            + e.getMessage()
                            + ". It may come from a newer SDK version or have been edited by hand.",
                    e);
        }
    }
}
