package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.Probe;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one {@link ProbeSpec}: what the probe checks and how often. Obtained in {@code
 * ProbesBuilder}'s methods, e.g. {@code p.jobManagerLiveness(l -> l.period(Duration.ofSeconds(30))
 * .failureThreshold(6))}; what is not set keeps the SDK's default for that probe (core's {@code
 * SpecDefaults}). Named so, not {@code ProbeBuilder}, to keep clear of fabric8's class.
 *
 * <p>The check methods ({@link #httpGet}, {@link #tcpSocket}, {@link #exec}, {@link #custom})
 * replace each other. Times are whole seconds in Kubernetes; core's validator rejects others.
 * Mutable and not thread-safe.
 */
public final class ProbeSpecBuilder {

    private Boolean enabled;
    private ProbeType type;
    private String path;
    private String port;
    private final List<String> command;
    private Probe custom;
    private Duration initialDelay;
    private Duration period;
    private Duration timeout;
    private Integer successThreshold;
    private Integer failureThreshold;

    ProbeSpecBuilder(ProbeSpec spec) {
        enabled = spec.enabled();
        type = spec.type();
        path = spec.path();
        port = spec.port();
        command = new ArrayList<>(spec.command());
        custom = spec.custom();
        initialDelay = spec.initialDelay();
        period = spec.period();
        timeout = spec.timeout();
        successThreshold = spec.successThreshold();
        failureThreshold = spec.failureThreshold();
    }

    /**
     * Checks with an HTTP GET of {@code path} on {@code port}, a port name such as {@code rest}.
     */
    public ProbeSpecBuilder httpGet(String path, String port) {
        check(ProbeType.HTTP_GET, path, port, List.of());
        return this;
    }

    /** Checks with an HTTP GET of {@code path} on port number {@code port}. */
    public ProbeSpecBuilder httpGet(String path, int port) {
        return httpGet(path, String.valueOf(port));
    }

    /** Checks that {@code port} (a name such as {@code rpc}) accepts TCP connections. */
    public ProbeSpecBuilder tcpSocket(String port) {
        check(ProbeType.TCP_SOCKET, null, port, List.of());
        return this;
    }

    /** Checks that port number {@code port} accepts TCP connections. */
    public ProbeSpecBuilder tcpSocket(int port) {
        return tcpSocket(String.valueOf(port));
    }

    /** Checks by running {@code command} in the container; exit code 0 passes. */
    public ProbeSpecBuilder exec(String... command) {
        check(ProbeType.EXEC, null, null, List.of(command));
        return this;
    }

    /**
     * Uses {@code probe} exactly as given (copied), instead of everything else this builder sets;
     * {@code null} removes it.
     */
    public ProbeSpecBuilder custom(Probe probe) {
        check(null, null, null, List.of());
        this.custom = probe;
        return this;
    }

    /** Runs the first probe {@code delay} after the container started; whole seconds. */
    public ProbeSpecBuilder initialDelay(Duration delay) {
        this.initialDelay = delay;
        return this;
    }

    /** Probes every {@code period}; whole seconds. */
    public ProbeSpecBuilder period(Duration period) {
        this.period = period;
        return this;
    }

    /** Fails a probe that takes longer than {@code timeout}; whole seconds, below the period. */
    public ProbeSpecBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Counts the probe as passing after {@code count} successes in a row; only a readiness probe
     * may need more than 1.
     */
    public ProbeSpecBuilder successThreshold(int count) {
        this.successThreshold = count;
        return this;
    }

    /** Counts the probe as failing after {@code count} failures in a row. */
    public ProbeSpecBuilder failureThreshold(int count) {
        this.failureThreshold = count;
        return this;
    }

    /** Renders no probe of this kind (a pod template's probe of that kind is then kept). */
    public ProbeSpecBuilder disabled() {
        this.enabled = false;
        return this;
    }

    /** Renders the probe again after {@link #disabled()}. */
    public ProbeSpecBuilder enabled() {
        this.enabled = true;
        return this;
    }

    private void check(ProbeType type, String path, String port, List<String> command) {
        this.type = type;
        this.path = path;
        this.port = port;
        this.command.clear();
        this.command.addAll(command);
        this.custom = null;
    }

    ProbeSpec build() {
        return new ProbeSpec(
                enabled,
                type,
                path,
                port,
                command,
                custom,
                initialDelay,
                period,
                timeout,
                successThreshold,
                failureThreshold);
    }
}
