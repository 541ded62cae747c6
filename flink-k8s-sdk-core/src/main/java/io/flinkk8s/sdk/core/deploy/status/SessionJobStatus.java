package io.flinkk8s.sdk.core.deploy.status;

/**
 * The status of a session job as the Flink Kubernetes Operator reports it in its {@code
 * FlinkSessionJob}'s {@code .status}.
 *
 * @param namespace the session job's namespace
 * @param name the session job's name
 * @param lifecycle the operator's {@code lifecycleState} in the SDK's terms: RUNNING once the
 *     operator considers the job stable (or the job runs) for the spec last applied, UPGRADING
 *     while it moves the job to a spec it has not reconciled yet, SUSPENDED, FAILED, DELETED when
 *     there is no {@code FlinkSessionJob}
 * @param job the job the operator submitted to the session cluster; null before its first
 *     submission
 * @param upgradeSavepointPath the savepoint the operator's next start of the job restores from
 *     ({@code jobStatus.upgradeSavepointPath}); null when it has none
 * @param message one line for people: lifecycle, job state and the operator's last error
 */
public record SessionJobStatus(
        String namespace,
        String name,
        Lifecycle lifecycle,
        JobInfo job,
        String upgradeSavepointPath,
        String message) {}
