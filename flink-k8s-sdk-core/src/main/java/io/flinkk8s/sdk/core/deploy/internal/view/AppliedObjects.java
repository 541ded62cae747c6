package io.flinkk8s.sdk.core.deploy.internal.view;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.internal.cluster.AppliedDigest;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the deployer applied, as the status view sees it: one informer per kind the SDK renders (its
 * objects labelled {@code managed-by=flink-k8s-sdk}), whose cache keeps, per object, nothing but
 * the {@link AppliedDigest} of the fields the deployer's field manager applied ({@link
 * DigestStore}: a name and a primitive digest per object). A re-apply compares the rendered
 * objects' digests with these and sends nothing when all agree. A kind the client may not list and
 * watch (or a custom resource kind the cluster does not serve) is left out, logged once: its
 * objects then have no digest, and applies of deployments rendering it take the usual path.
 */
final class AppliedObjects {

    private static final Logger LOG = LoggerFactory.getLogger(AppliedObjects.class);

    private final Map<String, DigestStore<?>> stores = new ConcurrentHashMap<>();
    private final Map<String, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> synced = new ConcurrentHashMap<>();

    AppliedObjects(KubernetesClient client, StatusViewOptions options, String fieldManager) {
        Map<String, String> managed =
                Map.of(ResourceLabels.MANAGED_BY, ResourceLabels.MANAGED_BY_VALUE);
        KubernetesSerialization json = client.getKubernetesSerialization();
        for (ObjectKind kind : ObjectKind.values()) {
            try {
                add(kind, operation(client, kind), options, managed, json, fieldManager);
            } catch (KubernetesClientException e) {
                // a custom resource kind the cluster does not serve (API discovery found none)
                LOG.debug("No {} informer for the applied digests", kind.kind(), e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static MixedOperation<
                    HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>>
            operation(KubernetesClient client, ObjectKind kind) {
        Object op =
                kind.isCustomResource()
                        ? client.genericKubernetesResources(kind.apiVersion(), kind.kind())
                        : client.resources(kind.type());
        return (MixedOperation<
                        HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>>)
                op;
    }

    private void add(
            ObjectKind kind,
            MixedOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>>
                    op,
            StatusViewOptions options,
            Map<String, String> managed,
            KubernetesSerialization json,
            String fieldManager) {
        var scoped =
                options.namespace() == null
                        ? op.inAnyNamespace()
                        : op.inNamespace(options.namespace());
        SharedIndexInformer<HasMetadata> informer = scoped.withLabels(managed).runnableInformer(0);
        DigestStore<HasMetadata> store =
                new DigestStore<>(kind.type().asSubclass(HasMetadata.class), json, fieldManager);
        informer.itemStore(store);
        informer.removeNamespaceIndex();
        informer.exceptionHandler((started, error) -> started);
        stores.put(kind.kind(), store);
        informers.put(kind.kind(), informer);
    }

    /**
     * Lists and watches every kind; completes when each has listed or failed to (a failure leaves
     * that kind out and is logged).
     */
    CompletableFuture<Void> start() {
        List<CompletableFuture<?>> started = new ArrayList<>();
        informers.forEach(
                (kind, informer) ->
                        started.add(
                                informer.start()
                                        .toCompletableFuture()
                                        .handle(
                                                (ok, error) -> {
                                                    if (error == null) {
                                                        synced.put(kind, true);
                                                    } else {
                                                        LOG.info(
                                                                "The status view cannot list and"
                                                                        + " watch {}: applies of"
                                                                        + " deployments with {}"
                                                                        + " objects read the"
                                                                        + " cluster as usual",
                                                                kind,
                                                                kind,
                                                                error);
                                                        informer.stop();
                                                    }
                                                    return null;
                                                })));
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /**
     * The digest of what the field manager applied to the object, as last seen; empty when the
     * object is not there (or not seen), or its kind is not watched.
     */
    OptionalLong digest(String kind, String namespace, String name) {
        DigestStore<?> store = stores.get(kind);
        SharedIndexInformer<?> informer = informers.get(kind);
        if (store == null
                || !synced.containsKey(kind)
                || !informer.isWatching()
                || !informer.hasSynced()) {
            return OptionalLong.empty();
        }
        return store.digest(namespace, name);
    }

    /** Stops every informer. */
    void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
    }
}
