package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the causes a deployment's pods show, from the fields the kubelet and the scheduler write: a
 * container's {@code state.waiting.reason} ({@code ErrImagePull}, {@code ImagePullBackOff}, {@code
 * InvalidImageName}, {@code CrashLoopBackOff} with its {@code lastState.terminated} reason and exit
 * code, {@code CreateContainerConfigError}) and the pod's {@code PodScheduled=False} condition with
 * reason {@code Unschedulable} and the scheduler's message; and a Deployment's {@code
 * ReplicaFailure} condition ({@code FailedCreate}: the API server refused its pods). One cause per
 * reason and workload (the first pod by name shows it), the JobManager's first.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class PodFailures {

    /**
     * Waiting reasons after which a container does not start without someone acting. {@code
     * ContainerCreating} and {@code PodInitializing} are progress, not failure.
     */
    static final Set<String> FATAL_WAITING =
            Set.of(
                    "ErrImagePull",
                    "ImagePullBackOff",
                    "InvalidImageName",
                    FailureCause.CRASH_LOOP,
                    "CreateContainerConfigError",
                    "CreateContainerError");

    /** The label the Flink Kubernetes Operator puts its pods' role in, and the JobManager's. */
    private static final String OPERATOR_COMPONENT = "component";

    private static final String OPERATOR_JOB_MANAGER = "jobmanager";

    /** The reason of a pod the scheduler cannot place. */
    static final String UNSCHEDULABLE = "Unschedulable";

    /**
     * The reason of a workload whose pods the API server refuses to create (a ResourceQuota, a
     * LimitRange, Pod Security admission), from its {@code ReplicaFailure} condition.
     */
    static final String FAILED_CREATE = "FailedCreate";

    private static final String REPLICA_FAILURE = "ReplicaFailure";

    private static final String FORBIDDEN = " is forbidden: ";

    private PodFailures() {}

    /** The causes the pods of deployment {@code names} show; empty when none. */
    public static List<FailureCause> of(ResourceNames names, Collection<Pod> pods) {
        return of(pods, p -> workload(names, p), names.jobManagerDeployment());
    }

    /**
     * The causes the pods the Flink Kubernetes Operator made for deployment {@code name} show
     * (labelled {@code app: <name>}, {@code component: jobmanager} or {@code taskmanager}): the
     * JobManager's workload is the operator's Deployment {@code <name>}, the TaskManagers' {@code
     * <name>-taskmanager} (standalone mode's Deployment; native mode's pods have that prefix).
     */
    public static List<FailureCause> ofOperator(String name, Collection<Pod> pods) {
        return of(
                pods,
                p ->
                        OPERATOR_JOB_MANAGER.equals(StatusAssembly.label(p, OPERATOR_COMPONENT))
                                ? name
                                : name + "-taskmanager",
                name);
    }

    /**
     * The causes the Deployments themselves show: a {@code ReplicaFailure} condition that is True
     * (the Deployment controller copies it from a ReplicaSet whose pods the API server refused),
     * with the API server's message. The pod name in it changes with each attempt, so the detail is
     * the refusal after {@code is forbidden: }.
     */
    public static List<FailureCause> ofWorkloads(Collection<Deployment> deployments) {
        List<FailureCause> causes = new ArrayList<>();
        for (Deployment d : deployments) {
            if (d.getStatus() == null || d.getStatus().getConditions() == null) {
                continue;
            }
            for (DeploymentCondition c : d.getStatus().getConditions()) {
                if (REPLICA_FAILURE.equals(c.getType()) && "True".equals(c.getStatus())) {
                    String message = Objects.toString(c.getMessage(), "no message");
                    int forbidden = message.indexOf(FORBIDDEN);
                    String name = d.getMetadata().getName();
                    causes.add(
                            new FailureCause(
                                    Objects.toString(c.getReason(), FAILED_CREATE),
                                    name,
                                    null,
                                    null,
                                    "the API server refuses the pods of Deployment "
                                            + name
                                            + ": "
                                            + message,
                                    forbidden < 0
                                            ? message
                                            : message.substring(forbidden + FORBIDDEN.length())));
                }
            }
        }
        return List.copyOf(causes);
    }

    private static List<FailureCause> of(
            Collection<Pod> pods, Function<Pod, String> workloadOf, String jobManagerWorkload) {
        Map<String, FailureCause> causes = new LinkedHashMap<>();
        pods.stream()
                .filter(
                        p ->
                                p.getMetadata() != null
                                        && p.getMetadata().getDeletionTimestamp() == null)
                .sorted(
                        Comparator.comparing(workloadOf)
                                .thenComparing(
                                        p -> Objects.toString(p.getMetadata().getName(), "")))
                .flatMap(p -> causesOf(workloadOf.apply(p), p))
                .forEach(c -> causes.putIfAbsent(c.reason() + "|" + c.workload(), c));
        List<FailureCause> sorted = new ArrayList<>(causes.values());
        sorted.sort(
                Comparator.comparing((FailureCause c) -> !c.workload().equals(jobManagerWorkload)));
        return List.copyOf(sorted);
    }

    private static String workload(ResourceNames names, Pod p) {
        String component = StatusAssembly.label(p, ResourceLabels.COMPONENT);
        return Component.JOB_MANAGER.labelValue().equals(component)
                ? names.jobManagerDeployment()
                : names.taskManagerDeployment();
    }

    private static Stream<FailureCause> causesOf(String workload, Pod p) {
        if (p.getStatus() == null) {
            return Stream.empty();
        }
        String pod = p.getMetadata().getName();
        List<FailureCause> found = new ArrayList<>();
        for (PodCondition c : nonNull(p.getStatus().getConditions())) {
            if ("PodScheduled".equals(c.getType())
                    && "False".equals(c.getStatus())
                    && UNSCHEDULABLE.equals(c.getReason())) {
                String message = Objects.toString(c.getMessage(), "no message");
                found.add(
                        new FailureCause(
                                UNSCHEDULABLE,
                                workload,
                                pod,
                                null,
                                "pod " + pod + " cannot be scheduled: " + message,
                                message));
            }
        }
        Stream.concat(
                        nonNull(p.getStatus().getInitContainerStatuses()).stream(),
                        nonNull(p.getStatus().getContainerStatuses()).stream())
                .map(cs -> containerCause(workload, pod, cs))
                .filter(Objects::nonNull)
                .forEach(found::add);
        return found.stream();
    }

    private static FailureCause containerCause(String workload, String pod, ContainerStatus cs) {
        ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
        if (waiting == null || !FATAL_WAITING.contains(waiting.getReason())) {
            return null;
        }
        String reason = waiting.getReason();
        String where = "container " + cs.getName() + " of pod " + pod;
        String kubelet = Objects.toString(waiting.getMessage(), "");
        if (FailureCause.CRASH_LOOP.equals(reason)) {
            String last = lastTermination(cs);
            return new FailureCause(
                    reason,
                    workload,
                    pod,
                    cs.getName(),
                    where
                            + " keeps crashing (restarted "
                            + Objects.requireNonNullElse(cs.getRestartCount(), 0)
                            + " times); last terminated: "
                            + last,
                    last);
        }
        String image = Objects.toString(cs.getImage(), "");
        return new FailureCause(
                reason,
                workload,
                pod,
                cs.getName(),
                where
                        + " cannot start: "
                        + reason
                        + (image.isEmpty() ? "" : " for image " + image)
                        + (kubelet.isEmpty() ? "" : " (" + kubelet + ")"),
                image);
    }

    /** {@code OOMKilled (exit code 137)}, from the container's {@code lastState.terminated}. */
    private static String lastTermination(ContainerStatus cs) {
        ContainerStateTerminated t =
                cs.getLastState() == null ? null : cs.getLastState().getTerminated();
        if (t == null) {
            return "unknown (no lastState.terminated)";
        }
        return Objects.toString(t.getReason(), "no reason")
                + " (exit code "
                + t.getExitCode()
                + (t.getMessage() == null || t.getMessage().isBlank()
                        ? ""
                        : ", " + t.getMessage().strip())
                + ")";
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
