package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.KeyReference;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds the {@link SecuritySpec} part of a deployment: which Pod Security Standard the pods are
 * built to pass and which user they run as, the Flink options taken from Secrets, image pull
 * Secrets, a read-only root filesystem and TLS. Unless {@link #unrestricted()} is called, pods pass
 * the Kubernetes {@code restricted} standard. Obtained in {@code FlinkDeploymentBuilder.security(s
 * -> ...)}.
 *
 * <p>Mutable and not thread-safe.
 */
public final class SecurityBuilder {

    private PodSecurity podSecurity;
    private Long runAsUser;
    private Long runAsGroup;
    private Long fsGroup;
    private final Map<String, KeyReference> secretConfiguration;
    private final List<String> imagePullSecrets;
    private Boolean readOnlyRootFilesystem;
    private TlsSpec tls;

    SecurityBuilder(SecuritySpec spec) {
        podSecurity = spec.podSecurity();
        runAsUser = spec.runAsUser();
        runAsGroup = spec.runAsGroup();
        fsGroup = spec.fsGroup();
        secretConfiguration = new LinkedHashMap<>(spec.secretConfiguration());
        imagePullSecrets = new ArrayList<>(spec.imagePullSecrets());
        readOnlyRootFilesystem = spec.readOnlyRootFilesystem();
        tls = spec.tls();
    }

    /**
     * Builds pods to pass the {@code restricted} Pod Security Standard (non-root, no privilege
     * escalation, all capabilities dropped, RuntimeDefault seccomp), stated explicitly.
     */
    public SecurityBuilder restricted() {
        this.podSecurity = PodSecurity.RESTRICTED;
        return this;
    }

    /**
     * Opts out of the {@code restricted} Pod Security Standard: no security context is rendered,
     * and the caller takes responsibility through the pod template or cluster policy.
     */
    public SecurityBuilder unrestricted() {
        this.podSecurity = PodSecurity.NONE;
        return this;
    }

    /** Runs the containers as user {@code uid}. */
    public SecurityBuilder runAsUser(long uid) {
        this.runAsUser = uid;
        return this;
    }

    /** Runs the containers with primary group {@code gid}. */
    public SecurityBuilder runAsGroup(long gid) {
        this.runAsGroup = gid;
        return this;
    }

    /** Gives mounted volumes to group {@code gid}. */
    public SecurityBuilder fsGroup(long gid) {
        this.fsGroup = gid;
        return this;
    }

    /**
     * Takes the Flink option {@code key} (e.g. {@code s3.secret-key}, {@code
     * security.ssl.rest.keystore-password}) from {@code secretKey} of Secret {@code secretName}
     * instead of {@code flinkConfiguration}, which refuses options that hold secrets. The value is
     * merged into Flink's configuration when the container starts (standalone target); it is never
     * in an object the SDK writes. Replaces an earlier call for the same key.
     */
    public SecurityBuilder secretConfiguration(String key, String secretName, String secretKey) {
        secretConfiguration.put(key, new KeyReference(secretName, secretKey));
        return this;
    }

    /** Adds Secrets ({@code kubernetes.io/dockerconfigjson}) to pull the image of both pods. */
    public SecurityBuilder imagePullSecrets(String... secretNames) {
        imagePullSecrets.addAll(Arrays.asList(secretNames));
        return this;
    }

    /**
     * Makes the main containers' root filesystem read-only; the SDK mounts writable volumes where
     * Flink writes ({@code /tmp}, the log dir, the artifacts dir and a copy of the conf dir).
     */
    public SecurityBuilder readOnlyRootFilesystem() {
        this.readOnlyRootFilesystem = true;
        return this;
    }

    /**
     * Turns on TLS for REST and/or internal traffic with keystores and passwords from Secrets
     * (target standalone), on top of an earlier call.
     *
     * @param tls e.g. {@code t -> t.rest().secret("flink-tls").passwordKey("password")}
     */
    public SecurityBuilder tls(Consumer<TlsBuilder> tls) {
        TlsBuilder b = new TlsBuilder(this.tls);
        Objects.requireNonNull(tls, "tls").accept(b);
        this.tls = b.build();
        return this;
    }

    /** Replaces the TLS settings with {@code tls}; {@code null} turns TLS off. */
    public SecurityBuilder tls(TlsSpec tls) {
        this.tls = tls;
        return this;
    }

    SecuritySpec build() {
        return new SecuritySpec(
                podSecurity,
                runAsUser,
                runAsGroup,
                fsGroup,
                secretConfiguration,
                imagePullSecrets,
                readOnlyRootFilesystem,
                tls);
    }
}
