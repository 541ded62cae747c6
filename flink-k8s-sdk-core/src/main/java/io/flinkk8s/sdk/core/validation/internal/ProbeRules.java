package io.flinkk8s.sdk.core.validation.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbeSpec;
import io.flinkk8s.sdk.core.spec.policy.ProbeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rules for {@code probes}: a check that fits its type, on a port the container exposes (the Flink
 * ports of {@link FlinkPorts}, or one the pod template declares on the main container), timings
 * Kubernetes accepts with the timeout below the period, thresholds of at least 1, and a success
 * threshold of exactly 1 for liveness and startup probes, as Kubernetes requires. A custom probe is
 * judged by the same timing rules, on its own fields.
 */
public final class ProbeRules {

    /** Kubernetes' defaults for a custom probe's unset fields. */
    private static final int K8S_PERIOD = 10;

    private static final int K8S_TIMEOUT = 1;

    private ProbeRules() {}

    /** Which probe a field is, for the success-threshold rule. */
    private enum Kind {
        STARTUP,
        READINESS,
        LIVENESS
    }

    /** A probe of one container, with the ports it may use. */
    private record Target(String field, ProbeSpec probe, Kind kind, Ports ports) {}

    public static void probes(Checks checks, FlinkDeploymentSpec spec) {
        ProbePolicy p = spec.probes();
        Ports jm = Ports.of(jobManagerPorts(), spec.podTemplate(), spec.jobManager().podTemplate());
        Ports tm =
                Ports.of(taskManagerPorts(), spec.podTemplate(), spec.taskManager().podTemplate());
        List<Target> targets =
                List.of(
                        new Target("jobManagerStartup", p.jobManagerStartup(), Kind.STARTUP, jm),
                        new Target(
                                "jobManagerReadiness", p.jobManagerReadiness(), Kind.READINESS, jm),
                        new Target("jobManagerLiveness", p.jobManagerLiveness(), Kind.LIVENESS, jm),
                        new Target("taskManagerStartup", p.taskManagerStartup(), Kind.STARTUP, tm),
                        new Target(
                                "taskManagerReadiness",
                                p.taskManagerReadiness(),
                                Kind.READINESS,
                                tm),
                        new Target(
                                "taskManagerLiveness", p.taskManagerLiveness(), Kind.LIVENESS, tm));
        checks.at(
                "probes",
                () -> {
                    for (Target t : targets) {
                        if (!t.probe().isDisabled()) {
                            checks.at(t.field(), () -> probe(checks, t));
                        }
                    }
                });
    }

    private static void probe(Checks checks, Target t) {
        ProbeSpec p = t.probe();
        if (p.custom() != null) {
            custom(checks, t);
            return;
        }
        if (checks.required("type", p.type(), "must be http-get, tcp-socket or exec")) {
            check(checks, p, t.ports());
        }
        boolean period =
                Durations.wholeSecondsWithin(
                        checks, "period", p.period(), Duration.ofSeconds(1), null);
        boolean timeout =
                Durations.wholeSecondsWithin(
                        checks, "timeout", p.timeout(), Duration.ofSeconds(1), null);
        Durations.wholeSecondsWithin(checks, "initialDelay", p.initialDelay(), Duration.ZERO, null);
        if (period && timeout && p.period() != null && p.timeout() != null) {
            timeoutBelowPeriod(checks, "timeout", p.timeout().toSeconds(), p.period().toSeconds());
        }
        thresholds(checks, t.kind(), p.successThreshold(), p.failureThreshold());
    }

    private static void check(Checks checks, ProbeSpec p, Ports ports) {
        ProbeType type = p.type();
        if (type == ProbeType.HTTP_GET
                && checks.required("path", p.path(), "must be set for an http-get probe")
                && !p.path().startsWith("/")) {
            checks.report("path", "must start with /", p.path());
        }
        if (type != ProbeType.HTTP_GET && p.path() != null) {
            checks.report("path", "must only be set for an http-get probe", p.path());
        }
        if (type == ProbeType.EXEC) {
            if (p.command().isEmpty()) {
                checks.report("command", "must not be empty for an exec probe", null);
            }
            if (p.port() != null) {
                checks.report("port", "must not be set for an exec probe", p.port());
            }
            return;
        }
        if (!p.command().isEmpty()) {
            checks.report("command", "must only be set for an exec probe", p.command());
        }
        if (checks.required("port", p.port(), "must be set for a " + type.wireValue() + " probe")) {
            ports.check(checks, "port", p.port());
        }
    }

    private static void custom(Checks checks, Target t) {
        ProbeSpec p = t.probe();
        List<String> alsoSet = new ArrayList<>();
        add(alsoSet, "type", p.type());
        add(alsoSet, "path", p.path());
        add(alsoSet, "port", p.port());
        add(alsoSet, "command", p.command().isEmpty() ? null : p.command());
        add(alsoSet, "initialDelay", p.initialDelay());
        add(alsoSet, "period", p.period());
        add(alsoSet, "timeout", p.timeout());
        add(alsoSet, "successThreshold", p.successThreshold());
        add(alsoSet, "failureThreshold", p.failureThreshold());
        for (String field : alsoSet) {
            checks.report(field, "must not be set together with custom", null);
        }
        Probe c = p.custom();
        checks.at(
                "custom",
                () -> {
                    customHandler(checks, c, t.ports());
                    int period = orDefault(c.getPeriodSeconds(), K8S_PERIOD);
                    int timeout = orDefault(c.getTimeoutSeconds(), K8S_TIMEOUT);
                    if (checks.atLeast("periodSeconds", period, 1)
                            && checks.atLeast("timeoutSeconds", timeout, 1)) {
                        timeoutBelowPeriod(checks, "timeoutSeconds", timeout, period);
                    }
                    if (c.getInitialDelaySeconds() != null) {
                        checks.atLeast("initialDelaySeconds", c.getInitialDelaySeconds(), 0);
                    }
                    successThreshold(checks, t.kind(), c.getSuccessThreshold(), "successThreshold");
                    if (c.getFailureThreshold() != null) {
                        checks.atLeast("failureThreshold", c.getFailureThreshold(), 1);
                    }
                });
    }

    private static void customHandler(Checks checks, Probe c, Ports ports) {
        int handlers =
                (c.getHttpGet() != null ? 1 : 0)
                        + (c.getTcpSocket() != null ? 1 : 0)
                        + (c.getExec() != null ? 1 : 0)
                        + (c.getGrpc() != null ? 1 : 0);
        if (handlers != 1) {
            checks.report(
                    "must have exactly one handler of httpGet, tcpSocket, exec and grpc, has "
                            + handlers,
                    null);
        }
        if (c.getHttpGet() != null) {
            ports.check(checks, "httpGet.port", text(c.getHttpGet().getPort()));
        }
        if (c.getTcpSocket() != null) {
            ports.check(checks, "tcpSocket.port", text(c.getTcpSocket().getPort()));
        }
    }

    private static void thresholds(Checks checks, Kind kind, Integer success, Integer failure) {
        successThreshold(checks, kind, success, "successThreshold");
        if (failure != null) {
            checks.atLeast("failureThreshold", failure, 1);
        }
    }

    private static void successThreshold(Checks checks, Kind kind, Integer value, String field) {
        if (value == null || !checks.atLeast(field, value, 1)) {
            return;
        }
        if (kind != Kind.READINESS && value != 1) {
            checks.report(
                    field,
                    "must be 1 for a "
                            + kind.name().toLowerCase(Locale.ROOT)
                            + " probe, as Kubernetes requires",
                    value);
        }
    }

    private static void timeoutBelowPeriod(
            Checks checks, String field, long timeoutSeconds, long periodSeconds) {
        if (timeoutSeconds >= periodSeconds) {
            checks.report(
                    field,
                    "must be less than the period (" + periodSeconds + " s), or probes overlap",
                    timeoutSeconds + " s");
        }
    }

    private static void add(List<String> fields, String field, Object value) {
        if (value != null) {
            fields.add(field);
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String text(IntOrString port) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static List<ContainerPort> jobManagerPorts() {
        return List.of(
                port(FlinkPorts.RPC_NAME, FlinkPorts.JOB_MANAGER_RPC),
                port(FlinkPorts.BLOB_NAME, FlinkPorts.BLOB_SERVER),
                port(FlinkPorts.REST_NAME, FlinkPorts.REST));
    }

    private static List<ContainerPort> taskManagerPorts() {
        return List.of(port(FlinkPorts.RPC_NAME, FlinkPorts.TASK_MANAGER_RPC));
    }

    private static ContainerPort port(String name, int number) {
        ContainerPort p = new ContainerPort();
        p.setName(name);
        p.setContainerPort(number);
        return p;
    }

    /** The port names and numbers of a main container: the SDK's and the pod templates'. */
    private record Ports(TreeSet<String> names, TreeSet<Integer> numbers) {

        static Ports of(List<ContainerPort> sdk, PodTemplateSpec... templates) {
            List<ContainerPort> all = new ArrayList<>(sdk);
            for (PodTemplateSpec t : templates) {
                if (t != null && t.getSpec() != null && t.getSpec().getContainers() != null) {
                    t.getSpec().getContainers().stream()
                            .filter(c -> FlinkPorts.MAIN_CONTAINER.equals(c.getName()))
                            .map(Container::getPorts)
                            .filter(Objects::nonNull)
                            .forEach(all::addAll);
                }
            }
            TreeSet<String> names = new TreeSet<>();
            TreeSet<Integer> numbers = new TreeSet<>();
            for (ContainerPort p : all) {
                if (p.getName() != null) {
                    names.add(p.getName());
                }
                if (p.getContainerPort() != null) {
                    numbers.add(p.getContainerPort());
                }
            }
            return new Ports(names, numbers);
        }

        void check(Checks checks, String field, String port) {
            if (port == null || port.isBlank()) {
                checks.report(field, "must be a port name or number", port);
                return;
            }
            boolean known =
                    port.chars().allMatch(Character::isDigit)
                            ? numbers.contains(parse(port))
                            : names.contains(port);
            if (!known) {
                checks.report(
                        field,
                        "must be a port of the container: one of "
                                + names
                                + " or "
                                + numbers
                                + " (add others to the pod template's "
                                + FlinkPorts.MAIN_CONTAINER
                                + " container)",
                        port);
            }
        }

        private static Integer parse(String digits) {
            try {
                return Integer.valueOf(digits);
            } catch (NumberFormatException tooLong) {
                return -1;
            }
        }
    }
}
