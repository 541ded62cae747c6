package io.flinkk8s.sdk.core.flink;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.SecurityOptions;

/**
 * How a REST client of the SDK talks to a JobManager whose REST endpoint serves TLS ({@code
 * security.tls.rest}): the truststore that trusts the JobManager's certificate and, when the
 * deployment has {@code restMutualAuth}, the keystore with the client's own certificate. The files
 * are read from the caller's file system when a client is made; the passwords are handed to Flink's
 * {@code RestClient} only: they are not logged, not written anywhere, and not in {@link
 * #toString()}.
 *
 * <pre>{@code
 * DeployOptions.builder()
 *     .restTls(RestTls.truststore(Path.of("/etc/flink-tls/truststore.jks"), password))
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RestTls {

    private final Path truststore;
    private final String truststorePassword;
    private final Path keystore;
    private final String keystorePassword;
    private final String keyPassword;
    private final String storeType;

    private RestTls(
            Path truststore,
            String truststorePassword,
            Path keystore,
            String keystorePassword,
            String keyPassword,
            String storeType) {
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
        this.keyPassword = keyPassword;
        this.storeType = storeType;
    }

    /**
     * TLS trusting the certificates of the truststore at {@code path} (e.g. the {@code
     * truststore.jks} of the deployment's TLS Secret, or one holding its CA).
     */
    public static RestTls truststore(Path path, String password) {
        return new RestTls(
                Objects.requireNonNull(path, "path"),
                Objects.requireNonNull(password, "password"),
                null,
                null,
                null,
                null);
    }

    /**
     * A copy that presents the client certificate of the keystore at {@code path} (its private key
     * under the same password), for a deployment with {@code restMutualAuth}.
     */
    public RestTls withKeystore(Path path, String password) {
        return withKeystore(path, password, password);
    }

    /** A copy that presents the client certificate of the keystore at {@code path}. */
    public RestTls withKeystore(Path path, String password, String keyPassword) {
        return new RestTls(
                truststore,
                truststorePassword,
                Objects.requireNonNull(path, "path"),
                Objects.requireNonNull(password, "password"),
                Objects.requireNonNull(keyPassword, "keyPassword"),
                storeType);
    }

    /**
     * A copy with the stores' type ({@code JKS}, {@code PKCS12}); unset, the JVM's default type,
     * which reads both.
     */
    public RestTls withStoreType(String storeType) {
        return new RestTls(
                truststore,
                truststorePassword,
                keystore,
                keystorePassword,
                keyPassword,
                Objects.requireNonNull(storeType, "storeType"));
    }

    /** The truststore's path. */
    public Path truststorePath() {
        return truststore;
    }

    /** Whether a client certificate is presented. */
    public boolean presentsClientCertificate() {
        return keystore != null;
    }

    /**
     * Sets Flink's REST client options for this TLS on {@code configuration}: {@code
     * security.ssl.rest.enabled}, the truststore and, with a keystore, the keystore and {@code
     * security.ssl.rest.authentication-enabled}.
     */
    public void configure(Configuration configuration) {
        configuration.set(SecurityOptions.SSL_REST_ENABLED, true);
        configuration.set(SecurityOptions.SSL_REST_TRUSTSTORE, truststore.toString());
        configuration.set(SecurityOptions.SSL_REST_TRUSTSTORE_PASSWORD, truststorePassword);
        if (keystore != null) {
            configuration.set(SecurityOptions.SSL_REST_AUTHENTICATION_ENABLED, true);
            configuration.set(SecurityOptions.SSL_REST_KEYSTORE, keystore.toString());
            configuration.set(SecurityOptions.SSL_REST_KEYSTORE_PASSWORD, keystorePassword);
            configuration.set(SecurityOptions.SSL_REST_KEY_PASSWORD, keyPassword);
        }
        if (storeType != null) {
            configuration.set(SecurityOptions.SSL_REST_TRUSTSTORE_TYPE, storeType);
            configuration.set(SecurityOptions.SSL_REST_KEYSTORE_TYPE, storeType);
        }
    }

    /** The stores' paths, never the passwords. */
    @Override
    public String toString() {
        return "RestTls[truststore="
                + truststore
                + (keystore == null ? "" : ", keystore=" + keystore)
                + (storeType == null ? "" : ", storeType=" + storeType)
                + "]";
    }
}
