package io.flinkk8s.sdk.core.spec.security;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TLS for Flink's REST endpoint and its internal traffic (RPC, blob server, data exchange between
 * TaskManagers), with the keystore and the truststore taken from a Secret (as cert-manager writes
 * one with {@code keystores.jks.create: true}: {@code keystore.jks}, {@code truststore.jks}) and
 * their passwords from a Secret's keys, never from the spec. Supported on target {@code
 * standalone}: the keystores are mounted read-only at {@value #MOUNT_PATH} and the passwords merged
 * into Flink's configuration when the container starts (as {@code security.secretConfiguration}),
 * so no password is in a ConfigMap, a resource, an annotation or a record the SDK writes.
 *
 * @param rest may be null, which means off: TLS on the REST endpoint (the web UI, the deployer's
 *     and the CLI's calls)
 * @param internal may be null, which means off: TLS with mutual authentication between the
 *     JobManager and the TaskManagers
 * @param restMutualAuth may be null, which means off: REST clients must present a certificate the
 *     truststore trusts (the deployer's {@code DeployOptions.restTls} then needs a keystore); the
 *     JobManager's probes then only open the port, as the kubelet has no client certificate
 * @param secretName the Secret holding the keystore and the truststore, in the deployment's
 *     namespace
 * @param keystoreKey may be null: the Secret's key of the keystore; {@value #JKS_KEYSTORE}, or
 *     {@value #PKCS12_KEYSTORE} with {@code storeType} {@code PKCS12}
 * @param truststoreKey may be null: the Secret's key of the truststore; {@value #JKS_TRUSTSTORE},
 *     or {@value #PKCS12_TRUSTSTORE} with {@code storeType} {@code PKCS12}
 * @param storeType may be null: {@code JKS} or {@code PKCS12}, written to Flink's {@code
 *     *-keystore-type} and {@code *-truststore-type} options (read by Flink 1.20 and later); unset,
 *     Flink takes the JVM's default type, which reads both
 * @param passwordSecret may be null: the Secret holding the passwords; {@code secretName}
 * @param keystorePasswordKey the password Secret's key holding the keystore's password
 * @param keyPasswordKey may be null: the password Secret's key holding the private key's password;
 *     {@code keystorePasswordKey}
 * @param truststorePasswordKey may be null: the password Secret's key holding the truststore's
 *     password; {@code keystorePasswordKey}
 */
public record TlsSpec(
        Boolean rest,
        Boolean internal,
        Boolean restMutualAuth,
        String secretName,
        String keystoreKey,
        String truststoreKey,
        String storeType,
        String passwordSecret,
        String keystorePasswordKey,
        String keyPasswordKey,
        String truststorePasswordKey) {

    /** Where the keystore and the truststore are mounted, read-only. */
    public static final String MOUNT_PATH = "/opt/flink/tls";

    /** The keystore's key with a JKS store or none given. */
    public static final String JKS_KEYSTORE = "keystore.jks";

    /** The truststore's key with a JKS store or none given. */
    public static final String JKS_TRUSTSTORE = "truststore.jks";

    /** The keystore's key with a PKCS12 store. */
    public static final String PKCS12_KEYSTORE = "keystore.p12";

    /** The truststore's key with a PKCS12 store. */
    public static final String PKCS12_TRUSTSTORE = "truststore.p12";

    /** The store type for PKCS12 files. */
    public static final String PKCS12 = "PKCS12";

    /**
     * REST TLS from the keystores of {@code secretName}, both passwords in its key {@code
     * passwordKey}; everything else defaulted.
     */
    public static TlsSpec rest(String secretName, String passwordKey) {
        return new TlsSpec(
                true, null, null, secretName, null, null, null, null, passwordKey, null, null);
    }

    /** Whether REST traffic is encrypted. */
    @JsonIgnore
    public boolean restEnabled() {
        return Boolean.TRUE.equals(rest);
    }

    /** Whether internal traffic is encrypted. */
    @JsonIgnore
    public boolean internalEnabled() {
        return Boolean.TRUE.equals(internal);
    }

    /** Whether REST clients must authenticate with a certificate (REST TLS on). */
    @JsonIgnore
    public boolean restMutualAuthEnabled() {
        return restEnabled() && Boolean.TRUE.equals(restMutualAuth);
    }

    /** Whether the stores are PKCS12 files. */
    @JsonIgnore
    public boolean pkcs12() {
        return storeType != null && PKCS12.equals(storeType.toUpperCase(Locale.ROOT));
    }

    /** The keystore's key, its default applied. */
    @JsonIgnore
    public String effectiveKeystoreKey() {
        return keystoreKey != null ? keystoreKey : pkcs12() ? PKCS12_KEYSTORE : JKS_KEYSTORE;
    }

    /** The truststore's key, its default applied. */
    @JsonIgnore
    public String effectiveTruststoreKey() {
        return truststoreKey != null
                ? truststoreKey
                : pkcs12() ? PKCS12_TRUSTSTORE : JKS_TRUSTSTORE;
    }

    /** The Secret of the passwords, its default applied. */
    @JsonIgnore
    public String effectivePasswordSecret() {
        return passwordSecret != null ? passwordSecret : secretName;
    }

    /** The keystore's path in the containers. */
    @JsonIgnore
    public String keystorePath() {
        return MOUNT_PATH + "/" + effectiveKeystoreKey();
    }

    /** The truststore's path in the containers. */
    @JsonIgnore
    public String truststorePath() {
        return MOUNT_PATH + "/" + effectiveTruststoreKey();
    }

    /**
     * The password options Flink reads for each enabled channel ({@code
     * security.ssl.rest.keystore-password}, ...), each to the key of {@link
     * #effectivePasswordSecret()} holding its value, in a stable order; empty when nothing is on.
     */
    @JsonIgnore
    public Map<String, String> passwordOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        String keystore = keystorePasswordKey;
        String key = keyPasswordKey != null ? keyPasswordKey : keystorePasswordKey;
        String truststore =
                truststorePasswordKey != null ? truststorePasswordKey : keystorePasswordKey;
        for (String channel : channels()) {
            String prefix = "security.ssl." + channel + ".";
            options.put(prefix + "keystore-password", keystore);
            options.put(prefix + "key-password", key);
            options.put(prefix + "truststore-password", truststore);
        }
        return options;
    }

    /** {@code rest} and {@code internal}, those that are on. */
    private List<String> channels() {
        List<String> channels = new ArrayList<>(2);
        if (restEnabled()) {
            channels.add("rest");
        }
        if (internalEnabled()) {
            channels.add("internal");
        }
        return channels;
    }
}
