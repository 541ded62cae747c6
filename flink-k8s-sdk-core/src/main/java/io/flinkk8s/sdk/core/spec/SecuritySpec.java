package io.flinkk8s.sdk.core.spec;

/**
 * Pod security. By default every rendered pod passes the Kubernetes {@code restricted} Pod Security
 * Standard and runs as the official image's {@code flink} user (uid/gid 9999).
 *
 * @param podSecurity may be null: filled by {@link SpecDefaults} ({@link PodSecurity#RESTRICTED});
 *     {@link PodSecurity#NONE} opts out
 * @param runAsUser may be null: filled by {@link SpecDefaults} (9999)
 * @param runAsGroup may be null: filled by {@link SpecDefaults} (9999)
 * @param fsGroup may be null: filled by {@link SpecDefaults} (9999)
 */
public record SecuritySpec(PodSecurity podSecurity, Long runAsUser, Long runAsGroup, Long fsGroup) {

    /** Nothing set; {@link SpecDefaults} makes it restricted. */
    public static SecuritySpec unset() {
        return new SecuritySpec(null, null, null, null);
    }
}
