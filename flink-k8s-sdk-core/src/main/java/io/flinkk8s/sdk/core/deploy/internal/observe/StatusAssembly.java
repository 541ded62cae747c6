package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.KubernetesEvent;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.RestorePoint;
import io.flinkk8s.sdk.core.deploy.status.WorkloadStatus;
import io.flinkk8s.sdk.core.flink.RestoredCheckpoint;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;

/**
 * Turns what was read about one deployment (its state record, its Deployments and pods, its job)
 * into a {@link DeploymentStatus}: the one place the lifecycle is decided, shared by a handle's
 * {@code status()} (which reads with LISTs) and the status view (which reads its informer caches),
 * so both give the same record for the same cluster.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class StatusAssembly {

    /** A retained checkpoint's directory as Flink's file-system storage names it (or its file). */
    private static final Pattern CHECKPOINT_DIRECTORY =
            Pattern.compile("/chk-\\d+(/_metadata)?/?$");

    private StatusAssembly() {}

    /**
     * The JobManager and TaskManager Deployments as the API server reports them.
     *
     * @param present both Deployments exist
     * @param any at least one of them exists
     * @param events the deployment's recent Warning Events, folded ({@link EventDigest})
     * @param causes what the pods show that keeps them from starting ({@link PodFailures})
     * @param generation may be null: the JobManager Deployment's {@code metadata.generation}
     */
    public record Pods(
            WorkloadStatus jobManager,
            WorkloadStatus taskManagers,
            boolean rolledOut,
            boolean present,
            boolean any,
            List<KubernetesEvent> events,
            List<FailureCause> causes,
            Long generation) {

        boolean ready() {
            return present && rolledOut && jobManager.isReady() && taskManagers.isReady();
        }

        String describe() {
            if (!present) {
                return "the JobManager or TaskManager Deployment does not exist";
            }
            return "JobManager "
                    + jobManager
                    + " ready, "
                    + taskManagers
                    + " TaskManagers ready"
                    + (rolledOut ? "" : ", rolling out");
        }
    }

    /** The two workloads of deployment {@code names} among {@code deployments} and its pods. */
    public static Pods pods(
            ResourceNames names, Collection<Deployment> deployments, Collection<Pod> pods) {
        return pods(names, deployments, pods, List.of());
    }

    /**
     * The two workloads of deployment {@code names} among {@code deployments} and its pods, with
     * the deployment's own Warning Events picked from {@code events}.
     */
    public static Pods pods(
            ResourceNames names,
            Collection<Deployment> deployments,
            Collection<Pod> pods,
            Collection<Event> events) {
        Optional<Deployment> jm = find(deployments, names.jobManagerDeployment());
        Optional<Deployment> tm = find(deployments, names.taskManagerDeployment());
        return new Pods(
                workload(jm, restarts(pods, Component.JOB_MANAGER)),
                workload(tm, restarts(pods, Component.TASK_MANAGER)),
                jm.map(StatusAssembly::rolledOut).orElse(false)
                        && tm.map(StatusAssembly::rolledOut).orElse(false),
                jm.isPresent() && tm.isPresent(),
                jm.isPresent() || tm.isPresent(),
                EventDigest.of(names.deploymentName(), events),
                causes(jm, tm, names, pods),
                jm.map(d -> d.getMetadata().getGeneration()).orElse(null));
    }

    /**
     * What keeps the deployment from starting: the Deployments' refused pods (JobManager first),
     * then what the pods show.
     */
    private static List<FailureCause> causes(
            Optional<Deployment> jm,
            Optional<Deployment> tm,
            ResourceNames names,
            Collection<Pod> pods) {
        List<Deployment> workloads = new ArrayList<>(2);
        jm.ifPresent(workloads::add);
        tm.ifPresent(workloads::add);
        List<FailureCause> refused = PodFailures.ofWorkloads(workloads);
        List<FailureCause> shown = PodFailures.of(names, pods);
        if (refused.isEmpty()) {
            return shown;
        }
        List<FailureCause> all = new ArrayList<>(refused);
        all.addAll(shown);
        return List.copyOf(all);
    }

    /**
     * {@code status} with its conditions and verdict ({@link Health}), judged at {@code now}.
     *
     * @param flinkProblem may be null: why the JobManager could not be read
     * @param apiProblem may be null: why the API server could not be read
     */
    public static DeploymentStatus judged(
            DeploymentStatus status,
            Pods pods,
            String flinkProblem,
            String apiProblem,
            Instant now) {
        return Health.judge(
                new Health.Facts(
                        status,
                        pods.causes(),
                        pods.rolledOut(),
                        flinkProblem,
                        apiProblem,
                        pods.generation()),
                now);
    }

    /** Whether the record says the job is suspended. */
    public static boolean suspended(Optional<StateRecord> state) {
        return state.map(StateFacts::of).map(StateFacts::suspended).orElse(false);
    }

    /** Whether a JobManager is up to be asked for the job: it is ready and not suspended. */
    public static boolean asksFlink(Pods pods, boolean suspended) {
        return pods.present() && pods.jobManager().ready() > 0 && !suspended;
    }

    /**
     * The status of {@code namespace/name}.
     *
     * @param job may be null: no JobManager was asked, or it lists no job
     * @param problem may be null: why the JobManager could not be asked
     */
    public static DeploymentStatus assemble(
            String namespace,
            String name,
            Optional<StateRecord> state,
            Pods pods,
            JobInfo job,
            String problem) {
        return assembleFrom(namespace, name, state.map(StateFacts::of), pods, job, problem);
    }

    /**
     * The status of {@code namespace/name} from its state record's {@link StateFacts} (empty: no
     * record), as {@link #assemble} makes it from the record.
     *
     * @param job may be null: no JobManager was asked, or it lists no job
     * @param problem may be null: why the JobManager could not be asked
     */
    public static DeploymentStatus assembleFrom(
            String namespace,
            String name,
            Optional<StateFacts> state,
            Pods pods,
            JobInfo job,
            String problem) {
        boolean suspended = state.map(StateFacts::suspended).orElse(false);
        Lifecycle lifecycle = lifecycle(state, pods, suspended, job, problem);
        List<SavepointRecord> history = state.map(StateFacts::savepoints).orElse(List.of());
        return new DeploymentStatus(
                namespace,
                name,
                lifecycle,
                pods.jobManager(),
                pods.taskManagers(),
                job,
                state.map(StateFacts::upgradeStep).orElse(null),
                history.isEmpty() ? null : history.get(history.size() - 1),
                history,
                problem != null ? problem : pods.describe(),
                pods.events(),
                lifecycle == Lifecycle.SUSPENDED || lifecycle == Lifecycle.DELETED
                        ? null
                        : restoredFrom(
                                state.map(StateFacts::restoreSavepoint).orElse(null),
                                job,
                                history));
    }

    /**
     * What the job started from: Flink's {@code latest.restored} when the JobManager reported one,
     * else the savepoint the record says the pods were started with.
     */
    static RestorePoint restoredFrom(
            Optional<StateRecord> state, JobInfo job, List<SavepointRecord> history) {
        return restoredFrom(state.map(StateRecord::restoreSavepoint).orElse(null), job, history);
    }

    private static RestorePoint restoredFrom(
            String restoreSavepoint, JobInfo job, List<SavepointRecord> history) {
        RestoredCheckpoint flink = job == null ? null : job.restoredFrom();
        if (flink != null && flink.externalPath() != null) {
            return new RestorePoint(
                    flink.externalPath(),
                    flink.savepoint() ? RestorePoint.Kind.SAVEPOINT : RestorePoint.Kind.CHECKPOINT,
                    RestorePoint.Origin.FLINK,
                    recorded(history, flink.externalPath()));
        }
        String path = restoreSavepoint;
        if (path == null) {
            return null;
        }
        SavepointRecord recorded = recorded(history, path);
        boolean checkpoint = recorded == null && CHECKPOINT_DIRECTORY.matcher(path).find();
        return new RestorePoint(
                path,
                checkpoint ? RestorePoint.Kind.CHECKPOINT : RestorePoint.Kind.SAVEPOINT,
                RestorePoint.Origin.STATE_RECORD,
                recorded);
    }

    private static SavepointRecord recorded(List<SavepointRecord> history, String path) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).path().equals(path)) {
                return history.get(i);
            }
        }
        return null;
    }

    private static Lifecycle lifecycle(
            Optional<StateFacts> state, Pods pods, boolean suspended, JobInfo job, String problem) {
        // without a record yet, a first apply that created one Deployment so far is DEPLOYING
        if (state.isEmpty() && !pods.any() || state.isPresent() && state.get().deleted()) {
            return Lifecycle.DELETED;
        }
        if (state.isPresent() && state.get().upgrading()) {
            return Lifecycle.UPGRADING;
        }
        if (suspended) {
            return Lifecycle.SUSPENDED;
        }
        if (job != null && job.state() == JobStatus.FAILED) {
            return Lifecycle.FAILED;
        }
        if (!pods.ready()) {
            return Lifecycle.DEPLOYING;
        }
        boolean application = state.map(StateFacts::application).orElse(true);
        if (problem != null) {
            return Lifecycle.FAILED;
        }
        return !application || job != null && job.state() == JobStatus.RUNNING
                ? Lifecycle.RUNNING
                : Lifecycle.DEPLOYING;
    }

    private static Optional<Deployment> find(Collection<Deployment> deployments, String name) {
        return deployments.stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst();
    }

    private static WorkloadStatus workload(Optional<Deployment> d, int restarts) {
        if (d.isEmpty()) {
            return new WorkloadStatus(0, 0, restarts);
        }
        int desired = Objects.requireNonNullElse(d.get().getSpec().getReplicas(), 1);
        int ready =
                d.get().getStatus() == null
                        ? 0
                        : Objects.requireNonNullElse(d.get().getStatus().getReadyReplicas(), 0);
        return new WorkloadStatus(desired, Math.min(ready, desired), restarts);
    }

    /** The controller saw the latest spec, and every pod runs it: none old, none missing. */
    private static boolean rolledOut(Deployment d) {
        int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        var s = d.getStatus();
        if (s == null) {
            return desired == 0;
        }
        long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
        long observed = Objects.requireNonNullElse(s.getObservedGeneration(), 0L);
        int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
        int total = Objects.requireNonNullElse(s.getReplicas(), 0);
        return observed >= generation && updated == desired && total == desired;
    }

    /** Container restarts summed over the pods of one component. */
    public static int restarts(Collection<Pod> pods, Component component) {
        return pods.stream()
                .filter(p -> component.labelValue().equals(label(p, ResourceLabels.COMPONENT)))
                .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .mapToInt(c -> Objects.requireNonNullElse(c.getRestartCount(), 0))
                .sum();
    }

    /** A label of a pod, null when absent. */
    public static String label(Pod p, String key) {
        return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(key);
    }
}
