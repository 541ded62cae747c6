package io.flinkk8s.sdk.core.deploy.internal.observe;

import io.flinkk8s.sdk.core.deploy.status.Condition;
import io.flinkk8s.sdk.core.deploy.status.Condition.Status;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.HealthVerdict;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;

/**
 * The one place a deployment's conditions ({@code Ready}, {@code Progressing}, {@code Degraded},
 * {@code Suspended}) and its {@link HealthVerdict} are derived, from what was read about it; shared
 * by a handle's {@code status()} and the status view, both targets. A pure function of its {@link
 * Facts}.
 *
 * <p>The rules, in order: the API server could not be read: UNKNOWN. Suspended: SUSPENDED. Nothing
 * deployed: UNKNOWN. The job FAILED: FAILED. A pod shows a cause ({@link PodFailures}): DEGRADED
 * while the job still runs on at least one ready TaskManager, else FAILED. The JobManager did not
 * answer: UNKNOWN (never FAILED: not knowing is not failing). The operator reports FAILED: FAILED.
 * Running: HEALTHY. The job restarts, or it runs with fewer TaskManagers ready than desired once
 * they are rolled out: DEGRADED. Else (deploying, upgrading): PROGRESSING.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class Health {

    /**
     * What the verdict is made of.
     *
     * @param status the status so far (lifecycle, workloads, job, message)
     * @param causes what the pods show ({@link PodFailures}); empty when nothing
     * @param rolledOut whether the workloads run the latest spec (standalone; true for operator)
     * @param flinkProblem may be null: why the JobManager could not be read
     * @param apiProblem may be null: why the API server could not be read
     * @param generation may be null: the generation the conditions were judged from
     */
    public record Facts(
            DeploymentStatus status,
            List<FailureCause> causes,
            boolean rolledOut,
            String flinkProblem,
            String apiProblem,
            Long generation) {

        /** Copies the causes. */
        public Facts {
            Objects.requireNonNull(status, "status");
            causes = causes == null ? List.of() : List.copyOf(causes);
        }
    }

    /** The reason of conditions that could not be judged because the API server did not answer. */
    public static final String API_UNAVAILABLE = "ApiServerUnavailable";

    /** The reason of conditions that could not be judged because the JobManager did not answer. */
    public static final String FLINK_UNAVAILABLE = "JobManagerUnavailable";

    private Health() {}

    /**
     * {@code facts.status()} with its conditions and verdict, each condition changed at {@code
     * now}.
     */
    public static DeploymentStatus judge(Facts facts, Instant now) {
        HealthVerdict verdict = verdict(facts);
        return facts.status().withHealth(conditions(facts, verdict, now), verdict);
    }

    /** The verdict of {@code facts} (the rules in the class comment). */
    public static HealthVerdict verdict(Facts f) {
        Lifecycle lifecycle = f.status().lifecycle();
        JobStatus job = jobState(f);
        if (f.apiProblem() != null) {
            return HealthVerdict.UNKNOWN;
        }
        if (lifecycle == Lifecycle.SUSPENDED) {
            return HealthVerdict.SUSPENDED;
        }
        if (lifecycle == Lifecycle.DELETED) {
            return HealthVerdict.UNKNOWN;
        }
        if (job == JobStatus.FAILED) {
            return HealthVerdict.FAILED;
        }
        if (!f.causes().isEmpty()) {
            return jobAlive(f, job) ? HealthVerdict.DEGRADED : HealthVerdict.FAILED;
        }
        if (f.flinkProblem() != null) {
            return HealthVerdict.UNKNOWN;
        }
        if (lifecycle == Lifecycle.FAILED) {
            return HealthVerdict.FAILED;
        }
        if (lifecycle == Lifecycle.RUNNING) {
            return HealthVerdict.HEALTHY;
        }
        if (restarting(job) || lostTaskManagers(f, job)) {
            return HealthVerdict.DEGRADED;
        }
        return HealthVerdict.PROGRESSING;
    }

    /**
     * {@code current} with the {@code lastTransitionTime} of every condition whose status has not
     * changed since {@code previous} taken from {@code previous}: a transition time moves only when
     * the status does.
     */
    public static DeploymentStatus keepTransitionTimes(
            DeploymentStatus previous, DeploymentStatus current) {
        if (previous == null || previous.conditions().isEmpty()) {
            return current;
        }
        List<Condition> kept = new ArrayList<>(current.conditions().size());
        for (Condition c : current.conditions()) {
            Optional<Condition> before = previous.condition(c.type());
            kept.add(
                    before.isPresent() && before.get().status() == c.status()
                            ? c.withLastTransitionTime(before.get().lastTransitionTime())
                            : c);
        }
        return current.withHealth(kept, current.verdict());
    }

    private static List<Condition> conditions(Facts f, HealthVerdict verdict, Instant now) {
        Lifecycle lifecycle = f.status().lifecycle();
        Problem problem = problem(f, verdict);
        List<Condition> all = new ArrayList<>(4);
        if (f.apiProblem() != null) {
            for (String type :
                    List.of(
                            Condition.READY,
                            Condition.PROGRESSING,
                            Condition.DEGRADED,
                            Condition.SUSPENDED)) {
                all.add(condition(f, type, Status.UNKNOWN, API_UNAVAILABLE, f.apiProblem(), now));
            }
            return all;
        }
        all.add(ready(f, verdict, problem, now));
        all.add(progressing(f, verdict, problem, now));
        all.add(degraded(f, verdict, problem, now));
        all.add(
                lifecycle == Lifecycle.SUSPENDED
                        ? condition(f, Condition.SUSPENDED, Status.TRUE, "Suspended", msg(f), now)
                        : condition(f, Condition.SUSPENDED, Status.FALSE, "NotSuspended", "", now));
        return all;
    }

    private static Condition ready(Facts f, HealthVerdict verdict, Problem problem, Instant now) {
        return switch (verdict) {
            case HEALTHY -> condition(f, Condition.READY, Status.TRUE, "Running", msg(f), now);
            case UNKNOWN ->
                    f.status().lifecycle() == Lifecycle.DELETED
                            ? condition(
                                    f, Condition.READY, Status.FALSE, "NotDeployed", msg(f), now)
                            : condition(
                                    f,
                                    Condition.READY,
                                    Status.UNKNOWN,
                                    FLINK_UNAVAILABLE,
                                    f.flinkProblem(),
                                    now);
            case SUSPENDED -> condition(f, Condition.READY, Status.FALSE, "Suspended", msg(f), now);
            case PROGRESSING ->
                    condition(f, Condition.READY, Status.FALSE, progressReason(f), msg(f), now);
            case FAILED, DEGRADED ->
                    condition(
                            f,
                            Condition.READY,
                            Status.FALSE,
                            problem.reason(),
                            problem.message(),
                            now);
        };
    }

    private static Condition progressing(
            Facts f, HealthVerdict verdict, Problem problem, Instant now) {
        return switch (verdict) {
            case PROGRESSING ->
                    condition(
                            f, Condition.PROGRESSING, Status.TRUE, progressReason(f), msg(f), now);
            case HEALTHY ->
                    condition(f, Condition.PROGRESSING, Status.FALSE, "Complete", msg(f), now);
            case SUSPENDED ->
                    condition(f, Condition.PROGRESSING, Status.FALSE, "Suspended", msg(f), now);
            case UNKNOWN ->
                    f.status().lifecycle() == Lifecycle.DELETED
                            ? condition(
                                    f, Condition.PROGRESSING, Status.FALSE, "NotDeployed", "", now)
                            : condition(
                                    f,
                                    Condition.PROGRESSING,
                                    Status.UNKNOWN,
                                    FLINK_UNAVAILABLE,
                                    f.flinkProblem(),
                                    now);
            case FAILED, DEGRADED ->
                    condition(
                            f,
                            Condition.PROGRESSING,
                            Status.FALSE,
                            problem.reason(),
                            problem.message(),
                            now);
        };
    }

    private static Condition degraded(
            Facts f, HealthVerdict verdict, Problem problem, Instant now) {
        if (verdict == HealthVerdict.FAILED || verdict == HealthVerdict.DEGRADED) {
            return condition(
                    f, Condition.DEGRADED, Status.TRUE, problem.reason(), problem.message(), now);
        }
        if (verdict == HealthVerdict.UNKNOWN && f.flinkProblem() != null) {
            return condition(
                    f,
                    Condition.DEGRADED,
                    Status.UNKNOWN,
                    FLINK_UNAVAILABLE,
                    f.flinkProblem(),
                    now);
        }
        return condition(f, Condition.DEGRADED, Status.FALSE, "AsExpected", "", now);
    }

    /** The reason and message of a FAILED or DEGRADED verdict: the first thing wrong. */
    private record Problem(String reason, String message) {}

    private static Problem problem(Facts f, HealthVerdict verdict) {
        JobInfo job = f.status().job();
        if (job != null && job.state() == JobStatus.FAILED) {
            return new Problem(
                    FailureCause.JOB_FAILED,
                    "job "
                            + job.id()
                            + " FAILED: "
                            + Objects.requireNonNullElse(
                                    job.rootException(), "Flink reported no root exception"));
        }
        if (!f.causes().isEmpty()) {
            FailureCause first = f.causes().get(0);
            return new Problem(first.reason(), first.message());
        }
        if (f.status().lifecycle() == Lifecycle.FAILED) {
            return new Problem("Failed", msg(f));
        }
        if (job != null && restarting(job.state())) {
            return new Problem("JobRestarting", "job " + job.id() + " is " + job.state());
        }
        return new Problem(
                "TaskManagersNotReady",
                f.status().taskManagers() + " TaskManagers ready (" + msg(f) + ")");
    }

    private static Condition condition(
            Facts f, String type, Status status, String reason, String message, Instant now) {
        return new Condition(type, status, reason, message, now, f.generation());
    }

    private static String progressReason(Facts f) {
        return f.status().lifecycle() == Lifecycle.UPGRADING ? "Upgrading" : "Deploying";
    }

    private static String msg(Facts f) {
        return Objects.toString(f.status().message(), "");
    }

    private static JobStatus jobState(Facts f) {
        return f.status().job() == null ? null : f.status().job().state();
    }

    /**
     * A job that still runs (or is restarting by itself) on at least one ready TaskManager: a pod's
     * cause only degrades it.
     */
    private static boolean jobAlive(Facts f, JobStatus job) {
        return (job == JobStatus.RUNNING || restarting(job))
                && f.status().taskManagers().ready() > 0;
    }

    private static boolean restarting(JobStatus job) {
        return job == JobStatus.RESTARTING || job == JobStatus.FAILING;
    }

    /** A running job whose TaskManagers, rolled out, are fewer ready than desired. */
    private static boolean lostTaskManagers(Facts f, JobStatus job) {
        return job == JobStatus.RUNNING
                && f.rolledOut()
                && f.status().jobManager().isReady()
                && !f.status().taskManagers().isReady();
    }
}
