package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for {@code security}'s secrets: {@code secretConfiguration} (Flink option keys that are
 * safe file names, not set in {@code flinkConfiguration} too, not written by the SDK; Secret names
 * DNS-1123 subdomains and keys as Kubernetes accepts them; the standalone target only) and {@code
 * imagePullSecrets} (DNS-1123 subdomains, each once); no read-only root filesystem with the image's
 * {@code ENABLE_BUILT_IN_PLUGINS}, set in {@code env} or by {@code storage.objectStore}.
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
}
