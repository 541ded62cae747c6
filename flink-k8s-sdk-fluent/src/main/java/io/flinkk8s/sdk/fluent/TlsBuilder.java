package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.security.TlsSpec;

/**
 * Builds the {@link TlsSpec} of a deployment's security: which traffic is encrypted, the Secret of
 * the keystore and the truststore, and the Secret keys of their passwords (never the passwords).
 * Obtained in {@code security(s -> s.tls(t -> ...))}:
 *
 * <pre>{@code
 * .security(s -> s.tls(t -> t.rest().internal()
 *         .secret("orders-tls")                        // keystore.jks, truststore.jks
 *         .passwords("orders-tls-password", "password")))
 * }</pre>
 *
 * <p>Mutable and not thread-safe.
 */
public final class TlsBuilder {

    private Boolean rest;
    private Boolean internal;
    private Boolean restMutualAuth;
    private String secretName;
    private String keystoreKey;
    private String truststoreKey;
    private String storeType;
    private String passwordSecret;
    private String keystorePasswordKey;
    private String keyPasswordKey;
    private String truststorePasswordKey;

    TlsBuilder(TlsSpec spec) {
        if (spec != null) {
            rest = spec.rest();
            internal = spec.internal();
            restMutualAuth = spec.restMutualAuth();
            secretName = spec.secretName();
            keystoreKey = spec.keystoreKey();
            truststoreKey = spec.truststoreKey();
            storeType = spec.storeType();
            passwordSecret = spec.passwordSecret();
            keystorePasswordKey = spec.keystorePasswordKey();
            keyPasswordKey = spec.keyPasswordKey();
            truststorePasswordKey = spec.truststorePasswordKey();
        }
    }

    /** Encrypts the REST endpoint (web UI, CLI and deployer calls). */
    public TlsBuilder rest() {
        this.rest = true;
        return this;
    }

    /**
     * Encrypts the REST endpoint and makes clients authenticate with a certificate the truststore
     * trusts; the JobManager's probes then only open the port.
     */
    public TlsBuilder restWithMutualAuth() {
        this.rest = true;
        this.restMutualAuth = true;
        return this;
    }

    /** Encrypts the JobManager–TaskManager traffic (RPC, blobs, data), mutually authenticated. */
    public TlsBuilder internal() {
        this.internal = true;
        return this;
    }

    /**
     * The Secret holding the keystore and the truststore under the default keys ({@code
     * keystore.jks}, {@code truststore.jks}; {@code keystore.p12}, {@code truststore.p12} with
     * {@link #pkcs12()}).
     */
    public TlsBuilder secret(String secretName) {
        this.secretName = secretName;
        return this;
    }

    /** The Secret's keys of the keystore and the truststore. */
    public TlsBuilder keys(String keystoreKey, String truststoreKey) {
        this.keystoreKey = keystoreKey;
        this.truststoreKey = truststoreKey;
        return this;
    }

    /** The stores are PKCS12 files. */
    public TlsBuilder pkcs12() {
        this.storeType = TlsSpec.PKCS12;
        return this;
    }

    /** The key of the TLS Secret that holds the one password of keystore, key and truststore. */
    public TlsBuilder passwordKey(String key) {
        this.keystorePasswordKey = key;
        return this;
    }

    /** The Secret and its key that hold the one password of keystore, key and truststore. */
    public TlsBuilder passwords(String secretName, String key) {
        this.passwordSecret = secretName;
        this.keystorePasswordKey = key;
        return this;
    }

    /**
     * The keys (of the password Secret) of the keystore's, the private key's and the truststore's
     * passwords, where they differ.
     */
    public TlsBuilder passwordKeys(String keystore, String key, String truststore) {
        this.keystorePasswordKey = keystore;
        this.keyPasswordKey = key;
        this.truststorePasswordKey = truststore;
        return this;
    }

    TlsSpec build() {
        return new TlsSpec(
                rest,
                internal,
                restMutualAuth,
                secretName,
                keystoreKey,
                truststoreKey,
                storeType,
                passwordSecret,
                keystorePasswordKey,
                keyPasswordKey,
                truststorePasswordKey);
    }
}
