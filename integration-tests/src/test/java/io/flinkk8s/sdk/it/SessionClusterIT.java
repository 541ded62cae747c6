package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.JarRun;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session cluster deployed by the SDK, then a jar submitted to it through its REST Service. */
class SessionClusterIT {

    @TempDir Path tempDir;

    @Test
    void aDeployedSessionClusterRunsASubmittedJar() throws Exception {
        try (DeployFixture fixture = new DeployFixture()) {
            // given
            FlinkDeploymentSpec session =
                    FlinkK8s.session("analytics")
                            .namespace(DeployFixture.NAMESPACE)
                            .taskManagers(tm -> tm.replicas(2).slots(4))
                            .build();
            FlinkDeploymentHandle analytics = fixture.deployer().apply(session);
            analytics.waitUntilRunning(Duration.ofSeconds(20));
            URI rest =
                    fixture.cluster
                            .restEndpointResolver()
                            .resolve(
                                    DeployFixture.NAMESPACE,
                                    ResourceNames.of("analytics").restService(),
                                    FlinkPorts.REST);
            // when
            JobID id;
            try (FlinkJobClient flink = FlinkJobClient.connect(rest, Duration.ofSeconds(20))) {
                id =
                        flink.submitJar(
                                Jars.withMainClass(tempDir, "report.jar", "com.acme.Report"),
                                JarRun.of("com.acme.Report", "--day", "2026-01-01"));
            }
            // then
            var job = fixture.runtime(DeployFixture.NAMESPACE, "analytics").job(id).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job.arguments()).containsExactly("--day", "2026-01-01");
            assertThat(analytics.status().lifecycle()).isEqualTo(Lifecycle.RUNNING);
        }
    }
}
