package io.flinkk8s.sdk.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.flinkk8s.sdk.core.internal.Copies;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pod security and secrets. By default every rendered pod passes the Kubernetes {@code restricted}
 * Pod Security Standard and runs as the official image's {@code flink} user (uid/gid 9999).
 *
 * <p>Secret values never enter the spec: a Flink option that holds one (Flink's own test of
 * sensitivity: {@code s3.secret-key}, {@code *.password}, ...) is refused in {@code
 * flinkConfiguration} and taken from a Secret through {@code secretConfiguration} instead.
 *
 * @param podSecurity may be null: filled by {@link SpecDefaults} ({@link PodSecurity#RESTRICTED});
 *     {@link PodSecurity#NONE} opts out
 * @param runAsUser may be null: filled by {@link SpecDefaults} (9999)
 * @param runAsGroup may be null: filled by {@link SpecDefaults} (9999)
 * @param fsGroup may be null: filled by {@link SpecDefaults} (9999)
 * @param secretConfiguration Flink option key → the Secret key holding its value; never null. On
 *     the standalone target the Secret's keys are mounted as files and appended to a writable copy
 *     of Flink's configuration file when the container starts, so the value is in no ConfigMap,
 *     resource, annotation or record the SDK writes
 * @param imagePullSecrets names of Secrets of type {@code kubernetes.io/dockerconfigjson} in the
 *     deployment's namespace, to pull the image of both pods; never null
 * @param readOnlyRootFilesystem may be null, which means off (as {@code false}); when true the main
 *     containers' root filesystem is read-only and the SDK mounts writable volumes where Flink
 *     writes
 * @param tls may be null, which means off: TLS for REST and internal traffic with keystores and
 *     passwords from Secrets (target standalone)
 */
public record SecuritySpec(
        PodSecurity podSecurity,
        Long runAsUser,
        Long runAsGroup,
        Long fsGroup,
        Map<String, KeyReference> secretConfiguration,
        List<String> imagePullSecrets,
        Boolean readOnlyRootFilesystem,
        TlsSpec tls) {

    /** Normalises only: sorted copies of the map, copies of the list, empty for null. */
    public SecuritySpec {
        secretConfiguration = Copies.sortedMap(secretConfiguration);
        imagePullSecrets = Copies.list(imagePullSecrets);
    }

    /** Everything but TLS, which is off. */
    public SecuritySpec(
            PodSecurity podSecurity,
            Long runAsUser,
            Long runAsGroup,
            Long fsGroup,
            Map<String, KeyReference> secretConfiguration,
            List<String> imagePullSecrets,
            Boolean readOnlyRootFilesystem) {
        this(
                podSecurity,
                runAsUser,
                runAsGroup,
                fsGroup,
                secretConfiguration,
                imagePullSecrets,
                readOnlyRootFilesystem,
                null);
    }

    /** The pod security settings only: no secret configuration, no pull secrets. */
    public SecuritySpec(PodSecurity podSecurity, Long runAsUser, Long runAsGroup, Long fsGroup) {
        this(podSecurity, runAsUser, runAsGroup, fsGroup, Map.of(), List.of(), null, null);
    }

    /** Nothing set; {@link SpecDefaults} makes it restricted. */
    public static SecuritySpec unset() {
        return new SecuritySpec(null, null, null, null);
    }

    /** A copy with {@code secretConfiguration} replaced; null means none. */
    public SecuritySpec withSecretConfiguration(Map<String, KeyReference> secretConfiguration) {
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

    /** A copy with {@code imagePullSecrets} replaced; null means none. */
    public SecuritySpec withImagePullSecrets(List<String> imagePullSecrets) {
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

    /** A copy with {@code readOnlyRootFilesystem} replaced; null means the default (off). */
    public SecuritySpec withReadOnlyRootFilesystem(Boolean readOnlyRootFilesystem) {
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

    /** A copy with {@code tls} replaced; null means off. */
    public SecuritySpec withTls(TlsSpec tls) {
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

    /**
     * Every Flink option taken from a Secret when the container starts: {@code secretConfiguration}
     * and, with {@code tls}, the keystore, key and truststore passwords of each encrypted channel;
     * sorted by option.
     */
    @JsonIgnore
    public Map<String, KeyReference> secretOptions() {
        if (tls == null) {
            return secretConfiguration;
        }
        Map<String, KeyReference> options = new TreeMap<>(secretConfiguration);
        String secret = tls.effectivePasswordSecret();
        tls.passwordOptions()
                .forEach(
                        (option, key) ->
                                options.putIfAbsent(option, new KeyReference(secret, key)));
        return options;
    }
}
