package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.ApplyResult;
import io.flinkk8s.sdk.core.deploy.ApplyResult.Transition;
import io.flinkk8s.sdk.core.deploy.Endpoint;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.flink.FlinkJobClient;
import io.flinkk8s.sdk.core.flink.RestTls;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.flink.SimulatedFlinkRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code security.tls} end to end on the in-memory cluster: the simulated JobManager is Flink's own
 * REST server, which serves HTTPS with the keystore of the mounted Secret and the password merged
 * from the password Secret, as the real container does; the deployer reaches it only with {@code
 * DeployOptions.restTls}. The keystores are made by the JDK's {@code keytool} in the test; the
 * password is a marker that must appear in no object but its Secret, no event and no log line.
 */
class TlsIT {

    private static final String PASSWORD = "tls-marker-5d2e81-do-not-leak";
    private static final String NS = DeployFixture.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DeployFixture fixture = new DeployFixture();

    @TempDir static Path dir;
    private static Path keystore;
    private static Path truststore;

    /** One key pair for the class: keytool starts a JVM per call. */
    @BeforeAll
    static void keystores() throws Exception {
        keystore = dir.resolve("keystore.jks");
        truststore = dir.resolve("truststore.jks");
        Path cert = dir.resolve("flink.crt");
        keytool(
                "-genkeypair",
                "-alias",
                "flink",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=orders-rest",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1,dns:orders-rest." + NS + ".svc",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "JKS",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "flink",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "flink",
                "-file",
                cert.toString(),
                "-keystore",
                truststore.toString(),
                "-storetype",
                "JKS",
                "-storepass",
                PASSWORD);
    }

    @BeforeEach
    void keystoresInSecrets() throws Exception {
        fixture.cluster.create(
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("orders-tls")
                        .withNamespace(NS)
                        .endMetadata()
                        .withData(
                                Map.of(
                                        "keystore.jks", base64(Files.readAllBytes(keystore)),
                                        "truststore.jks", base64(Files.readAllBytes(truststore))))
                        .build(),
                "test");
        fixture.cluster.create(
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("orders-tls-password")
                        .withNamespace(NS)
                        .endMetadata()
                        .withStringData(Map.of("password", PASSWORD))
                        .build(),
                "test");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], out).isZero();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static FlinkDeploymentSpec withTls(FlinkDeploymentSpec spec) {
        return FlinkK8s.from(spec)
                .security(
                        s ->
                                s.tls(
                                        t ->
                                                t.restWithMutualAuth()
                                                        .internal()
                                                        .secret("orders-tls")
                                                        .passwords(
                                                                "orders-tls-password", "password")))
                .build();
    }

    private RestTls restTls() {
        return RestTls.truststore(truststore, PASSWORD).withKeystore(keystore, PASSWORD);
    }

    private SimulatedFlinkRuntime runtime() {
        return fixture.runtime(NS, "orders");
    }

    @Test
    void aTlsDeploymentIsDeployedUpgradedWithASavepointAndDeletedOverHttps() throws Exception {
        // given
        FlinkDeployer deployer = fixture.deployer(fixture.options().restTls(restTls()).build());
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        SimulatedFlinkRuntime v1;
        SimulatedFlinkRuntime v2;
        ApplyResult upgrade;
        try {
            // when: deployed, upgraded with a savepoint, deleted
            FlinkDeploymentHandle orders = deployer.apply(withTls(Specs.orders()));
            orders.waitUntilRunning(WAIT);
            v1 = runtime();
            seen.addAll(everythingButSecrets());
            upgrade =
                    deployer.apply(withTls(Specs.ordersImage("registry.example.com/orders:2.0")))
                            .lastApply()
                            .orElseThrow();
            v2 = runtime();
            seen.addAll(everythingButSecrets());
            orders.delete();
            fixture.cluster.settle();
            seen.addAll(everythingButSecrets());
        } finally {
            System.setErr(err);
        }
        // then: Flink served HTTPS, and the upgrade went through it
        assertThat(v1.restAddress().getScheme()).isEqualTo("https");
        assertThat(upgrade.transition()).isEqualTo(Transition.SAVEPOINT_UPGRADE);
        String savepoint = v1.savepoints().get(0).path();
        assertThat(v2.restoredFrom(v2.jobs().get(0).id())).contains(savepoint);
        assertThat(v2.jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.cluster.find(Deployment.class, NS, "orders-jobmanager")).isEmpty();
        // and the password is nowhere but in its Secret
        String base64 = base64(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(seen).isNotEmpty().noneMatch(s -> s.contains(PASSWORD) || s.contains(base64));
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD, base64);
        assertThat(seen)
                .as("the state record and the rendered config were searched")
                .anyMatch(s -> s.contains(ResourceNames.of("orders").configMap()))
                .anyMatch(s -> s.contains("security.ssl.rest.keystore-password"));
    }

    @Test
    void withoutTheRestTlsOptionJobCallsFailSayingWhichOptionToSet() {
        // given: deployed by a deployer with the option
        fixture.deployer(fixture.options().restTls(restTls()).build())
                .apply(withTls(Specs.orders()))
                .waitUntilRunning(WAIT);
        URI https = runtime().restAddress();
        URI http = URI.create("http://" + https.getHost() + ":" + https.getPort());
        FlinkDeployer plain = fixture.deployer();
        // when / then: a deployer without it cannot take the upgrade's savepoint
        assertThatThrownBy(
                        () ->
                                plain.apply(
                                        withTls(
                                                Specs.ordersImage(
                                                        "registry.example.com/orders:2.0"))))
                .hasMessageContaining("security.tls.rest")
                .hasMessageContaining("DeployOptions.restTls(RestTls.truststore(...))");
        assertThat(runtime().jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
        // and a client given the address as plain HTTP (as a Service resolves) says the same
        try (FlinkJobClient client = FlinkJobClient.connect(http, Duration.ofSeconds(5))) {
            assertThatThrownBy(client::listJobs)
                    .isInstanceOf(FlinkJobException.class)
                    .hasMessageContaining("If the deployment has security.tls.rest on")
                    .hasMessageContaining("DeployOptions.restTls(RestTls.truststore(...))");
        }
        try (FlinkJobClient client =
                FlinkJobClient.connect(http, Duration.ofSeconds(5), restTls())) {
            assertThat(client.listJobs()).hasSize(1);
        }
    }

    @Test
    void withMutualAuthATruststoreAloneIsRefusedByTheJobManager() {
        // given
        FlinkDeployer deployer = fixture.deployer(fixture.options().restTls(restTls()).build());
        deployer.apply(withTls(Specs.orders())).waitUntilRunning(WAIT);
        // when: a client that trusts the server but presents no certificate
        try (FlinkJobClient noCertificate =
                FlinkJobClient.connect(
                        runtime().restAddress(),
                        Duration.ofSeconds(5),
                        RestTls.truststore(truststore, PASSWORD))) {
            // then
            assertThatThrownBy(noCertificate::listJobs).isInstanceOf(FlinkJobException.class);
        }
    }

    @Test
    void theStatusViewReadsTheJobOverHttpsWithTheSameOption() {
        // given
        FlinkDeployer deployer = fixture.deployer(fixture.options().restTls(restTls()).build());
        deployer.apply(withTls(Specs.orders())).waitUntilRunning(WAIT);
        // when
        DeploymentStatusView view = deployer.statusView(StatusViewOptions.namespace(NS));
        DeploymentStatus status =
                view.await(
                        NS,
                        "orders",
                        s -> s.lifecycle() == Lifecycle.RUNNING && s.job() != null,
                        WAIT);
        // then
        assertThat(status.job().id()).isEqualTo(runtime().jobs().get(0).id().toHexString());
    }

    @Test
    void theEndpointAPersonOpensIsHttps() {
        // given
        FlinkDeploymentHandle orders =
                fixture.deployer(fixture.options().restTls(restTls()).build())
                        .apply(withTls(Specs.orders()));
        // when
        Endpoint endpoint = orders.endpoint();
        // then
        assertThat(endpoint.hint()).endsWith("then open https://localhost:8081/");
    }

    @Test
    void onTheOperatorTargetTlsIsRefusedBeforeAnyWrite() {
        // given
        FlinkDeploymentSpec spec = withTls(Specs.orders()).withTarget(RenderTarget.OPERATOR);
        fixture.cluster.requests().reset();
        // when / then
        assertThatThrownBy(() -> fixture.deployer().apply(spec))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("security.tls: is supported on target standalone only");
        assertThat(fixture.cluster.requests().writes()).isEmpty();
    }

    /** Every object but Secrets in the namespace as JSON, Events included. */
    private List<String> everythingButSecrets() {
        assertThat(fixture.cluster.find(Secret.class, NS, "orders-tls-password")).isPresent();
        return ClusterText.everythingButSecrets(fixture.cluster, NS);
    }
}
