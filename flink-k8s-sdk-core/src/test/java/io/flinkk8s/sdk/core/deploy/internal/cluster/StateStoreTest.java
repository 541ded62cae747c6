package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.testing.Specs;
import org.junit.jupiter.api.Test;

/**
 * Reading back a record on fabric8's mock API server (CRUD mode): what this store wrote last is
 * read as written (without decoding its JSON again), and anything else is decoded from the cluster.
 */
@EnableKubernetesMockClient(crud = true)
class StateStoreTest {

    private static final String CONFIG_MAP = ResourceNames.of("orders").sdkState();

    private KubernetesClient client;

    @Test
    void theRecordThisStoreWroteReadsBackEqualWithItsNewResourceVersion() {
        StateStore store = store();
        FlinkDeploymentSpec spec = Specs.statefulHa();

        StateRecord written = store.write("streaming", StateRecord.first(spec));

        StateRecord read = store.read("streaming", "orders").orElseThrow();
        assertThat(read).isEqualTo(written);
        assertThat(read.resourceVersion())
                .isNotNull()
                .isEqualTo(configMap().getMetadata().getResourceVersion());
        assertThat(read).isEqualTo(store().read("streaming", "orders").orElseThrow());
    }

    @Test
    void aRecordChangedByAnotherWriterSinceThisStoreWroteItIsReadFromTheCluster() {
        StateStore store = store();
        store.write("streaming", StateRecord.first(Specs.statefulHa()));
        // another deployer stores a record with a savepoint in it
        StateStore other = store();
        StateRecord theirs =
                other.read("streaming", "orders")
                        .orElseThrow()
                        .withRestoreSavepoint("s3://bucket/sp/savepoint-1");
        other.write("streaming", theirs);

        StateRecord read = store.read("streaming", "orders").orElseThrow();

        assertThat(read.restoreSavepoint()).isEqualTo("s3://bucket/sp/savepoint-1");
        assertThat(read.resourceVersion())
                .isEqualTo(configMap().getMetadata().getResourceVersion());
    }

    @Test
    void aRecordEditedByHandIsReadAsEditedEvenAtTheSameSpec() {
        StateStore store = store();
        StateRecord written = store.write("streaming", StateRecord.first(Specs.statefulHa()));
        String edited = written.withHeldTaskManagers(7).toJson();
        ConfigMap cm = configMap();
        client.resource(new ConfigMapBuilder(cm).addToData(StateRecord.DATA_KEY, edited).build())
                .update();

        assertThat(store.read("streaming", "orders").orElseThrow().heldTaskManagers()).isEqualTo(7);
    }

    private StateStore store() {
        DeployOptions options = DeployOptions.defaults();
        return new StateStore(
                client, new Retrier(options.retryPolicy(), Retrier.Discovery.of(client)));
    }

    private ConfigMap configMap() {
        return client.configMaps().inNamespace("streaming").withName(CONFIG_MAP).get();
    }
}
