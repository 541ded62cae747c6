package io.flinkk8s.sdk.core.validation.internal;

import java.util.Locale;
import java.util.Set;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Rules that keep secret values out of the spec: a {@code flinkConfiguration} key Flink itself
 * treats as sensitive ({@link GlobalConfiguration#isSensitive}: its name contains {@code password},
 * {@code secret}, {@code token}, {@code apikey}, {@code fs.azure.account.key}, ...) is refused,
 * because everything in {@code flinkConfiguration} is copied into the config ConfigMap, the
 * FlinkDeployment resource and the state record. Its value is never shown in the violation.
 *
 * <p>A few keys match Flink's test by their name but hold no secret: {@link #NOT_SECRET} (Secret
 * <em>references</em> of Flink's native Kubernetes integration) and the {@code
 * security.delegation.token*} switches and timings; they are accepted.
 */
public final class SecretRules {

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

    private SecretRules() {}

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
