package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.error.Violation;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import io.flinkk8s.sdk.core.validation.internal.KubernetesNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityRulesTest {

    private static final String MARKER = "hunter2-marker";

    private static FlinkDeploymentSpec withConfig(Map<String, String> configuration) {
        return Specs.statefulHa().edit().flinkConfiguration(configuration).build();
    }

    private static FlinkDeploymentSpec withSecurity(SecuritySpec security) {
        return Specs.statefulHa().edit().security(security).build();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3.secret-key",
                "security.ssl.rest.keystore-password",
                "fs.azure.account.key.acc.blob.core.windows.net",
                "metrics.reporter.dghttp.apikey",
                "gs.auth.service-key"
            })
    void refusesASensitiveKeyInFlinkConfigurationWithoutShowingItsValue(String key) {
        List<String> violations = Violations.of(withConfig(Map.of(key, MARKER)));

        assertThat(violations)
                .containsExactly(
                        "flinkConfiguration['"
                                + key
                                + "']: holds a secret (Flink treats the key as sensitive) and"
                                + " would be copied into the config ConfigMap and the state"
                                + " record; take it from a Secret:"
                                + " security.secretConfiguration['"
                                + key
                                + "'] (a Secret's key merged into Flink's configuration when the"
                                + " container starts), or env[].valueFrom.secretKeyRef where"
                                + " Flink reads it from the environment");
        assertThat(SpecValidator.validate(withConfig(Map.of(key, MARKER))).violations())
                .extracting(Violation::rejectedValue)
                .containsOnlyNulls();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3.access-key",
                "kubernetes.secrets",
                "kubernetes.env.secretKeyRef",
                "security.delegation.tokens.enabled"
            })
    void acceptsKeysThatOnlyNameASecretOrAreNotSensitive(String key) {
        String value = key.endsWith("enabled") ? "false" : "creds:/opt/creds";

        assertThat(Violations.of(withConfig(Map.of(key, value)))).isEmpty();
    }

    @Test
    void refusesASensitiveKeyInASessionJobsFlinkConfiguration() {
        FlinkSessionJobSpec job =
                FlinkSessionJobSpec.named("clicks")
                        .edit()
                        .deploymentName("analytics")
                        .job(
                                JobSpec.ofJar("https://repo.example.com/clicks.jar")
                                        .withParallelism(2))
                        .flinkConfiguration(Map.of("s3.secret-key", MARKER))
                        .build();

        assertThat(SessionJobValidator.validate(job).violations())
                .extracting(Violation::toString)
                .containsExactly(
                        "flinkConfiguration['s3.secret-key']: holds a secret (Flink treats the key"
                                + " as sensitive) and would be copied into the FlinkSessionJob"
                                + " resource; set it on the session deployment's"
                                + " security.secretConfiguration instead");
    }

    @Test
    void acceptsSecretConfigurationAndPullSecretsWithValidNames() {
        SecuritySpec security =
                SecuritySpec.unset()
                        .withSecretConfiguration(
                                Map.of(
                                        "s3.secret-key", new KeyReference("s3-creds", "secret-key"),
                                        "s3.access-key",
                                                new KeyReference("s3-creds", "access-key")))
                        .withImagePullSecrets(List.of("registry-creds"));

        assertThat(Violations.of(withSecurity(security))).isEmpty();
    }

    @Test
    void reportsEverySecretConfigurationAndPullSecretViolationWithItsPath() {
        SecuritySpec security =
                SecuritySpec.unset()
                        .withSecretConfiguration(
                                Map.of(
                                        "execution.checkpointing.num-retained",
                                        new KeyReference("Creds", "a/b"),
                                        "jobmanager.rpc.address",
                                        new KeyReference("creds", "k"),
                                        "../escape",
                                        new KeyReference("creds", "k"),
                                        "s3.secret-key",
                                        new KeyReference(null, null)))
                        .withImagePullSecrets(List.of("registry", "Registry_2", "registry"));
        FlinkDeploymentSpec spec = withSecurity(security);

        String subdomain =
                "must be a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.', starting and"
                        + " ending with an alphanumeric) of at most 253 characters";
        String numRetained = "security.secretConfiguration['execution.checkpointing.num-retained']";

        assertThat(Violations.of(spec))
                .containsExactly(
                        "security.secretConfiguration['../escape']: key must be a Flink option key"
                                + " matching [A-Za-z0-9][-._A-Za-z0-9]*, was '../escape'",
                        numRetained
                                + ": is also set in"
                                + " flinkConfiguration['execution.checkpointing.num-retained'];"
                                + " set it in one place",
                        numRetained + ".name: " + subdomain + ", was 'Creds'",
                        numRetained
                                + ".key: must match [-._a-zA-Z0-9]+ and be at most 253 characters,"
                                + " was 'a/b'",
                        "security.secretConfiguration['jobmanager.rpc.address']: is written by the"
                                + " SDK into Flink's configuration and must not be taken from a"
                                + " Secret",
                        "security.secretConfiguration['s3.secret-key'].name: must be set: the"
                                + " Secret's name",
                        "security.secretConfiguration['s3.secret-key'].key: must be set: the key"
                                + " within the Secret",
                        "security.imagePullSecrets[1]: " + subdomain + ", was 'Registry_2'",
                        "security.imagePullSecrets[2]: must be unique, imagePullSecrets[0] names"
                                + " the same Secret, was 'registry'");
    }

    @Test
    void refusesAReadOnlyRootWithTheImagesBuiltInPluginsCopy() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .env(List.of(EnvVarSpec.literal("ENABLE_BUILT_IN_PLUGINS", "x.jar")))
                        .security(SecuritySpec.unset().withReadOnlyRootFilesystem(true))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "security.readOnlyRootFilesystem: cannot be on with env"
                                + " ENABLE_BUILT_IN_PLUGINS: the image's entrypoint copies those"
                                + " plugins into /opt/flink/plugins, which is then read-only, and"
                                + " exits; put the plugins in the image instead, was true");
    }

    @Test
    void refusesAReadOnlyRootWithAnObjectStoreWhosePluginsTheImageWouldCopy() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .storage(
                                StoragePolicy.none()
                                        .withObjectStore(ObjectStoreSpec.withSecret("s3")))
                        .security(SecuritySpec.unset().withReadOnlyRootFilesystem(true))
                        .build();

        assertThat(Violations.of(spec))
                .contains(
                        "security.readOnlyRootFilesystem: cannot be on with storage.objectStore,"
                                + " which enables the filesystem plugins through the image's"
                                + " ENABLE_BUILT_IN_PLUGINS: its entrypoint copies them into"
                                + " /opt/flink/plugins, which is then read-only, and exits; put the"
                                + " plugins in the image and leave storage.objectStore out"
                                + " (credentials through env from a Secret), was true");
    }

    @Test
    void refusesSecretConfigurationOnTheOperatorTarget() {
        FlinkDeploymentSpec spec =
                withSecurity(
                                SecuritySpec.unset()
                                        .withSecretConfiguration(
                                                Map.of(
                                                        "s3.secret-key",
                                                        new KeyReference("s3-creds", "key"))))
                        .withTarget(RenderTarget.OPERATOR);

        assertThat(Violations.of(spec))
                .filteredOn(v -> v.startsWith("security."))
                .singleElement()
                .asString()
                .startsWith(
                        "security.secretConfiguration: is supported on target standalone only:");
    }

    // --- security.tls ---

    private static FlinkDeploymentSpec withTls(TlsSpec tls) {
        FlinkDeploymentSpec spec = Specs.statefulHa();
        return spec.edit().security(spec.security().withTls(tls)).build();
    }

    @Test
    void acceptsRestAndInternalTlsFromSecrets() {
        assertThat(
                        Violations.of(
                                withTls(
                                        new TlsSpec(
                                                true,
                                                true,
                                                true,
                                                "orders-tls",
                                                null,
                                                null,
                                                "PKCS12",
                                                "orders-tls-password",
                                                "password",
                                                null,
                                                null))))
                .isEmpty();
    }

    @Test
    void reportsEveryMissingOrMalformedTlsFieldWithItsPath() {
        TlsSpec tls =
                new TlsSpec(
                        false,
                        null,
                        true,
                        null,
                        "Bad Key",
                        "Bad Key",
                        "BKS",
                        "Not_A_Name",
                        null,
                        "ok-key",
                        "bad/key");

        assertThat(Violations.of(withTls(tls)))
                .containsExactly(
                        "security.tls: turns nothing on: set rest and/or internal to true, or"
                                + " leave tls out",
                        "security.tls.restMutualAuth: needs rest: true (it makes REST clients"
                                + " present a certificate), was true",
                        "security.tls.secretName: must be set: the Secret with the keystore and"
                                + " truststore",
                        "security.tls.keystoreKey: "
                                + KubernetesNames.CONFIG_MAP_KEY_RULE
                                + ", was 'Bad Key'",
                        "security.tls.truststoreKey: "
                                + KubernetesNames.CONFIG_MAP_KEY_RULE
                                + ", was 'Bad Key'",
                        "security.tls.truststoreKey: must differ from keystoreKey: both are files"
                                + " in /opt/flink/tls, was 'Bad Key'",
                        "security.tls.storeType: must be JKS or PKCS12, was 'BKS'",
                        "security.tls.passwordSecret: "
                                + KubernetesNames.DNS_SUBDOMAIN_RULE
                                + ", was 'Not_A_Name'",
                        "security.tls.keystorePasswordKey: must be set: the password Secret's key"
                                + " holding the keystore's password",
                        "security.tls.truststorePasswordKey: "
                                + KubernetesNames.CONFIG_MAP_KEY_RULE
                                + ", was 'bad/key'");
    }

    @Test
    void refusesTlsOptionsWrittenByHandNextToSecurityTls() {
        FlinkDeploymentSpec spec =
                withTls(TlsSpec.rest("orders-tls", "password"))
                        .edit()
                        .flinkConfiguration(
                                Map.of(
                                        "security.ssl.rest.enabled", "true",
                                        "security.ssl.algorithms", "TLS_AES_128_GCM_SHA256"))
                        .build();
        spec =
                spec.edit()
                        .security(
                                spec.security()
                                        .withSecretConfiguration(
                                                Map.of(
                                                        "security.ssl.internal.key-password",
                                                        new KeyReference("x", "y"))))
                        .build();
        String why =
                "is written by security.tls; set TLS in one place: security.tls, or leave it out"
                        + " and write every security.ssl option yourself";

        assertThat(Violations.of(spec))
                .containsExactly(
                        "flinkConfiguration['security.ssl.algorithms']: " + why,
                        "flinkConfiguration['security.ssl.rest.enabled']: " + why,
                        "security.secretConfiguration['security.ssl.internal.key-password']: "
                                + why);
    }

    @Test
    void refusesTlsOnTheOperatorTargetSayingWhyAndWhatToUse() {
        FlinkDeploymentSpec spec =
                withTls(TlsSpec.rest("orders-tls", "password")).withTarget(RenderTarget.OPERATOR);

        assertThat(Violations.of(spec))
                .containsExactly(
                        "security.tls: is supported on target standalone only: the Flink"
                                + " Kubernetes Operator builds its REST client and the cluster's"
                                + " configuration from the FlinkDeployment's flinkConfiguration,"
                                + " so the keystore and truststore passwords Flink needs would"
                                + " have to be written there in clear, and the operator copies"
                                + " them into a ConfigMap; it has no way to read them from a"
                                + " Secret. Use target standalone, where the passwords are merged"
                                + " from the Secret when the container starts");
    }
}
