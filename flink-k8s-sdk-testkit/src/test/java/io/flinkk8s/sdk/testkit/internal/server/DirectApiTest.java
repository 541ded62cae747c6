package io.flinkk8s.sdk.testkit.internal.server;

import static io.flinkk8s.sdk.testkit.internal.controllers.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
import io.flinkk8s.sdk.testkit.TestkitInternals;
import io.flinkk8s.sdk.testkit.internal.controllers.Fixtures;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-process API the controllers write through, as a client of the same server sees it. */
class DirectApiTest {

    private InMemoryFlinkK8sCluster cluster;
    private KubernetesClient client;
    private DirectApi api;

    @BeforeEach
    void start() {
        cluster =
                InMemoryFlinkK8sCluster.builder()
                        .namespace(NS)
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .autoSettle(false)
                        .start();
        client = cluster.client();
        api = TestkitInternals.dispatcher(cluster).direct();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Deployment deployment(String name) {
        return client.resource(
                        new DeploymentBuilder(Fixtures.deployment(name, 2))
                                .editMetadata()
                                .addToLabels("tier", "web")
                                .endMetadata()
                                .build())
                .create();
    }

    private static Deployment withStatusReplicas(Deployment d, int replicas) {
        return new DeploymentBuilder(d).withNewStatus().withReplicas(replicas).endStatus().build();
    }

    @Test
    void statusWriteReplacesOnlyTheStatusAndMovesTheResourceVersion() {
        Deployment created = deployment("web");
        // a stale copy: its spec says 5 replicas, but a status write must not touch the spec
        Deployment stale =
                new DeploymentBuilder(created)
                        .editSpec()
                        .withReplicas(5)
                        .endSpec()
                        .withNewStatus()
                        .withReplicas(2)
                        .withReadyReplicas(1)
                        .endStatus()
                        .build();

        Deployment answered = api.updateStatus(stale);

        Deployment stored = client.apps().deployments().inNamespace(NS).withName("web").get();
        assertThat(stored.getSpec().getReplicas()).isEqualTo(2);
        assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(stored.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion())
                .isEqualTo(answered.getMetadata().getResourceVersion());
        assertThat(stored.getMetadata().getGeneration())
                .isEqualTo(created.getMetadata().getGeneration());
        assertThat(answered).isEqualTo(stored);
    }

    @Test
    void statusWriteOfTheSameStatusChangesNothing() {
        Deployment created = deployment("web");
        Deployment withStatus =
                api.updateStatus(
                        new DeploymentBuilder(created)
                                .withNewStatus()
                                .withReplicas(2)
                                .withObservedGeneration(created.getMetadata().getGeneration())
                                .endStatus()
                                .build());

        // observedGeneration is a long in the model and an int in the stored JSON
        Deployment again = api.updateStatus(withStatus);

        assertThat(again.getMetadata().getResourceVersion())
                .isEqualTo(withStatus.getMetadata().getResourceVersion());
    }

    @Test
    void objectAfterAStatusWriteIsStillFoundByItsLabels() {
        Deployment created = deployment("web");
        api.updateStatus(withStatusReplicas(created, 2));

        assertThat(
                        client.apps()
                                .deployments()
                                .inNamespace(NS)
                                .withLabel("tier", "web")
                                .list()
                                .getItems())
                .extracting(d -> d.getMetadata().getName())
                .containsExactly("web");
    }

    @Test
    void statusWriteIsSeenByAWatchWithTheStatus() throws Exception {
        Deployment created = deployment("web");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (Watch ignored =
                client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withResourceVersion(created.getMetadata().getResourceVersion())
                        .watch(
                                new Watcher<>() {
                                    @Override
                                    public void eventReceived(Action action, Deployment d) {
                                        seen.add(
                                                action
                                                        + " ready="
                                                        + (d.getStatus() == null
                                                                ? null
                                                                : d.getStatus()
                                                                        .getReadyReplicas()));
                                    }

                                    @Override
                                    public void onClose(WatcherException cause) {}
                                })) {
            api.updateStatus(
                    new DeploymentBuilder(created)
                            .withNewStatus()
                            .withReadyReplicas(2)
                            .endStatus()
                            .build());

            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("MODIFIED ready=2");
        }
    }

    @Test
    void statusWriteFromACopyThatPredatesTheDeletionKeepsTheObjectAndItsLabels() {
        Deployment web = deployment("web");
        client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("web")
                .edit(
                        d ->
                                new DeploymentBuilder(d)
                                        .editMetadata()
                                        .addToFinalizers("example.com/hold")
                                        .endMetadata()
                                        .build());
        client.apps().deployments().inNamespace(NS).withName("web").delete();
        // the writer's copy predates the deletion
        api.updateStatus(withStatusReplicas(web, 2));

        List<Deployment> listed =
                client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withLabel("tier", "web")
                        .list()
                        .getItems();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(listed.get(0).getStatus().getReplicas()).isEqualTo(2);
    }

    private Deployment markedForDeletion(String name) {
        deployment(name);
        client.apps()
                .deployments()
                .inNamespace(NS)
                .withName(name)
                .edit(
                        d ->
                                new DeploymentBuilder(d)
                                        .editMetadata()
                                        .addToFinalizers("example.com/hold")
                                        .endMetadata()
                                        .build());
        client.apps().deployments().inNamespace(NS).withName(name).delete();
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    @Test
    void statusWriteFromAMarkedCopyWithoutFinalizersRemovesTheObject() {
        Deployment marked = markedForDeletion("web");

        Deployment answered =
                api.updateStatus(
                        new DeploymentBuilder(marked)
                                .editMetadata()
                                .withFinalizers()
                                .endMetadata()
                                .withNewStatus()
                                .withReplicas(2)
                                .endStatus()
                                .build());

        assertThat(answered).isNull();
        assertThat(api.get(Deployment.class, NS, "web")).isNull();
    }

    @Test
    void statusWriteFromAMarkedCopyWithItsFinalizersWritesTheStatus() {
        Deployment marked = markedForDeletion("web");

        api.updateStatus(withStatusReplicas(marked, 2));

        Deployment stored = api.get(Deployment.class, NS, "web");
        assertThat(stored.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(stored.getStatus().getReplicas()).isEqualTo(2);
    }

    @Test
    void getAnswersWhatTheLastWriteStored() {
        Deployment created = deployment("web");
        client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("web")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(4).endSpec().build());
        api.updateStatus(withStatusReplicas(created, 4));

        Deployment read = api.get(Deployment.class, NS, "web");

        assertThat(read.getSpec().getReplicas()).isEqualTo(4);
        assertThat(read.getStatus().getReplicas()).isEqualTo(4);
        assertThat(read)
                .isEqualTo(client.apps().deployments().inNamespace(NS).withName("web").get());
    }

    @Test
    void getAnswersAFreshCopyEachTime() {
        deployment("web");

        Deployment first = api.get(Deployment.class, NS, "web");
        first.getSpec().setReplicas(9);
        Deployment second = api.get(Deployment.class, NS, "web");

        assertThat(second.getSpec().getReplicas()).isEqualTo(2);
        assertThat(api.get(Deployment.class, NS, "missing")).isNull();
    }
}
