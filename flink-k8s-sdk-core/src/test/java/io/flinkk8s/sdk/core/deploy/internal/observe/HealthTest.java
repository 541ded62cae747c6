package io.flinkk8s.sdk.core.deploy.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.status.Condition;
import io.flinkk8s.sdk.core.deploy.status.Condition.Status;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatus;
import io.flinkk8s.sdk.core.deploy.status.HealthVerdict;
import io.flinkk8s.sdk.core.deploy.status.JobInfo;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.WorkloadStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verdict and conditions {@link Health} derives, as a table of inputs. */
class HealthTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final FailureCause IMAGE =
            new FailureCause(
                    "ErrImagePull",
                    "orders-jobmanager",
                    "orders-jobmanager-1",
                    "flink-main-container",
                    "cannot pull",
                    "img");
    private static final FailureCause OOM =
            new FailureCause(
                    "CrashLoopBackOff",
                    "orders-taskmanager",
                    "orders-taskmanager-1",
                    "flink-main-container",
                    "keeps crashing; last terminated: OOMKilled (exit code 137)",
                    "OOMKilled (exit code 137)");

    /** One row: lifecycle, job state, pods' causes, Flink and API problems, TMs ready → verdict. */
    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        Lifecycle.RUNNING,
                        JobStatus.RUNNING,
                        List.of(),
                        null,
                        null,
                        3,
                        HealthVerdict.HEALTHY),
                row(Lifecycle.DEPLOYING, null, List.of(), null, null, 0, HealthVerdict.PROGRESSING),
                row(Lifecycle.UPGRADING, null, List.of(), null, null, 3, HealthVerdict.PROGRESSING),
                row(Lifecycle.SUSPENDED, null, List.of(), null, null, 0, HealthVerdict.SUSPENDED),
                row(Lifecycle.DELETED, null, List.of(), null, null, 0, HealthVerdict.UNKNOWN),
                row(
                        Lifecycle.FAILED,
                        JobStatus.FAILED,
                        List.of(),
                        null,
                        null,
                        3,
                        HealthVerdict.FAILED),
                row(Lifecycle.DEPLOYING, null, List.of(IMAGE), null, null, 0, HealthVerdict.FAILED),
                row(Lifecycle.UPGRADING, null, List.of(IMAGE), null, null, 0, HealthVerdict.FAILED),
                row(
                        Lifecycle.DEPLOYING,
                        JobStatus.RUNNING,
                        List.of(OOM),
                        null,
                        null,
                        2,
                        HealthVerdict.DEGRADED),
                // Flink says RUNNING, but no TaskManager is up to run it
                row(
                        Lifecycle.DEPLOYING,
                        JobStatus.RUNNING,
                        List.of(OOM),
                        null,
                        null,
                        0,
                        HealthVerdict.FAILED),
                row(
                        Lifecycle.DEPLOYING,
                        JobStatus.RESTARTING,
                        List.of(),
                        null,
                        null,
                        3,
                        HealthVerdict.DEGRADED),
                row(
                        Lifecycle.DEPLOYING,
                        JobStatus.RUNNING,
                        List.of(),
                        null,
                        null,
                        2,
                        HealthVerdict.DEGRADED),
                // the JobManager does not answer while its pods are ready: not known, never FAILED
                row(Lifecycle.FAILED, null, List.of(), "no answer", null, 3, HealthVerdict.UNKNOWN),
                // the API server does not answer: not known, whatever the last status said
                row(
                        Lifecycle.FAILED,
                        JobStatus.FAILED,
                        List.of(),
                        null,
                        "watch lost",
                        3,
                        HealthVerdict.UNKNOWN),
                row(
                        Lifecycle.RUNNING,
                        JobStatus.RUNNING,
                        List.of(),
                        null,
                        "watch lost",
                        3,
                        HealthVerdict.UNKNOWN),
                // the operator target reports FAILED without a job state
                row(Lifecycle.FAILED, null, List.of(), null, null, 0, HealthVerdict.FAILED));
    }

    @ParameterizedTest(name = "{0} job {1} causes {2} flink {3} api {4} TMs {5}/3 -> {6}")
    @MethodSource("table")
    void derivesTheVerdictFromWhatWasRead(
            Lifecycle lifecycle,
            JobStatus job,
            List<FailureCause> causes,
            String flinkProblem,
            String apiProblem,
            int readyTaskManagers,
            HealthVerdict expected) {
        // when
        HealthVerdict verdict =
                Health.verdict(
                        facts(lifecycle, job, causes, flinkProblem, apiProblem, readyTaskManagers));
        // then
        assertThat(verdict).isEqualTo(expected);
    }

    @Test
    void aNotAnsweringJobManagerIsNeverJudgedFailed() {
        for (Lifecycle lifecycle : Lifecycle.values()) {
            for (JobStatus job : new JobStatus[] {null, JobStatus.RUNNING, JobStatus.CREATED}) {
                assertThat(Health.verdict(facts(lifecycle, job, List.of(), "no answer", null, 3)))
                        .as("%s with job %s", lifecycle, job)
                        .isNotEqualTo(HealthVerdict.FAILED);
                assertThat(Health.verdict(facts(lifecycle, job, List.of(), null, "no answer", 3)))
                        .as("%s with job %s, API down", lifecycle, job)
                        .isEqualTo(HealthVerdict.UNKNOWN);
            }
        }
    }

    @Test
    void aFailedJobsConditionsCarryFlinksRootException() {
        // given
        DeploymentStatus status =
                status(Lifecycle.FAILED, JobStatus.FAILED, 3).withHealth(List.of(), null);
        JobInfo failed =
                new JobInfo("a1", "orders", JobStatus.FAILED)
                        .withRootException("java.lang.IllegalStateException: no topic");
        DeploymentStatus withRoot = withJob(status, failed);
        // when
        DeploymentStatus judged =
                Health.judge(new Health.Facts(withRoot, List.of(), true, null, null, 4L), T0);
        // then
        assertThat(judged.verdict()).isEqualTo(HealthVerdict.FAILED);
        assertThat(judged.conditions())
                .extracting(Condition::type)
                .containsExactly(
                        Condition.READY,
                        Condition.PROGRESSING,
                        Condition.DEGRADED,
                        Condition.SUSPENDED);
        Condition degraded = judged.condition(Condition.DEGRADED).orElseThrow();
        assertThat(degraded.status()).isEqualTo(Status.TRUE);
        assertThat(degraded.reason()).isEqualTo("JobFailed");
        assertThat(degraded.message())
                .isEqualTo("job a1 FAILED: java.lang.IllegalStateException: no topic");
        assertThat(degraded.observedGeneration()).isEqualTo(4L);
        assertThat(judged.condition(Condition.READY).orElseThrow().status())
                .isEqualTo(Status.FALSE);
    }

    @Test
    void aPodsCauseIsTheReasonAndMessageOfTheConditions() {
        // when
        DeploymentStatus judged =
                Health.judge(
                        new Health.Facts(
                                status(Lifecycle.DEPLOYING, null, 0),
                                List.of(IMAGE),
                                false,
                                null,
                                null,
                                1L),
                        T0);
        // then
        assertThat(judged.condition(Condition.READY).orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.status()).isEqualTo(Status.FALSE);
                            assertThat(c.reason()).isEqualTo("ErrImagePull");
                            assertThat(c.message()).isEqualTo("cannot pull");
                        });
        assertThat(judged.condition(Condition.PROGRESSING).orElseThrow().reason())
                .isEqualTo("ErrImagePull");
        assertThat(judged.condition(Condition.DEGRADED).orElseThrow().isTrue()).isTrue();
    }

    @Test
    void anUnreadableApiServerMakesEveryConditionUnknown() {
        // when
        DeploymentStatus judged =
                Health.judge(
                        new Health.Facts(
                                status(Lifecycle.RUNNING, JobStatus.RUNNING, 3),
                                List.of(),
                                true,
                                null,
                                "watch lost",
                                1L),
                        T0);
        // then
        assertThat(judged.conditions())
                .allSatisfy(
                        c -> {
                            assertThat(c.status()).isEqualTo(Status.UNKNOWN);
                            assertThat(c.reason()).isEqualTo(Health.API_UNAVAILABLE);
                        });
    }

    @Test
    void aTransitionTimeMovesOnlyWhenTheConditionsStatusChanges() {
        // given: running at T0
        DeploymentStatus first =
                Health.judge(
                        new Health.Facts(
                                status(Lifecycle.RUNNING, JobStatus.RUNNING, 3),
                                List.of(),
                                true,
                                null,
                                null,
                                1L),
                        T0);
        // when: still running at T0 + 1 min, then degraded at T0 + 2 min
        DeploymentStatus same =
                Health.keepTransitionTimes(
                        first,
                        Health.judge(
                                new Health.Facts(
                                        status(Lifecycle.RUNNING, JobStatus.RUNNING, 3),
                                        List.of(),
                                        true,
                                        null,
                                        null,
                                        1L),
                                T0.plusSeconds(60)));
        DeploymentStatus degraded =
                Health.keepTransitionTimes(
                        same,
                        Health.judge(
                                new Health.Facts(
                                        status(Lifecycle.DEPLOYING, JobStatus.RUNNING, 2),
                                        List.of(OOM),
                                        true,
                                        null,
                                        null,
                                        1L),
                                T0.plusSeconds(120)));
        // then
        assertThat(same).isEqualTo(first);
        assertThat(degraded.condition(Condition.READY).orElseThrow().lastTransitionTime())
                .isEqualTo(T0.plusSeconds(120));
        assertThat(degraded.condition(Condition.SUSPENDED).orElseThrow().lastTransitionTime())
                .isEqualTo(T0);
    }

    private static Arguments row(
            Lifecycle lifecycle,
            JobStatus job,
            List<FailureCause> causes,
            String flinkProblem,
            String apiProblem,
            int readyTaskManagers,
            HealthVerdict expected) {
        return Arguments.of(
                lifecycle, job, causes, flinkProblem, apiProblem, readyTaskManagers, expected);
    }

    private static Health.Facts facts(
            Lifecycle lifecycle,
            JobStatus job,
            List<FailureCause> causes,
            String flinkProblem,
            String apiProblem,
            int readyTaskManagers) {
        return new Health.Facts(
                status(lifecycle, job, readyTaskManagers),
                causes,
                true,
                flinkProblem,
                apiProblem,
                1L);
    }

    private static DeploymentStatus status(
            Lifecycle lifecycle, JobStatus job, int readyTaskManagers) {
        return new DeploymentStatus(
                "streaming",
                "orders",
                lifecycle,
                new WorkloadStatus(
                        1, lifecycle == Lifecycle.DEPLOYING && readyTaskManagers == 0 ? 0 : 1, 0),
                new WorkloadStatus(3, readyTaskManagers, 0),
                job == null ? null : new JobInfo("a1", "orders", job),
                null,
                null,
                List.of(),
                lifecycle.toString());
    }

    private static DeploymentStatus withJob(DeploymentStatus s, JobInfo job) {
        return new DeploymentStatus(
                s.namespace(),
                s.name(),
                s.lifecycle(),
                s.jobManager(),
                s.taskManagers(),
                job,
                s.upgradeStep(),
                s.lastSavepoint(),
                s.savepoints(),
                s.message());
    }
}
