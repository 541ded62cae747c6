package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.deploy.internal.cluster.JobControl;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.cluster.Retrier;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.deploy.internal.observe.StatusAssembly.Pods;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.ApplyException;
import io.flinkk8s.sdk.core.error.DeploymentFailedException;
import io.flinkk8s.sdk.core.error.FlinkJobException;
import io.flinkk8s.sdk.core.error.KindNotServedException;
import io.flinkk8s.sdk.core.error.WaitTimeoutException;
import io.flinkk8s.sdk.core.flink.JobSummary;
import io.flinkk8s.sdk.core.flink.RestEndpointResolver;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one deployment's pods and job: the waits (polling at the options' interval, reporting
 * each change of what it sees as a progress event) and the combined status.
 */
public final class ClusterObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterObserver.class);
    private static final int FORBIDDEN = 403;
    private static final int TOO_MANY = 429;

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final WaitReporter waits;
    private final ResourceNames names;

    /** The observer of the standalone deployment {@code namespace/name}. */
    public ClusterObserver(DeployerContext ctx, String namespace, String name) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.names = ResourceNames.of(name);
        this.waits =
                new WaitReporter(
                        ctx,
                        namespace,
                        name,
                        "Check the pods' events and logs (kubectl -n "
                                + namespace
                                + " describe pods -l "
                                + ResourceLabels.INSTANCE
                                + "="
                                + name
                                + ").");
    }

    /**
     * One LIST each of the deployment's Deployments and pods (restart counts, what keeps them from
     * starting); for a status also one of the namespace's Warning Events ({@link EventDigest} picks
     * the deployment's).
     */
    Pods pods(boolean forStatus) {
        Map<String, String> owned = new ResourceLabels(name, "", Map.of()).ownedBySdk();
        ObjectRef what = ObjectRef.of(Deployment.class, namespace, null);
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
                ctx.retrier()
                        .call(
                                ObjectRef.of(Pod.class, namespace, null),
                                true,
                                () ->
                                        ctx.client()
                                                .pods()
                                                .inNamespace(namespace)
                                                .withLabels(owned)
                                                .list()
                                                .getItems());
        return StatusAssembly.pods(
                names, deployments, pods, forStatus ? warningEvents() : List.of());
    }

    /**
     * The namespace's Warning Events: Events carry no labels to select a deployment's by. None when
     * the client may not list Events (403): they are advice, not what the status stands on.
     */
    private List<Event> warningEvents() {
        try {
            return listWarningEvents();
        } catch (ApplyException e) {
            if (e.httpStatus() != FORBIDDEN) {
                throw e;
            }
            LOG.debug("No Events in the status of {}/{}: {}", namespace, name, e.getMessage());
            return List.of();
        }
    }

    private List<Event> listWarningEvents() {
        return ctx.retrier()
                .call(
                        ObjectRef.of(Event.class, namespace, null),
                        true,
                        () ->
                                ctx.client()
                                        .v1()
                                        .events()
                                        .inNamespace(namespace)
                                        .withField("type", EventDigest.WARNING)
                                        .list()
                                        .getItems());
    }

    /**
     * Returns once both Deployments are rolled out with every replica ready. An API server that
     * does not answer (after the deployer's retries) is waited out like a deployment that is not
     * ready: not knowing is not failing.
     *
     * @throws WaitTimeoutException with the last observation when {@code deadlineNanos} passes
     * @throws DeploymentFailedException when the pods show a cause for longer than the options'
     *     {@code failFastGrace} (an image that cannot be pulled, a crash loop, an unschedulable
     *     pod): the cause, written as an Event on the workload too
     */
    public void untilReady(long deadlineNanos, Duration timeout) {
        String last = null;
        FailFast failFast = new FailFast(ctx.options().failFastGrace());
        while (true) {
            Optional<Pods> read = readPods();
            if (read.isPresent()) {
                Pods pods = read.get();
                last = waits.report(last, describe(pods));
                if (pods.ready()) {
                    return;
                }
                Optional<FailureCause> fatal = failFast.observe(pods.causes(), System.nanoTime());
                if (fatal.isPresent()) {
                    throw new WaitFailure(ctx, namespace, name).failed(fatal.get());
                }
            } else {
                last = waits.report(last, "the API server did not answer");
            }
            if (System.nanoTime() > deadlineNanos) {
                throw waits.timeout("ready", timeout, last);
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }

    /** The pods, or empty when the API server did not answer (5xx, 429, no answer). */
    private Optional<Pods> readPods() {
        try {
            return Optional.of(pods(false));
        } catch (ApplyException e) {
            boolean unanswered =
                    e.httpStatus() == 0 || e.httpStatus() == TOO_MANY || e.httpStatus() >= 500;
            if (!unanswered) {
                throw e;
            }
            LOG.debug("{}/{}: the API server did not answer a wait's read", namespace, name, e);
            return Optional.empty();
        }
    }

    private static String describe(Pods pods) {
        return pods.causes().isEmpty()
                ? pods.describe()
                : pods.describe() + "; " + pods.causes().get(0);
    }

    /**
     * Returns once the pods are ready and the job is RUNNING (a session cluster: once its
     * JobManager answers).
     *
     * @return the running job, empty for a session cluster
     * @throws FlinkJobException when the job FAILED
     * @throws WaitTimeoutException with the last observation when the time runs out
     */
    public Optional<JobSummary> untilRunning(Duration timeout, boolean application) {
        long deadline = System.nanoTime() + timeout.toNanos();
        untilReady(deadline, timeout);
        JobControl jobs = new JobControl(ctx, namespace, name);
        String last = null;
        while (true) {
            Optional<JobSummary> job = Optional.empty();
            FlinkJobException unreachable = null;
            try {
                job = jobs.currentJob();
            } catch (FlinkJobException e) {
                unreachable = e;
            }
            boolean reachable = unreachable == null;
            if (reachable && !application) {
                waits.report(last, "JobManager answers");
                return Optional.empty();
            }
            if (job.isPresent() && job.get().status() == JobStatus.RUNNING) {
                waits.report(last, "job " + job.get().id() + " RUNNING");
                return job;
            }
            if (job.isPresent() && job.get().status() == JobStatus.FAILED) {
                throw jobFailed(jobs, job.get());
            }
            last =
                    waits.report(
                            last,
                            !reachable
                                    ? "JobManager REST API not reachable yet"
                                    : job.map(j -> "job " + j.id() + " " + j.status())
                                            .orElse("no job yet"));
            if (System.nanoTime() > deadline) {
                throw reachable
                        ? waits.timeout("running", timeout, last)
                        : waits.timeout("running", timeout, last, unreachableAdvice(unreachable));
            }
            Retrier.sleep(ctx.options().pollInterval());
        }
    }

    /** The error of a FAILED job, with Flink's root exception, written as an Event too. */
    private FlinkJobException jobFailed(JobControl jobs, JobSummary job) {
        Optional<String> root = jobs.rootException(job.id());
        String cause = root.orElse("Flink reported no root exception");
        new CauseEvents(ctx, namespace)
                .record(
                        new FailureCause(
                                FailureCause.JOB_FAILED,
                                names.jobManagerDeployment(),
                                null,
                                null,
                                "job " + job.id() + " FAILED: " + cause,
                                job.id() + "|" + cause));
        return new FlinkJobException(
                "Job "
                        + job.id()
                        + " of "
                        + namespace
                        + "/"
                        + name
                        + " FAILED: "
                        + cause
                        + ". Read the JobManager's log (kubectl -n "
                        + namespace
                        + " logs deploy/"
                        + names.jobManagerDeployment()
                        + ") for the whole stack trace.",
                null);
    }

    /**
     * What to check when the JobManager's REST API never answered: the address tried, the resolver
     * that gave it, why it failed, and which resolver suits where the caller runs.
     */
    private String unreachableAdvice(FlinkJobException error) {
        RestEndpointResolver resolver = ctx.options().restEndpointResolver();
        String tried;
        try {
            tried =
                    String.valueOf(
                            resolver.resolve(namespace, names.restService(), FlinkPorts.REST));
        } catch (RuntimeException e) {
            tried = "no address (" + e.getMessage() + ")";
        }
        return "The deployer tried "
                + tried
                + " for Service "
                + names.restService()
                + " port "
                + FlinkPorts.REST
                + ", given by DeployOptions.restEndpointResolver() "
                + describe(resolver)
                + "; the last attempt failed with "
                + rootCause(error)
                + ". RestEndpointResolver.inCluster() (the default: Service DNS) works only from"
                + " inside the cluster; from outside use PortForwardEndpointResolver.create(client);"
                + " on the testkit's in-memory cluster use cluster.deployOptions() or"
                + " cluster.deployer(). If the resolver is right, check the JobManager's log"
                + " (kubectl -n "
                + namespace
                + " logs deploy/"
                + names.jobManagerDeployment()
                + ").";
    }

    /** A resolver's own name when it has one ({@code toString}), else its class. */
    private static String describe(RestEndpointResolver resolver) {
        String text = String.valueOf(resolver);
        boolean named =
                !text.startsWith(resolver.getClass().getName() + "@")
                        && !resolver.getClass().isSynthetic()
                        && !resolver.getClass().getName().contains("$$Lambda");
        return named ? text : "(a " + resolver.getClass().getName() + ")";
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error
                ? String.valueOf(error.getMessage())
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * The status: the state record, the Deployments and pods, and the job if a JobManager is up.
     */
    public DeploymentStatus status() {
        try {
            return read();
        } catch (KindNotServedException e) {
            throw e; // an answer, not a failure to read: the cluster lacks the kind (its CRD)
        } catch (ApplyException | KubernetesClientException e) {
            // not knowing is not failing: an UNKNOWN status with the cause, not an exception
            return unreadable(e);
        }
    }

    /**
     * The status when the API server could not be read: lifecycle and verdict UNKNOWN, the cause in
     * the message and in every condition (reason {@value Health#API_UNAVAILABLE}).
     */
    private DeploymentStatus unreadable(RuntimeException e) {
        String problem = "the API server could not be read: " + e.getMessage();
        Pods none = StatusAssembly.pods(ResourceNames.of(name), List.of(), List.of());
        DeploymentStatus unknown =
                new DeploymentStatus(
                        namespace,
                        name,
                        Lifecycle.UNKNOWN,
                        none.jobManager(),
                        none.taskManagers(),
                        null,
                        null,
                        null,
                        List.of(),
                        problem);
        return StatusAssembly.judged(unknown, none, null, problem, ctx.options().clock().instant());
    }

    private DeploymentStatus read() {
        Optional<StateRecord> state = ctx.states().read(namespace, name);
        if (OperatorObserver.targets(state)) {
            return new OperatorObserver(ctx, namespace, name).status(state);
        }
        Pods pods = pods(true);
        JobInfo job = null;
        String problem = null;
        if (StatusAssembly.asksFlink(pods, StatusAssembly.suspended(state))) {
            try {
                job = new JobControl(ctx, namespace, name).currentJobInfo().orElse(null);
            } catch (FlinkJobException e) {
                problem = e.getMessage();
            }
        }
        return StatusAssembly.judged(
                StatusAssembly.assemble(namespace, name, state, pods, job, problem),
                pods,
                problem,
                null,
                ctx.options().clock().instant());
    }
}
