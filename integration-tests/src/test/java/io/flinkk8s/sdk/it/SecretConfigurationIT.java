package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "No value of a Secret ever lands in a ConfigMap, the state record, an annotation, an event or a
 * log line": a deployment takes its S3 secret key from a Secret ({@code
 * security.secretConfiguration}); after it is deployed, upgraded and deleted, no object of the
 * cluster but the Secret itself holds the value (plain or base64), and neither does anything the
 * SDK logged meanwhile. The SDK logs through SLF4J, bound in tests to slf4j-simple, which writes to
 * {@code System.err} as it is when a line is written: the test captures it there (at the levels the
 * test JVM enables, INFO by default).
 */
class SecretConfigurationIT {

    private static final String MARKER = "marker-7f3c9a-do-not-leak";
    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static FlinkDeploymentSpec withSecretKey(FlinkDeploymentSpec spec) {
        return FlinkK8s.from(spec)
                .security(
                        s ->
                                s.secretConfiguration("s3.secret-key", "s3-credentials", "secret")
                                        .secretConfiguration(
                                                "s3.access-key", "s3-credentials", "access"))
                .build();
    }

    @Test
    void aSecretValueIsInNoObjectEventOrLogLineThroughDeployUpgradeAndDelete() throws Exception {
        // given
        fixture.cluster.create(
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("s3-credentials")
                        .withNamespace(NS)
                        .endMetadata()
                        .withStringData(Map.of("secret", MARKER, "access", "AKIA-EXAMPLE"))
                        .build(),
                "test");
        FlinkDeployer deployer = fixture.deployer();
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            // when: deployed, upgraded, deleted
            FlinkDeploymentHandle orders = deployer.apply(withSecretKey(Specs.orders()));
            orders.waitUntilRunning(WAIT);
            seen.addAll(everythingButSecrets());
            deployer.apply(withSecretKey(Specs.ordersImage("registry.example.com/orders:2.0")))
                    .waitUntilRunning(WAIT);
            seen.addAll(everythingButSecrets());
            orders.delete();
            fixture.cluster.settle();
            seen.addAll(everythingButSecrets());
        } finally {
            System.setErr(err);
        }
        // then
        String base64 = Base64.getEncoder().encodeToString(MARKER.getBytes(StandardCharsets.UTF_8));
        assertThat(seen).isNotEmpty().noneMatch(s -> s.contains(MARKER) || s.contains(base64));
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(MARKER, base64);
        assertThat(seen)
                .as("the state record and the rendered config were searched")
                .anyMatch(s -> s.contains(ResourceNames.of("orders").configMap()))
                .anyMatch(s -> s.contains("s3.secret-key"));
        assertThat(fixture.cluster.find(Secret.class, NS, "s3-credentials")).isPresent();
    }

    /** Every object but Secrets in the namespace as JSON, Events included. */
    private List<String> everythingButSecrets() {
        return ClusterText.everythingButSecrets(fixture.cluster, NS);
    }
}
