package io.flinkk8s.sdk.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test instance field that {@link FlinkK8sClusterExtension} sets before each test to the
 * test's in-memory cluster, or a part of it, by the field's type: {@link FlinkK8sCluster}, {@link
 * InMemoryFlinkK8sCluster}, {@code KubernetesClient}, {@code FlinkDeployer} ({@link
 * FlinkK8sCluster#deployer()}) or {@code Faults}. Fields of enclosing instances ({@code @Nested})
 * and of superclasses are set too.
 *
 * <pre>{@code
 * @FlinkK8sTest
 * class OrdersTest {
 *     @InjectCluster FlinkK8sCluster cluster;
 *     @InjectCluster KubernetesClient client;
 *
 *     @Test
 *     void becomesReady() {
 *         client.resource(ordersDeployment()).serverSideApply();
 *         cluster.awaitReady("default", "orders");
 *     }
 * }
 * }</pre>
 *
 * <p>A static, final or otherwise typed field fails the test with an {@code
 * ExtensionConfigurationException} that names it.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectCluster {}
