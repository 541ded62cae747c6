package io.flinkk8s.sdk.it;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Every {@code spec.replicas} one Deployment held after a point in time, as a watch from its
 * resource version at that point sees them: each write is one event, so a count that lasted for a
 * single write is in the list too. Close it after the test.
 */
final class ReplicaHistory implements Watcher<Deployment>, AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final List<Integer> counts = new ArrayList<>();
    private final Watch watch;
    private long lastVersion;

    /** Starts watching {@code namespace/name} from its current resource version. */
    ReplicaHistory(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        String from = current().getMetadata().getResourceVersion();
        this.lastVersion = Long.parseLong(from);
        this.watch =
                client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(name)
                        .watch(new ListOptionsBuilder().withResourceVersion(from).build(), this);
    }

    @Override
    public synchronized void eventReceived(Action action, Deployment deployment) {
        counts.add(deployment.getSpec() == null ? null : deployment.getSpec().getReplicas());
        lastVersion = Long.parseLong(deployment.getMetadata().getResourceVersion());
    }

    @Override
    public void onClose(WatcherException cause) {
        // the test closes it
    }

    /**
     * The counts seen so far, once the watch has delivered every write up to the Deployment's
     * current version (at most 20 s of waiting).
     */
    List<Integer> counts() {
        long target = Long.parseLong(current().getMetadata().getResourceVersion());
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            synchronized (this) {
                if (lastVersion >= target) {
                    return Collections.unmodifiableList(new ArrayList<>(counts));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the watch on Deployment "
                                + namespace
                                + "/"
                                + name
                                + " did not reach resource version "
                                + target
                                + " within "
                                + LIMIT);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private Deployment current() {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        watch.close();
    }
}
