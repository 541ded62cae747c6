package io.flinkk8s.sdk.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.testkit.faults.Faults;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link FlinkK8sTest}: starts in-memory clusters, injects them and
 * their parts (as parameters, and into {@link InjectCluster} fields: the cluster, its client, its
 * {@link FlinkDeployer} and its faults), closes them, and prints the cluster state of a failed test
 * (also published as the report entry {@value #DUMP_ENTRY}; set the configuration parameter {@value
 * #PRINT_DUMP} to {@code false} to stop the printing). It keeps its clusters in the {@link
 * ExtensionContext.Store}, so one extension instance serves parallel tests, nested classes and
 * inheritance. Register it programmatically for settings an annotation cannot carry:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FlinkK8sClusterExtension k8s = FlinkK8sClusterExtension.builder()
 *         .namespace("team-a").scope(ClusterScope.PER_CLASS)
 *         .flinkRuntime(FlinkRuntimeMode.MINI_CLUSTER)
 *         .customize(b -> b.nodes("node-1", "node-2"))
 *         .build();
 * }</pre>
 */
public final class FlinkK8sClusterExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FlinkK8sClusterExtension.class);

    /** The report entry key under which a failed test's cluster dump is published. */
    public static final String DUMP_ENTRY = "flinkk8s.cluster";

    /** JUnit configuration parameter; {@code false} stops printing dumps to stderr. */
    public static final String PRINT_DUMP = "flinkk8s.cluster.printDumpOnFailure";

    private static final String CLUSTER = "cluster";
    private static final String CRDS = "operator-crds";
    private static final String SERIALIZATION = "kubernetes-serialization";
    private static final List<Class<?>> INJECTABLE =
            List.of(
                    FlinkK8sCluster.class,
                    InMemoryFlinkK8sCluster.class,
                    KubernetesClient.class,
                    FlinkDeployer.class,
                    Faults.class);

    /** Immutable settings; null when they come from the {@link FlinkK8sTest} annotation. */
    private final Settings settings;

    private record Settings(
            ClusterScope scope,
            String namespace,
            List<String> nodes,
            boolean operatorCrds,
            FlinkRuntimeMode flinkRuntime,
            Consumer<InMemoryFlinkK8sCluster.Builder> customizer) {}

    /** The extension as {@link FlinkK8sTest} registers it: settings from the annotation. */
    public FlinkK8sClusterExtension() {
        this.settings = null;
    }

    private FlinkK8sClusterExtension(Settings settings) {
        this.settings = settings;
    }

    /** A builder for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isActive(context) && settings(context).scope() == ClusterScope.PER_CLASS) {
            cluster(context, "the class cluster");
        }
    }

    /** Sets the {@link InjectCluster} fields of the test instance and its enclosing instances. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isActive(context)) {
            return;
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field :
                    AnnotationSupport.findAnnotatedFields(
                            instance.getClass(), InjectCluster.class)) {
                inject(context, instance, field);
            }
        }
    }

    private void inject(ExtensionContext context, Object instance, Field field) {
        String name =
                "field [" + field.getDeclaringClass().getSimpleName() + "." + field.getName() + "]";
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
            throw new ExtensionConfigurationException(
                    name
                            + ": @InjectCluster needs a non-static,"
                            + " non-final field; for a class-wide cluster use @FlinkK8sTest(scope = "
                            + "PER_CLASS) with an instance field");
        }
        if (!INJECTABLE.contains(field.getType())) {
            throw new ExtensionConfigurationException(
                    name
                            + ": type "
                            + field.getType().getSimpleName()
                            + " cannot be injected; declare it as one of "
                            + INJECTABLE.stream().map(Class::getSimpleName).toList());
        }
        Object value = valueFor(field.getType(), cluster(context, name));
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException(name + ": could not be set", e);
        }
    }

    private static Object valueFor(Class<?> type, InMemoryFlinkK8sCluster cluster) {
        if (type == KubernetesClient.class) {
            return cluster.client();
        }
        if (type == Faults.class) {
            return cluster.faults();
        }
        if (type == FlinkDeployer.class) {
            return cluster.deployer();
        }
        return cluster;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!isActive(context) || context.getExecutionException().isEmpty()) {
            return;
        }
        ClusterResource resource = findExisting(context);
        if (resource != null) {
            String dump = resource.cluster().dump();
            context.publishReportEntry(DUMP_ENTRY, dump);
            if (context.getConfigurationParameter(PRINT_DUMP, Boolean::parseBoolean).orElse(true)) {
                System.err.println(
                        "Test "
                                + context.getDisplayName()
                                + " failed; in-memory "
                                + "cluster:\n"
                                + dump);
            }
        }
    }

    @Override
    public boolean supportsParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (!isActive(extensionContext)) {
            return false;
        }
        Parameter p = parameterContext.getParameter();
        Class<?> type = p.getType();
        if (INJECTABLE.contains(type)) {
            return true;
        }
        if (KubernetesClient.class.isAssignableFrom(type)
                || FlinkK8sCluster.class.isAssignableFrom(type)) {
            throw new ExtensionConfigurationException(
                    "parameter ["
                            + p.getName()
                            + "] of "
                            + parameterContext.getDeclaringExecutable().getName()
                            + ": type "
                            + type.getSimpleName()
                            + " cannot be injected; declare it as one of "
                            + INJECTABLE.stream().map(Class::getSimpleName).toList());
        }
        return false;
    }

    @Override
    public Object resolveParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        return valueFor(
                parameter.getType(),
                cluster(extensionContext, "parameter [" + parameter.getName() + "]"));
    }

    private InMemoryFlinkK8sCluster cluster(ExtensionContext context, String injected) {
        Settings s = settings(context);
        ExtensionContext owner =
                s.scope() == ClusterScope.PER_CLASS ? classContext(context) : context;
        if (s.scope() == ClusterScope.PER_TEST && context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException(
                    injected
                            + ": a PER_TEST cluster exists "
                            + "only inside a test; "
                            + "to use it in @BeforeAll/@AfterAll, use @FlinkK8sTest(scope = PER_CLASS)");
        }
        CustomResourceDefinitions crds =
                s.operatorCrds()
                        ? context.getRoot()
                                .getStore(NAMESPACE)
                                .getOrComputeIfAbsent(
                                        CRDS,
                                        k -> CustomResourceDefinitions.flinkOperator(),
                                        CustomResourceDefinitions.class)
                        : CustomResourceDefinitions.none();
        // one per test run, like the CRDs: Jackson's (de)serializers are built once, not per test
        KubernetesSerialization serialization =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                SERIALIZATION,
                                k -> new KubernetesSerialization(),
                                KubernetesSerialization.class);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        CLUSTER, k -> start(s, crds, serialization), ClusterResource.class)
                .cluster();
    }

    private static ClusterResource start(
            Settings s, CustomResourceDefinitions crds, KubernetesSerialization serialization) {
        InMemoryFlinkK8sCluster.Builder b =
                InMemoryFlinkK8sCluster.builder()
                        .namespace(s.namespace())
                        .nodes(s.nodes().toArray(String[]::new))
                        .customResourceDefinitions(crds)
                        .kubernetesSerialization(serialization)
                        .flinkRuntime(s.flinkRuntime());
        s.customizer().accept(b);
        return new ClusterResource(b.start());
    }

    private ClusterResource findExisting(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            ClusterResource r = c.get().getStore(NAMESPACE).get(CLUSTER, ClusterResource.class);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private Settings settings(ExtensionContext context) {
        if (settings != null) {
            return settings;
        }
        FlinkK8sTest annotation = annotation(context);
        if (annotation == null) {
            return new Settings(
                    ClusterScope.PER_TEST,
                    "default",
                    List.of("node-1"),
                    true,
                    FlinkRuntimeMode.SIMULATED,
                    b -> {});
        }
        boolean logMockServerRequests = annotation.logMockServerRequests();
        boolean operatorStandIn = annotation.operatorStandIn();
        return new Settings(
                annotation.scope(),
                annotation.namespace(),
                List.of(annotation.nodes()),
                annotation.operatorCrds(),
                annotation.flinkRuntime(),
                b ->
                        b.logMockServerRequests(logMockServerRequests)
                                .operatorStandIn(operatorStandIn));
    }

    private static FlinkK8sTest annotation(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<FlinkK8sTest> found = AnnotationSupport.findAnnotation(c, FlinkK8sTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }

    /**
     * The annotation-created instance steps aside when the class also registers a configured
     * instance, so the two never compete for the same parameters.
     */
    private boolean isActive(ExtensionContext context) {
        if (settings != null || context.getTestClass().isEmpty()) {
            return true;
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            boolean registered =
                    !AnnotationSupport.findAnnotatedFields(
                                    c,
                                    RegisterExtension.class,
                                    f ->
                                            FlinkK8sClusterExtension.class.isAssignableFrom(
                                                    f.getType()),
                                    HierarchyTraversalMode.BOTTOM_UP)
                            .isEmpty();
            if (registered) {
                return false;
            }
        }
        return true;
    }

    /** Closes a cluster when its JUnit context ends. */
    private record ClusterResource(InMemoryFlinkK8sCluster cluster)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }

    /** Settings of a programmatically registered extension; mutable, not thread-safe. */
    public static final class Builder {
        private ClusterScope scope = ClusterScope.PER_TEST;
        private String namespace = "default";
        private List<String> nodes = List.of("node-1");
        private boolean operatorCrds = true;
        private FlinkRuntimeMode flinkRuntime = FlinkRuntimeMode.SIMULATED;
        private Consumer<InMemoryFlinkK8sCluster.Builder> customizer = b -> {};

        private Builder() {}

        /** Fresh cluster per test (default) or one per class. */
        public Builder scope(ClusterScope value) {
            this.scope = Objects.requireNonNull(value, "scope");
            return this;
        }

        /** The namespace the injected client uses by default. */
        public Builder namespace(String value) {
            this.namespace = Objects.requireNonNull(value, "namespace");
            return this;
        }

        /** The nodes pods are scheduled on. */
        public Builder nodes(String... names) {
            this.nodes = List.of(names);
            return this;
        }

        /** Whether the Flink Kubernetes Operator CRDs are registered (default true). */
        public Builder operatorCrds(boolean value) {
            this.operatorCrds = value;
            return this;
        }

        /**
         * What runs behind the JobManagers the SDK renders (default simulated); with {@link
         * FlinkRuntimeMode#MINI_CLUSTER} each JobManager pod gets a MiniCluster of its own.
         */
        public Builder flinkRuntime(FlinkRuntimeMode value) {
            this.flinkRuntime = Objects.requireNonNull(value, "flinkRuntime");
            return this;
        }

        /**
         * Further settings applied to every cluster this extension starts (controllers, seed,
         * service backends, ...); called once per cluster, so it may create fresh objects.
         */
        public Builder customize(Consumer<InMemoryFlinkK8sCluster.Builder> value) {
            this.customizer = Objects.requireNonNull(value, "customize");
            return this;
        }

        /** The configured extension. */
        public FlinkK8sClusterExtension build() {
            return new FlinkK8sClusterExtension(
                    new Settings(scope, namespace, nodes, operatorCrds, flinkRuntime, customizer));
        }
    }
}
