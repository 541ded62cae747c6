package io.flinkk8s.sdk.core.spec.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.flinkk8s.sdk.core.internal.Copies;
import io.flinkk8s.sdk.core.internal.FlinkDurations;
import java.time.Duration;
import java.util.List;

/**
 * One Kubernetes probe of a Flink container: what it checks and how often. Unset values are filled
 * by {@link io.flinkk8s.sdk.core.spec.SpecDefaults} with the SDK's defaults for this probe; {@code
 * enabled: false} renders no probe at all (then a probe of the pod template, if any, is kept). A
 * {@code custom} fabric8 {@link Probe} is rendered exactly as given and excludes every other field
 * but {@code enabled}.
 *
 * <p>Times are whole seconds (Kubernetes counts probe times in seconds) and are written as Flink
 * writes durations ({@code 10 s}).
 *
 * @param enabled may be null: filled by {@link io.flinkk8s.sdk.core.spec.SpecDefaults} (true)
 * @param type how the probe checks; may be null: filled by {@link
 *     io.flinkk8s.sdk.core.spec.SpecDefaults} together with {@code path}, {@code port} and {@code
 *     command}, unless any of them or {@code custom} is set
 * @param path the HTTP path, for {@link ProbeType#HTTP_GET}
 * @param port a port name ({@code rest}, {@code rpc}, {@code blob-server}) or number that the
 *     container exposes, for {@link ProbeType#HTTP_GET} and {@link ProbeType#TCP_SOCKET}
 * @param command the command and its arguments, for {@link ProbeType#EXEC}; never null
 * @param custom may be null: a whole probe, rendered as given
 * @param initialDelay how long after the container starts the first probe runs
 * @param period how often the probe runs
 * @param timeout how long one probe may take; less than {@code period}
 * @param successThreshold consecutive successes that count as passing; 1 for liveness and startup
 *     probes, as Kubernetes requires
 * @param failureThreshold consecutive failures that count as failing
 */
public record ProbeSpec(
        Boolean enabled,
        ProbeType type,
        String path,
        String port,
        List<String> command,
        Probe custom,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration initialDelay,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration period,
        @JsonSerialize(using = FlinkDurations.Serializer.class)
                @JsonDeserialize(using = FlinkDurations.Deserializer.class)
                Duration timeout,
        Integer successThreshold,
        Integer failureThreshold) {

    /** Normalises only: copies {@code command} (null becomes empty) and {@code custom}. */
    public ProbeSpec {
        command = Copies.list(command);
        custom = custom == null ? null : new ProbeBuilder(custom).build();
    }

    /**
     * Nothing set: {@link io.flinkk8s.sdk.core.spec.SpecDefaults} fills the SDK's default for the
     * probe.
     */
    public static ProbeSpec unset() {
        return new ProbeSpec(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** No probe of this kind. */
    public static ProbeSpec disabled() {
        return new ProbeSpec(false, null, null, null, null, null, null, null, null, null, null);
    }

    /** An HTTP GET of {@code path} on {@code port} (a name or a number); timings unset. */
    public static ProbeSpec httpGet(String path, String port) {
        return new ProbeSpec(
                null, ProbeType.HTTP_GET, path, port, null, null, null, null, null, null, null);
    }

    /** A TCP connection to {@code port} (a name or a number); timings unset. */
    public static ProbeSpec tcpSocket(String port) {
        return new ProbeSpec(
                null, ProbeType.TCP_SOCKET, null, port, null, null, null, null, null, null, null);
    }

    /** {@code command} run in the container; timings unset. */
    public static ProbeSpec exec(List<String> command) {
        return new ProbeSpec(
                null, ProbeType.EXEC, null, null, command, null, null, null, null, null, null);
    }

    /** A whole fabric8 probe, rendered as given. */
    public static ProbeSpec custom(Probe probe) {
        return new ProbeSpec(null, null, null, null, null, probe, null, null, null, null, null);
    }

    /** The custom probe, deep-copied so that the spec stays immutable; may be null. */
    @Override
    public Probe custom() {
        return custom == null ? null : new ProbeBuilder(custom).build();
    }

    /** Whether the probe is turned off ({@code enabled: false}). */
    @JsonIgnore
    public boolean isDisabled() {
        return Boolean.FALSE.equals(enabled);
    }

    /** Whether a check (type, path, port, command or custom) is set. */
    @JsonIgnore
    public boolean hasCheck() {
        return type != null || path != null || port != null || !command.isEmpty() || custom != null;
    }
}
