package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.testkit.faults.Faults;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link InjectCluster} fields, tested by running small test classes through the JUnit launcher
 * (nested here, so Surefire does not run them on their own).
 */
class FieldInjectionTest {

    /** What one launcher run reported. */
    /** What a run reported; tests of a concurrent run report from several threads. */
    private static final class Outcome implements TestExecutionListener {
        final List<String> succeeded = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL && id.isTest()) {
                succeeded.add(id.getDisplayName());
            }
            result.getThrowable().ifPresent(failures::add);
        }
    }

    private static Outcome run(Class<?> testClass) {
        Outcome outcome = new Outcome();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(testClass))
                                .build(),
                        outcome);
        return outcome;
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

    @FlinkK8sTest(namespace = "streaming", operatorCrds = false)
    static class AllFiveTypes {
        @InjectCluster FlinkK8sCluster cluster;
        @InjectCluster InMemoryFlinkK8sCluster inMemory;
        @InjectCluster KubernetesClient client;
        @InjectCluster FlinkDeployer deployer;
        @InjectCluster Faults faults;

        @Test
        void fieldsHoldTheTestsClusterAndItsParts(FlinkK8sCluster parameter) {
            assertThat(cluster).isSameAs(parameter).isSameAs(inMemory);
            assertThat(client).isSameAs(parameter.client());
            assertThat(deployer).isSameAs(parameter.deployer());
            assertThat(faults).isSameAs(parameter.faults());
            assertThat(client.getNamespace()).isEqualTo("streaming");
        }

        @Test
        void eachTestGetsItsOwnCluster() {
            createConfigMap(client, "same-name");
            assertThat(cluster.requests().writes()).hasSize(1);
        }

        @Test
        void andAnother() {
            createConfigMap(client, "same-name");
            assertThat(cluster.requests().writes()).hasSize(1);
        }
    }

    @Test
    void injectsEveryTypeIntoFreshFieldsForEachTest() {
        Outcome outcome = run(AllFiveTypes.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(3);
    }

    @FlinkK8sTest(operatorCrds = false)
    abstract static class BaseWithClient {
        @InjectCluster KubernetesClient client;
    }

    static class SubclassTest extends BaseWithClient {
        @InjectCluster FlinkK8sCluster cluster;

        @Test
        void superclassFieldIsInjected() {
            createConfigMap(client, "from-the-base-field");
            assertThat(cluster.find(ConfigMap.class, "default", "from-the-base-field")).isPresent();
        }
    }

    @Test
    void injectsFieldsDeclaredInASuperclass() {
        Outcome outcome = run(SubclassTest.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(1);
    }

    @FlinkK8sTest(operatorCrds = false)
    static class Outer {
        @InjectCluster FlinkK8sCluster outerCluster;

        @Nested
        class Inner {
            @InjectCluster KubernetesClient innerClient;

            @Test
            void outerAndInnerFieldsShareTheTestsCluster() {
                assertThat(innerClient).isSameAs(outerCluster.client());
            }
        }
    }

    @Test
    void injectsTheEnclosingInstanceOfANestedTestToo() {
        Outcome outcome = run(Outer.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(1);
    }

    @FlinkK8sTest(scope = ClusterScope.PER_CLASS, operatorCrds = false)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class SharedAcrossTests {
        @InjectCluster KubernetesClient client;

        @Test
        void first() {
            createConfigMap(client, "first");
        }

        @Test
        void second() {
            createConfigMap(client, "second");
            assertThat(client.configMaps().list().getItems()).hasSize(2);
        }
    }

    @Test
    void perClassScopeInjectsTheSharedCluster() {
        Outcome outcome = run(SharedAcrossTests.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.succeeded).hasSize(2);
    }

    @FlinkK8sTest(operatorCrds = false)
    static class WrongType {
        @InjectCluster NamespacedKubernetesClient namespaced;

        @Test
        void test() {
            // never runs
        }
    }

    @Test
    void aFieldOfAnotherTypeFailsNamingTheField() {
        Outcome outcome = run(WrongType.class);

        assertThat(outcome.failures)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e)
                                        .hasMessageContaining("field [WrongType.namespaced]")
                                        .hasMessageContaining("NamespacedKubernetesClient"));
    }

    @FlinkK8sTest(operatorCrds = false)
    static class StaticField {
        @InjectCluster static FlinkK8sCluster shared;

        @Test
        void test() {
            // never runs
        }
    }

    @Test
    void aStaticFieldFailsNamingTheField() {
        Outcome outcome = run(StaticField.class);

        assertThat(outcome.failures)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e)
                                        .hasMessageContaining("field [StaticField.shared]")
                                        .hasMessageContaining("non-static"));
    }
}
