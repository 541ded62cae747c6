package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Rules for {@code security}'s secrets: {@code secretConfiguration} (Flink option keys that are
 * safe file names, not set in {@code flinkConfiguration} too, not written by the SDK; Secret names
 * DNS-1123 subdomains and keys as Kubernetes accepts them; the standalone target only) and {@code
 * imagePullSecrets} (DNS-1123 subdomains, each once); no read-only root filesystem with the image's
 * {@code ENABLE_BUILT_IN_PLUGINS}, set in {@code env} or by {@code storage.objectStore}; {@code
 * tls} (the standalone target only, something turned on, its Secrets and keys named as Kubernetes
 * accepts them, no {@code security.ssl.*} option written by hand next to it). And the rules that
 * keep secret values out of the spec: a {@code flinkConfiguration} key Flink itself treats as
 * sensitive ({@link GlobalConfiguration#isSensitive}: its name contains {@code password}, {@code
 * secret}, {@code token}, {@code apikey}, {@code fs.azure.account.key}, ...) is refused, because
 * everything in {@code flinkConfiguration} is copied into the config ConfigMap, the FlinkDeployment
 * resource and the state record; its value is never shown in the violation. A few keys match
 * Flink's test by their name but hold no secret: {@link #NOT_SECRET} (Secret <em>references</em> of
 * Flink's native Kubernetes integration) and the {@code security.delegation.token*} switches and
 * timings; they are accepted.
 */
public final class SecurityRules {

    /** A Flink option key the start script may use as a file name and a YAML key. */
    static final String OPTION_KEY = "[A-Za-z0-9][-._A-Za-z0-9]*";

    private static final Pattern OPTION_KEY_PATTERN = Pattern.compile(OPTION_KEY);

    /** The official image's env var naming the plugins its entrypoint enables. */
    private static final String BUILT_IN_PLUGINS = "ENABLE_BUILT_IN_PLUGINS";

    private SecurityRules() {}

    public static void security(Checks checks, FlinkDeploymentSpec spec) {
        SecuritySpec security = spec.security();
        checks.at(
                "security",
                () -> {
                    secretConfiguration(checks, spec);
                    imagePullSecrets(checks, security);
                    readOnlyRoot(checks, spec);
                    tls(checks, spec);
                });
        tlsOptionsByHand(checks, spec);
    }

    // --- security.tls ---

    /** The prefix of Flink's TLS options, which {@code security.tls} writes. */
    static final String SSL_PREFIX = "security.ssl.";

    private static final Set<String> STORE_TYPES = Set.of("JKS", TlsSpec.PKCS12);

    /**
     * {@code security.tls}: the standalone target only (see the message), something turned on, the
     * Secret and its keys named as Kubernetes accepts them, the keystore's password key set.
     */
    private static void tls(Checks checks, FlinkDeploymentSpec spec) {
        TlsSpec tls = spec.security().tls();
        if (tls == null) {
            return;
        }
        if (spec.target() == RenderTarget.OPERATOR) {
            checks.report(
                    "tls",
                    "is supported on target standalone only: the Flink Kubernetes Operator builds"
                            + " its REST client and the cluster's configuration from the"
                            + " FlinkDeployment's flinkConfiguration, so the keystore and"
                            + " truststore passwords Flink needs would have to be written there in"
                            + " clear, and the operator copies them into a ConfigMap; it has no way"
                            + " to read them from a Secret. Use target standalone, where the"
                            + " passwords are merged from the Secret when the container starts",
                    null);
            return;
        }
        checks.at(
                "tls",
                () -> {
                    if (!tls.restEnabled() && !tls.internalEnabled()) {
                        checks.report(
                                "turns nothing on: set rest and/or internal to true, or leave tls"
                                        + " out",
                                null);
                    }
                    if (Boolean.TRUE.equals(tls.restMutualAuth()) && !tls.restEnabled()) {
                        checks.report(
                                "restMutualAuth",
                                "needs rest: true (it makes REST clients present a certificate)",
                                true);
                    }
                    secretName(checks, "secretName", tls.secretName(), true);
                    secretKey(checks, "keystoreKey", tls.keystoreKey(), false);
                    secretKey(checks, "truststoreKey", tls.truststoreKey(), false);
                    if (tls.keystoreKey() != null
                            && tls.keystoreKey().equals(tls.truststoreKey())) {
                        checks.report(
                                "truststoreKey",
                                "must differ from keystoreKey: both are files in "
                                        + TlsSpec.MOUNT_PATH,
                                tls.truststoreKey());
                    }
                    if (tls.storeType() != null && !STORE_TYPES.contains(tls.storeType())) {
                        checks.report("storeType", "must be JKS or PKCS12", tls.storeType());
                    }
                    secretName(checks, "passwordSecret", tls.passwordSecret(), false);
                    secretKey(checks, "keystorePasswordKey", tls.keystorePasswordKey(), true);
                    secretKey(checks, "keyPasswordKey", tls.keyPasswordKey(), false);
                    secretKey(checks, "truststorePasswordKey", tls.truststorePasswordKey(), false);
                });
    }

    private static void secretName(Checks checks, String field, String name, boolean required) {
        if (name == null) {
            if (required) {
                checks.report(
                        field, "must be set: the Secret with the keystore and truststore", null);
            }
        } else if (!KubernetesNames.isDnsSubdomain(name)) {
            checks.report(field, KubernetesNames.DNS_SUBDOMAIN_RULE, name);
        }
    }

    private static void secretKey(Checks checks, String field, String key, boolean required) {
        if (key == null) {
            if (required) {
                checks.report(
                        field,
                        "must be set: the password Secret's key holding the keystore's password",
                        null);
            }
        } else if (!KubernetesNames.isConfigMapKey(key)) {
            checks.report(field, KubernetesNames.CONFIG_MAP_KEY_RULE, key);
        }
    }

    /**
     * With {@code security.tls} on, Flink's TLS options ({@code security.ssl.*}) are its own: one
     * written by hand in {@code flinkConfiguration} or {@code security.secretConfiguration} is
     * refused (a secret one in {@code flinkConfiguration} is refused as a secret already).
     */
    private static void tlsOptionsByHand(Checks checks, FlinkDeploymentSpec spec) {
        if (spec.security().tls() == null || spec.target() == RenderTarget.OPERATOR) {
            return;
        }
        String why =
                "is written by security.tls; set TLS in one place: security.tls, or leave it"
                        + " out and write every security.ssl option yourself";
        checks.eachEntry(
                "flinkConfiguration",
                spec.flinkConfiguration(),
                (key, value) -> {
                    if (key.startsWith(SSL_PREFIX) && !isSecret(key)) {
                        checks.report(why, null);
                    }
                });
        checks.at(
                "security",
                () ->
                        checks.eachEntry(
                                "secretConfiguration",
                                spec.security().secretConfiguration(),
                                (key, ref) -> {
                                    if (key.startsWith(SSL_PREFIX)) {
                                        checks.report(why, null);
                                    }
                                }));
    }

    /**
     * The official image's entrypoint copies the plugins {@code ENABLE_BUILT_IN_PLUGINS} names into
     * {@code /opt/flink/plugins}, and exits when it cannot.
     */
    private static void readOnlyRoot(Checks checks, FlinkDeploymentSpec spec) {
        if (!Boolean.TRUE.equals(spec.security().readOnlyRootFilesystem())) {
            return;
        }
        if (spec.env().stream().anyMatch(e -> e != null && BUILT_IN_PLUGINS.equals(e.name()))) {
            checks.report(
                    "readOnlyRootFilesystem",
                    "cannot be on with env "
                            + BUILT_IN_PLUGINS
                            + ": the image's entrypoint copies those plugins into"
                            + " /opt/flink/plugins, which is then read-only, and exits; put the"
                            + " plugins in the image instead",
                    true);
        } else if (spec.storage() != null && spec.storage().objectStore() != null) {
            checks.report(
                    "readOnlyRootFilesystem",
                    "cannot be on with storage.objectStore, which enables the filesystem plugins"
                            + " through the image's "
                            + BUILT_IN_PLUGINS
                            + ": its entrypoint copies them into /opt/flink/plugins, which is then"
                            + " read-only, and exits; put the plugins in the image and leave"
                            + " storage.objectStore out (credentials through env from a Secret)",
                    true);
        }
    }

    private static void secretConfiguration(Checks checks, FlinkDeploymentSpec spec) {
        Map<String, KeyReference> secrets = spec.security().secretConfiguration();
        if (!secrets.isEmpty() && spec.target() == RenderTarget.OPERATOR) {
            checks.report(
                    "secretConfiguration",
                    "is supported on target standalone only: on the operator target Flink's"
                            + " native Kubernetes integration writes the container command and"
                            + " mounts its configuration read-only, so nothing can merge a Secret"
                            + " into it; take values Flink reads from the environment from a Secret"
                            + " with env[].valueFrom.secretKeyRef, or use target standalone",
                    null);
            return;
        }
        checks.eachEntry(
                "secretConfiguration",
                secrets,
                (key, ref) -> {
                    if (!OPTION_KEY_PATTERN.matcher(key).matches()) {
                        checks.report("key must be a Flink option key matching " + OPTION_KEY, key);
                        return;
                    }
                    if (spec.flinkConfiguration().containsKey(key)) {
                        checks.report(
                                "is also set in flinkConfiguration['"
                                        + key
                                        + "']; set it in one place",
                                null);
                    } else if (ManagedConfigKeys.ownedOption(key).isPresent()
                            || ManagedConfigKeys.derivedOption(key).isPresent()) {
                        checks.report(
                                "is written by the SDK into Flink's configuration and must not be"
                                        + " taken from a Secret",
                                null);
                    }
                    if (ref == null) {
                        checks.report("must not be null", null);
                    } else {
                        reference(checks, ref);
                    }
                });
    }

    private static void reference(Checks checks, KeyReference ref) {
        if (checks.required("name", ref.name(), "must be set: the Secret's name")
                && !KubernetesNames.isDnsSubdomain(ref.name())) {
            checks.report("name", KubernetesNames.DNS_SUBDOMAIN_RULE, ref.name());
        }
        if (checks.required("key", ref.key(), "must be set: the key within the Secret")
                && !KubernetesNames.isConfigMapKey(ref.key())) {
            checks.report("key", KubernetesNames.CONFIG_MAP_KEY_RULE, ref.key());
        }
    }

    private static void imagePullSecrets(Checks checks, SecuritySpec security) {
        Map<String, Integer> first = new HashMap<>();
        checks.eachItem(
                "imagePullSecrets",
                security.imagePullSecrets(),
                (name, index) -> {
                    if (name == null) {
                        checks.report("must not be null", null);
                    } else if (!KubernetesNames.isDnsSubdomain(name)) {
                        checks.report(KubernetesNames.DNS_SUBDOMAIN_RULE, name);
                    } else if (first.putIfAbsent(name, index) != null) {
                        checks.report(
                                "must be unique, imagePullSecrets["
                                        + first.get(name)
                                        + "] names the same Secret",
                                name);
                    }
                });
    }

    // --- secret values kept out of flinkConfiguration (Flink's own test of sensitivity) ---

    /** Keys Flink's test calls sensitive that name a Secret, never hold its value. */
    public static final Set<String> NOT_SECRET =
            Set.of("kubernetes.secrets", "kubernetes.env.secretKeyRef");

    /** The delegation token options are switches and timings, sensitive only by name. */
    private static final String DELEGATION_TOKENS = "security.delegation.token";

    /** Where a deployment takes a secret Flink option from instead. */
    public static final String DEPLOYMENT_INSTEAD =
            "take it from a Secret: security.secretConfiguration['%s'] (a Secret's key merged into"
                    + " Flink's configuration when the container starts), or env[].valueFrom"
                    + ".secretKeyRef where Flink reads it from the environment";

    /**
     * Whether {@code key}'s value is a secret by Flink's own test ({@link
     * GlobalConfiguration#isSensitive}), less the keys that only name one.
     */
    public static boolean isSecret(String key) {
        return key != null
                && GlobalConfiguration.isSensitive(key)
                && !NOT_SECRET.contains(key)
                && !key.toLowerCase(Locale.ROOT).startsWith(DELEGATION_TOKENS);
    }

    /**
     * Reports, at the current entry, a secret key set in a deployment's {@code flinkConfiguration};
     * returns whether it did. The value is not shown.
     */
    public static boolean refuseInDeployment(Checks checks, String key) {
        if (!isSecret(key)) {
            return false;
        }
        checks.report(
                "holds a secret (Flink treats the key as sensitive) and would be copied into the"
                        + " config ConfigMap and the state record; "
                        + DEPLOYMENT_INSTEAD.formatted(key),
                null);
        return true;
    }

    /**
     * Reports, at the current entry, a secret key set in a session job's {@code
     * flinkConfiguration}; returns whether it did. The value is not shown.
     */
    public static boolean refuseInSessionJob(Checks checks, String key) {
        if (!isSecret(key)) {
            return false;
        }
        checks.report(
                "holds a secret (Flink treats the key as sensitive) and would be copied into the"
                        + " FlinkSessionJob resource; set it on the session deployment's"
                        + " security.secretConfiguration instead",
                null);
        return true;
    }
}
