package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Namespace of {@code tenancy.namespace}: created before an apply when missing, with a plain
 * create (never a server-side apply, so the SDK owns no field of it and nothing of it is ever
 * pruned). No delete, prune or option of the SDK removes it: a namespace delete deletes every
 * object in it, other deployments' included.
 */
final class TenancyNamespace {

    private static final Logger LOG = LoggerFactory.getLogger(TenancyNamespace.class);

    private TenancyNamespace() {}

    /** Creates {@code spec}'s namespace when its tenancy asks for it and it is missing. */
    static void ensure(DeployerContext ctx, EffectiveSpec spec) {
        if (!Boolean.TRUE.equals(spec.spec().tenancy().namespace())) {
            return;
        }
        String name = spec.namespace();
        ObjectRef ref = ObjectRef.of(Namespace.class, null, name);
        Namespace existing =
                ctx.retrier()
                        .call(ref, false, () -> ctx.client().namespaces().withName(name).get());
        if (existing != null) {
            return;
        }
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setLabels(Map.of(ResourceLabels.MANAGED_BY, ResourceLabels.MANAGED_BY_VALUE));
        Namespace namespace = new Namespace();
        namespace.setMetadata(meta);
        ctx.retrier()
                .call(
                        ref,
                        false,
                        () -> {
                            try {
                                return ctx.client().namespaces().resource(namespace).create();
                            } catch (KubernetesClientException e) {
                                if (e.getCode() == 409) {
                                    return null; // created meanwhile: what was wanted
                                }
                                throw e;
                            }
                        });
        LOG.info("Created namespace {} (tenancy.namespace); the SDK never deletes it", name);
    }
}
