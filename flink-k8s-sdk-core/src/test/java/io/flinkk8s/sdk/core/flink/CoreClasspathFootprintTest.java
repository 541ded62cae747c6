package io.flinkk8s.sdk.core.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core's runtime classpath leaves out the parts of Flink that only a running JobManager,
 * TaskManager or a Flink program loads, and the fabric8 models of Kubernetes API groups the SDK
 * never uses (README, "Footprint"). This test runs on that classpath (plus test libraries that
 * bring neither), so it fails when a dependency change brings one back, and it keeps {@link
 * FlinkJobClientOverHttpTest} and {@code DeployerOverHttpTest} honest: they run without these jars.
 */
class CoreClasspathFootprintTest {

    @Test
    void noLeftOutJarIsOnTheCoreClasspath() {
        List<String> absent =
                List.of(
                        // flink-rpc-akka-loader: the Pekko RPC system
                        "org.apache.flink.runtime.rpc.pekko.PekkoRpcSystemLoader",
                        // flink-shaded-zookeeper-3
                        "org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.ZooKeeper",
                        // flink-queryable-state-client-java, flink-hadoop-fs
                        "org.apache.flink.queryablestate.client.QueryableStateClient",
                        "org.apache.flink.runtime.fs.hdfs.HadoopFileSystem",
                        // flink-streaming-java and the commons-math3 it brings, flink-datastream
                        "org.apache.flink.streaming.experimental.CollectSink",
                        "org.apache.commons.math3.util.FastMath",
                        "org.apache.flink.streaming.api.transformations"
                                + ".DataStreamV2SinkTransformation",
                        // flink-connector-datagen
                        "org.apache.flink.connector.datagen.source.DataGeneratorSource",
                        // snappy-java, lz4-java, javassist, async-profiler
                        "org.xerial.snappy.Snappy",
                        "net.jpountz.lz4.LZ4Factory",
                        "javassist.ClassPool",
                        "one.profiler.AsyncProfiler",
                        // fabric8 models of API groups the SDK never uses
                        "io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway",
                        "io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim",
                        "io.fabric8.kubernetes.api.model.admissionregistration.v1"
                                + ".ValidatingWebhookConfiguration",
                        "io.fabric8.kubernetes.api.model.flowcontrol.v1.FlowSchema",
                        "io.fabric8.kubernetes.api.model.storage.StorageClass",
                        "io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice",
                        "io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass",
                        "io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics");

        assertThat(absent).noneMatch(CoreClasspathFootprintTest::loadable);
    }

    @Test
    void theClassesTheSdkUsesAreOnTheCoreClasspath() {
        assertThat(
                        List.of(
                                "org.apache.flink.client.program.rest.RestClusterClient",
                                "org.apache.flink.runtime.rest.RestClient",
                                "org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils",
                                "org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders",
                                "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"))
                .allMatch(CoreClasspathFootprintTest::loadable);
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, CoreClasspathFootprintTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
