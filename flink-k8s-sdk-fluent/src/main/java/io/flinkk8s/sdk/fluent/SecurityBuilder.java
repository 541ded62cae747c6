package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;

/**
 * Builds the {@link SecuritySpec} part of a deployment: which Pod Security Standard the pods are
 * built to pass and which user they run as. Unless {@link #unrestricted()} is called, pods pass the
 * Kubernetes {@code restricted} standard. Obtained in {@code FlinkDeploymentBuilder.security(s ->
 * ...)}.
 *
 * <p>Mutable and not thread-safe.
 */
public final class SecurityBuilder {

    private PodSecurity podSecurity;
    private Long runAsUser;
    private Long runAsGroup;
    private Long fsGroup;

    SecurityBuilder(SecuritySpec spec) {
        podSecurity = spec.podSecurity();
        runAsUser = spec.runAsUser();
        runAsGroup = spec.runAsGroup();
        fsGroup = spec.fsGroup();
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

    SecuritySpec build() {
        return new SecuritySpec(podSecurity, runAsUser, runAsGroup, fsGroup);
    }
}
