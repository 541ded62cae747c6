package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
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
 * {@code ENABLE_BUILT_IN_PLUGINS}, set in {@code env} or by {@code storage.objectStore}. And the
 * rules that keep secret values out of the spec: a {@code flinkConfiguration} key Flink itself
 * treats as sensitive ({@link GlobalConfiguration#isSensitive}: its name contains {@code password},
 * {@code secret}, {@code token}, {@code apikey}, {@code fs.azure.account.key}, ...) is refused,
 * because everything in {@code flinkConfiguration} is copied into the config ConfigMap, the
 * FlinkDeployment resource and the state record; its value is never shown in the violation. A few
 * keys match Flink's test by their name but hold no secret: {@link #NOT_SECRET} (Secret
 * <em>references</em> of Flink's native Kubernetes integration) and the {@code
 * security.delegation.token*} switches and timings; they are accepted.
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
                });
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
