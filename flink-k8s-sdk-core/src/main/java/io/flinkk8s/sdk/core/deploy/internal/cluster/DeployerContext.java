package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the parts of one deployer share: the caller's client, the options, the collaborators built
 * from them, the deployer's id (which the state record names as an upgrade's owner and the upgrade
 * Lease as its holder), its Flink REST clients (closed with the deployer) and the bucket of its
 * request rate, which every Kubernetes and Flink request takes a permit of. Immutable.
 */
public record DeployerContext(
        KubernetesClient client,
        DeployOptions options,
        Retrier retrier,
        ResourceApplier applier,
        StateStore states,
        Progress progress,
        String deployerId,
        UpgradeLeases leases,
        FlinkClients flinkClients,
        RequestBucket requests) {

    /**
     * @param executor where concurrent applies run
     * @param scheduler where upgrade Leases are renewed; the deployer's own, shut down with it
     */
    public static DeployerContext of(
            KubernetesClient client,
            DeployOptions options,
            Executor executor,
            ScheduledExecutorService scheduler) {
        return of(client, options, executor, scheduler, RequestBucket.of(options.requestRate()));
    }

    /**
     * A context whose requests take permits of {@code requests} (a bucket on a test's clock, say).
     *
     * @param executor where concurrent applies run
     * @param scheduler where upgrade Leases are renewed; the deployer's own, shut down with it
     */
    public static DeployerContext of(
            KubernetesClient client,
            DeployOptions options,
            Executor executor,
            ScheduledExecutorService scheduler,
            RequestBucket requests) {
        Retrier retrier =
                new Retrier(options.retryPolicy(), Retrier.Discovery.of(client), requests);
        String id = UUID.randomUUID().toString();
        return new DeployerContext(
                client,
                options,
                retrier,
                new ResourceApplier(client, options, executor, retrier),
                new StateStore(client, retrier),
                new Progress(options.progressListener(), options.clock()),
                id,
                new UpgradeLeases(client, retrier, options, id, scheduler),
                FlinkClients.create(options.restTls().orElse(null)),
                requests);
    }
}
