package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * What the parts of one deployer share: the caller's client, the options, the collaborators built
 * from them, and the deployer's id (which the state record names as an upgrade's owner). Immutable.
 */
record DeployerContext(
        KubernetesClient client,
        DeployOptions options,
        Retrier retrier,
        ResourceApplier applier,
        StateStore states,
        Progress progress,
        String deployerId) {

    static DeployerContext of(KubernetesClient client, DeployOptions options, Executor executor) {
        Retrier retrier = new Retrier(options.retryPolicy(), Retrier.Discovery.of(client));
        return new DeployerContext(
                client,
                options,
                retrier,
                new ResourceApplier(client, options, executor, retrier),
                new StateStore(client, retrier),
                new Progress(options.progressListener(), options.clock()),
                UUID.randomUUID().toString());
    }
}
