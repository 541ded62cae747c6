package io.flinkk8s.sdk.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class an in-memory Kubernetes cluster: a fresh one per test by default,
 * injected as a parameter of type {@link FlinkK8sCluster} (or {@link InMemoryFlinkK8sCluster}),
 * {@code KubernetesClient}, {@code FlinkDeployer} (the cluster's {@link
 * FlinkK8sCluster#deployer()}, set up to reach the Flink behind its JobManagers, at test speed) or
 * {@code Faults}, or into fields marked {@link InjectCluster}. Flink runs behind every JobManager
 * the SDK renders ({@link FlinkK8sCluster#flink}), simulated by default: no JVM options needed.
 * When a test fails, the cluster state is printed.
 *
 * <pre>{@code
 * @FlinkK8sTest(namespace = "streaming")
 * class OrdersDeploymentTest {
 *     @Test
 *     void runs(FlinkDeployer deployer, FlinkK8sCluster cluster) {
 *         FlinkDeploymentHandle orders = deployer.apply(ordersSpec());
 *         orders.waitUntilRunning(Duration.ofSeconds(30));
 *         assertThat(cluster).flinkDeployment("streaming", "orders").job().isRunning();
 *     }
 * }
 * }</pre>
 *
 * <p>For settings an annotation cannot carry, register {@link FlinkK8sClusterExtension#builder()}
 * with {@code @RegisterExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FlinkK8sClusterExtension.class)
public @interface FlinkK8sTest {

    /** Whether each test gets a fresh cluster or the class shares one. */
    ClusterScope scope() default ClusterScope.PER_TEST;

    /** The namespace the injected client uses by default. */
    String namespace() default "default";

    /** The nodes pods are scheduled on. */
    String[] nodes() default {"node-1"};

    /** Whether the Flink Kubernetes Operator CRDs are registered (read once per test run). */
    boolean operatorCrds() default true;

    /**
     * Whether the operator stand-in runs (default true): it does what the Flink Kubernetes Operator
     * does for {@code FlinkDeployment} and {@code FlinkStateSnapshot} resources (see {@link
     * InMemoryFlinkK8sCluster.Builder#operatorStandIn}). Turn it off in a test that plays the
     * operator itself.
     */
    boolean operatorStandIn() default true;

    /**
     * What runs behind the JobManagers the SDK renders: simulated (default) or a real MiniCluster,
     * one per JobManager pod, started with its ConfigMap's Flink configuration (seconds each).
     */
    FlinkRuntimeMode flinkRuntime() default FlinkRuntimeMode.SIMULATED;

    /**
     * Whether the API server logs every request at INFO through SLF4J; default false (see {@link
     * InMemoryFlinkK8sCluster.Builder#logMockServerRequests}).
     */
    boolean logMockServerRequests() default false;
}
