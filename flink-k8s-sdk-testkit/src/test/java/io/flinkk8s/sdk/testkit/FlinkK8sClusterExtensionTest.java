package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.flinkk8s.sdk.testkit.faults.Faults;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension, tested by running small test classes through the JUnit launcher. Those classes are
 * nested, so Surefire does not run them on their own.
 */
@FlinkK8sTest(namespace = "streaming", operatorCrds = false)
class FlinkK8sClusterExtensionTest {

    /** What one launcher run reported. */
    /** What a run reported; tests of a concurrent run report from several threads. */
    private static final class Outcome implements TestExecutionListener {
        final List<String> succeeded = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<ReportEntry> reports = new CopyOnWriteArrayList<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL && id.isTest()) {
                succeeded.add(id.getDisplayName());
            }
            result.getThrowable().ifPresent(failures::add);
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            reports.add(entry);
        }
    }

    private static Outcome run(Class<?> testClass, Map<String, String> config) {
        Outcome outcome = new Outcome();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(testClass))
                                .configurationParameters(config)
                                .build(),
                        outcome);
        return outcome;
    }

    private static Outcome run(Class<?> testClass) {
        return run(testClass, Map.of());
    }

    private static void createConfigMap(KubernetesClient client, String name) {
        client.resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .build())
                .create();
    }

    @Test
    void injectsTheClusterItsClientAndItsFaults(
            FlinkK8sCluster cluster,
            InMemoryFlinkK8sCluster same,
            KubernetesClient client,
            Faults faults) {
        assertThat(same).isSameAs(cluster);
        assertThat(client).isSameAs(cluster.client());
        assertThat(faults).isSameAs(cluster.faults());
        assertThat(client.getNamespace()).isEqualTo("streaming");
    }

    @FlinkK8sTest(operatorCrds = false)
    static class TwoTestsCreatingTheSameObject {
        @Test
        void first(KubernetesClient client) {
            createConfigMap(client, "x");
        }

        @Test
        void second(KubernetesClient client) {
            createConfigMap(client, "x");
        }
    }

    @Test
    void eachTestGetsAFreshCluster() {
        Outcome outcome = run(TwoTestsCreatingTheSameObject.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(2);
    }

    @FlinkK8sTest(scope = ClusterScope.PER_CLASS, operatorCrds = false)
    static class SharedCluster {
        @BeforeAll
        static void seed(KubernetesClient client) {
            createConfigMap(client, "shared");
        }

        @Test
        void first(KubernetesClient client) {
            assertThat(client.configMaps().withName("shared").get()).isNotNull();
            createConfigMap(client, "first");
        }

        @Test
        void second(KubernetesClient client) {
            assertThat(client.configMaps().withName("shared").get()).isNotNull();
            createConfigMap(client, "second");
        }
    }

    @Test
    void perClassScopeSharesOneClusterFromBeforeAllOn() {
        Outcome outcome = run(SharedCluster.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(2);
    }

    @FlinkK8sTest(operatorCrds = false)
    static class ProgrammaticConfiguration {
        @RegisterExtension
        static final FlinkK8sClusterExtension K8S =
                FlinkK8sClusterExtension.builder()
                        .namespace("team-a")
                        .nodes("a", "b")
                        .operatorCrds(false)
                        .build();

        @Test
        void usesTheConfiguredNamespaceAndNodes(KubernetesClient client) {
            assertThat(client.getNamespace()).isEqualTo("team-a");
            assertThat(client.nodes().list().getItems()).hasSize(2);
        }
    }

    @Test
    void aRegisteredExtensionConfiguresTheClusterAndTheAnnotationStepsAside() {
        Outcome outcome = run(ProgrammaticConfiguration.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(1);
    }

    @FlinkK8sTest(operatorCrds = false)
    static class PerTestClusterInBeforeAll {
        @BeforeAll
        static void tooEarly(KubernetesClient earlyClient) {
            createConfigMap(earlyClient, "never");
        }

        @Test
        void test() {
            // never runs
        }
    }

    @Test
    void aPerTestClusterInBeforeAllFailsNamingTheParameter() {
        Outcome outcome = run(PerTestClusterInBeforeAll.class);

        assertThat(outcome.failures)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e)
                                        .hasMessageContaining("parameter [earlyClient]")
                                        .hasMessageContaining("PER_CLASS"));
    }

    @FlinkK8sTest(operatorCrds = false)
    static class UnsupportedClientType {
        @Test
        void test(NamespacedKubernetesClient namespaced) {
            // never runs
        }
    }

    @Test
    void anUnsupportedParameterTypeFailsNamingTheParameter() {
        Outcome outcome = run(UnsupportedClientType.class);

        assertThat(outcome.failures)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e)
                                        .hasMessageContaining("parameter [namespaced]")
                                        .hasMessageContaining("NamespacedKubernetesClient"));
    }

    @FlinkK8sTest(operatorCrds = false)
    static class FailingTest {
        @Test
        void fails(KubernetesClient client) {
            createConfigMap(client, "evidence");
            throw new AssertionError("expected failure");
        }
    }

    @Test
    void aFailedTestReportsTheClusterDump() {
        Outcome outcome =
                run(FailingTest.class, Map.of(FlinkK8sClusterExtension.PRINT_DUMP, "false"));

        assertThat(outcome.reports)
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(
                                                r.getKeyValuePairs()
                                                        .get(FlinkK8sClusterExtension.DUMP_ENTRY))
                                        .contains("ConfigMap default/evidence"));
    }

    @FlinkK8sTest(operatorCrds = false)
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentTests {
        @Test
        void a(FlinkK8sCluster cluster, KubernetesClient client) {
            createAndCheck(cluster, client);
        }

        @Test
        void b(FlinkK8sCluster cluster, KubernetesClient client) {
            createAndCheck(cluster, client);
        }

        @Test
        void c(FlinkK8sCluster cluster, KubernetesClient client) {
            createAndCheck(cluster, client);
        }

        @Test
        void d(FlinkK8sCluster cluster, KubernetesClient client) {
            createAndCheck(cluster, client);
        }

        private static void createAndCheck(FlinkK8sCluster cluster, KubernetesClient client) {
            createConfigMap(client, "same-name");
            assertThat(client.configMaps().list().getItems()).hasSize(1);
            assertThat(cluster.requests().writes()).hasSize(1);
        }
    }

    @Test
    void concurrentTestsGetTheirOwnClusters() {
        Outcome outcome =
                run(
                        ConcurrentTests.class,
                        Map.of("junit.jupiter.execution.parallel.enabled", "true"));

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(4);
    }
}
