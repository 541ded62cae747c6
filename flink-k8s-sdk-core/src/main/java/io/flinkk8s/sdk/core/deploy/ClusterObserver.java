package io.flinkk8s.sdk.core.deploy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.WorkloadStatus;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.SavepointRecord;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * Watches one deployment's pods and job: the waits (polling at the options' interval, reporting
 * each change of what it sees as a progress event) and the combined status.
 */
final class ClusterObserver {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final ResourceNames names;

    ClusterObserver(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.names = ResourceNames.of(name);
    }

    /** The JobManager and TaskManager Deployments as the API server reports them. */
    record Pods(
            WorkloadStatus jobManager,
            WorkloadStatus taskManagers,
            boolean rolledOut,
            boolean present) {

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

    /** One LIST of the deployment's Deployments (and one of its pods for restart counts). */
    Pods pods(boolean withRestarts) {
        Map<String, String> owned = new ResourceLabels(name, "", Map.of()).ownedBySdk();
        ObjectRef what = new ObjectRef("apps/v1", "Deployment", namespace, null);
        List<Deployment> deployments =
                ctx.retrier()
                        .call(
                                what,
                                true,
                                () ->
                                        ctx.client()
                                                .apps()
                                                .deployments()
                                                .inNamespace(namespace)
                                                .withLabels(owned)
                                                .list()
                                                .getItems());
        List<Pod> pods =
                withRestarts
                        ? ctx.retrier()
                                .call(
                                        new ObjectRef("v1", "Pod", namespace, null),
                                        true,
                                        () ->
                                                ctx.client()
                                                        .pods()
                                                        .inNamespace(namespace)
                                                        .withLabels(owned)
                                                        .list()
                                                        .getItems())
                        : List.of();
        Optional<Deployment> jm = find(deployments, names.jobManagerDeployment());
        Optional<Deployment> tm = find(deployments, names.taskManagerDeployment());
        return new Pods(
                workload(jm, restarts(pods, Component.JOB_MANAGER)),
                workload(tm, restarts(pods, Component.TASK_MANAGER)),
                jm.map(ClusterObserver::rolledOut).orElse(false)
                        && tm.map(ClusterObserver::rolledOut).orElse(false),
                jm.isPresent() && tm.isPresent());
    }

    /**
     * Returns once both Deployments are rolled out with every replica ready.
     *
     * @throws WaitTimeoutException with the last observation when {@code deadlineNanos} passes
     */
    void untilReady(long deadlineNanos, Duration timeout) {
        String last = null;
        while (true) {
            Pods pods = pods(false);
            last = report(last, pods.describe());
            if (pods.ready()) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw timeout("ready", timeout, last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }

    /**
     * Returns once the pods are ready and the job is RUNNING (a session cluster: once its
     * JobManager answers).
     *
     * @return the running job, empty for a session cluster
     * @throws FlinkJobException when the job FAILED
     * @throws WaitTimeoutException with the last observation when the time runs out
     */
    Optional<JobSummary> untilRunning(Duration timeout, boolean application) {
        long deadline = System.nanoTime() + timeout.toNanos();
        untilReady(deadline, timeout);
        JobControl jobs = new JobControl(ctx, namespace, name);
        String last = null;
        while (true) {
            Optional<JobSummary> job = Optional.empty();
            boolean reachable = true;
            try {
                job = jobs.currentJob();
            } catch (FlinkJobException e) {
                reachable = false;
            }
            if (reachable && !application) {
                report(last, "JobManager answers");
                return Optional.empty();
            }
            if (job.isPresent() && job.get().status() == JobStatus.RUNNING) {
                report(last, "job " + job.get().id() + " RUNNING");
                return job;
            }
            if (job.isPresent() && job.get().status() == JobStatus.FAILED) {
                throw new FlinkJobException(
                        "Job "
                                + job.get().id()
                                + " of "
                                + namespace
                                + "/"
                                + name
                                + " FAILED; read the JobManager's log (kubectl logs deploy/"
                                + names.jobManagerDeployment()
                                + ") for the cause.",
                        null);
            }
            last =
                    report(
                            last,
                            !reachable
                                    ? "JobManager REST API not reachable yet"
                                    : job.map(j -> "job " + j.id() + " " + j.status())
                                            .orElse("no job yet"));
            if (System.nanoTime() > deadline) {
                throw timeout("running", timeout, last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }

    /**
     * The status: the state record, the Deployments and pods, and the job if a JobManager is up.
     */
    DeploymentStatus status() {
        Optional<StateRecord> state = ctx.states().read(namespace, name);
        if (OperatorObserver.targets(state)) {
            return new OperatorObserver(ctx, namespace, name).status(state);
        }
        Pods pods = pods(true);
        FlinkDeploymentSpec spec = state.map(s -> SpecDefaults.apply(s.spec())).orElse(null);
        boolean suspended =
                spec != null && spec.job() != null && spec.job().state() == JobState.SUSPENDED;
        JobInfo job = null;
        String problem = null;
        if (pods.present() && pods.jobManager().ready() > 0 && !suspended) {
            try {
                job =
                        new JobControl(ctx, namespace, name)
                                .currentJob()
                                .map(j -> new JobInfo(j.id().toHexString(), j.name(), j.status()))
                                .orElse(null);
            } catch (FlinkJobException e) {
                problem = e.getMessage();
            }
        }
        Lifecycle lifecycle = lifecycle(state, pods, spec, suspended, job, problem);
        List<SavepointRecord> history = state.map(StateRecord::savepoints).orElse(List.of());
        return new DeploymentStatus(
                namespace,
                name,
                lifecycle,
                pods.jobManager(),
                pods.taskManagers(),
                job,
                state.map(StateRecord::upgrade).map(StateRecord.Upgrade::step).orElse(null),
                history.isEmpty() ? null : history.get(history.size() - 1),
                history,
                problem != null ? problem : pods.describe());
    }

    private static Lifecycle lifecycle(
            Optional<StateRecord> state,
            Pods pods,
            FlinkDeploymentSpec spec,
            boolean suspended,
            JobInfo job,
            String problem) {
        if (state.isEmpty() && !pods.present()
                || state.isPresent() && state.get().deletedAt() != null) {
            return Lifecycle.DELETED;
        }
        if (state.isPresent() && state.get().upgrade() != null) {
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
        boolean application = spec == null || spec.job() != null;
        if (problem != null) {
            return Lifecycle.FAILED;
        }
        return !application || job != null && job.state() == JobStatus.RUNNING
                ? Lifecycle.RUNNING
                : Lifecycle.DEPLOYING;
    }

    private String report(String last, String now) {
        if (!now.equals(last)) {
            ctx.progress().report(namespace, name, "wait", now);
        }
        return now;
    }

    private WaitTimeoutException timeout(String what, Duration timeout, String last) {
        return new WaitTimeoutException(
                namespace
                        + "/"
                        + name
                        + " was not "
                        + what
                        + " within "
                        + timeout
                        + "; last observed: "
                        + last
                        + ". Check the pods' events and logs"
                        + " (kubectl -n "
                        + namespace
                        + " describe pods -l "
                        + ResourceLabels.INSTANCE
                        + "="
                        + name
                        + ").",
                last);
    }

    private static Optional<Deployment> find(List<Deployment> deployments, String deployment) {
        return deployments.stream()
                .filter(d -> deployment.equals(d.getMetadata().getName()))
                .findFirst();
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

    private static int restarts(List<Pod> pods, Component component) {
        return pods.stream()
                .filter(
                        p ->
                                p.getMetadata().getLabels() != null
                                        && component
                                                .labelValue()
                                                .equals(
                                                        p.getMetadata()
                                                                .getLabels()
                                                                .get(ResourceLabels.COMPONENT)))
                .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .mapToInt(ContainerStatus::getRestartCount)
                .sum();
    }
}
