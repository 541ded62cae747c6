package io.flinkk8s.sdk.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.flinkk8s.sdk.testkit.CustomResourceDefinitions;
import io.flinkk8s.sdk.testkit.InMemoryFlinkK8sCluster;
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
                        .namespace("apps")
                        .customResourceDefinitions(CustomResourceDefinitions.none())
                        .autoSettle(false)
                        .start();
        client = cluster.client();
        api = cluster.dispatcher().direct();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Deployment deployment(String name) {
        return client.resource(
                        new DeploymentBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace("apps")
                                .addToLabels("tier", "web")
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(2)
                                .withNewSelector()
                                .addToMatchLabels("app", name)
                                .endSelector()
                                .withNewTemplate()
                                .withNewMetadata()
                                .addToLabels("app", name)
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("main")
                                .withImage("busybox")
                                .endContainer()
                                .endSpec()
                                .endTemplate()
                                .endSpec()
                                .build())
                .create();
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

        Deployment stored = client.apps().deployments().inNamespace("apps").withName("web").get();
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
        api.updateStatus(
                new DeploymentBuilder(created).withNewStatus().withReplicas(2).endStatus().build());

        assertThat(
                        client.apps()
                                .deployments()
                                .inNamespace("apps")
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
                        .inNamespace("apps")
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
                .inNamespace("apps")
                .withName("web")
                .edit(
                        d ->
                                new DeploymentBuilder(d)
                                        .editMetadata()
                                        .addToFinalizers("example.com/hold")
                                        .endMetadata()
                                        .build());
        client.apps().deployments().inNamespace("apps").withName("web").delete();
        // the writer's copy predates the deletion
        api.updateStatus(
                new DeploymentBuilder(web).withNewStatus().withReplicas(2).endStatus().build());

        List<Deployment> listed =
                client.apps()
                        .deployments()
                        .inNamespace("apps")
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
                .inNamespace("apps")
                .withName(name)
                .edit(
                        d ->
                                new DeploymentBuilder(d)
                                        .editMetadata()
                                        .addToFinalizers("example.com/hold")
                                        .endMetadata()
                                        .build());
        client.apps().deployments().inNamespace("apps").withName(name).delete();
        return client.apps().deployments().inNamespace("apps").withName(name).get();
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
        assertThat(api.get(Deployment.class, "apps", "web")).isNull();
    }

    @Test
    void statusWriteFromAMarkedCopyWithItsFinalizersWritesTheStatus() {
        Deployment marked = markedForDeletion("web");

        api.updateStatus(
                new DeploymentBuilder(marked).withNewStatus().withReplicas(2).endStatus().build());

        Deployment stored = api.get(Deployment.class, "apps", "web");
        assertThat(stored.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(stored.getStatus().getReplicas()).isEqualTo(2);
    }

    @Test
    void getAnswersWhatTheLastWriteStored() {
        Deployment created = deployment("web");
        client.apps()
                .deployments()
                .inNamespace("apps")
                .withName("web")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(4).endSpec().build());
        api.updateStatus(
                new DeploymentBuilder(created).withNewStatus().withReplicas(4).endStatus().build());

        Deployment read = api.get(Deployment.class, "apps", "web");

        assertThat(read.getSpec().getReplicas()).isEqualTo(4);
        assertThat(read.getStatus().getReplicas()).isEqualTo(4);
        assertThat(read)
                .isEqualTo(client.apps().deployments().inNamespace("apps").withName("web").get());
    }

    @Test
    void getAnswersAFreshCopyEachTime() {
        deployment("web");

        Deployment first = api.get(Deployment.class, "apps", "web");
        first.getSpec().setReplicas(9);
        Deployment second = api.get(Deployment.class, "apps", "web");

        assertThat(second.getSpec().getReplicas()).isEqualTo(2);
        assertThat(api.get(Deployment.class, "apps", "missing")).isNull();
    }
}
