package io.flinkk8s.sdk.core.deploy;

/**
 * What one apply, upgrade, suspend or resume of a session job did: the session job's counterpart of
 * {@link ApplyResult}.
 *
 * <p>On a session cluster of target standalone the deployer moves the job itself, so {@link
 * #transition()} says how ({@link ApplyResult.Transition#SAVEPOINT_UPGRADE}: stopped with the
 * savepoint {@link #savepointPath()} and the new job started from it), and {@link #jobId()} names
 * the job running afterwards. On target operator the Flink Kubernetes Operator moves the job after
 * the apply: the transition is {@link ApplyResult.Transition#NONE}, {@link #changedCluster()} says
 * whether the {@code FlinkSessionJob} changed, and the job is read with {@code status()} once
 * {@code waitUntilRunning} returns.
 *
 * @param namespace the session job's namespace
 * @param name the session job's name
 * @param transition how the job was moved; NONE when nothing had to be (or, on target operator,
 *     when the operator moves it)
 * @param changedCluster whether anything was written to the cluster or submitted to Flink
 * @param jobId may be null: the hex id of the job running for the spec now (null when suspended,
 *     and on target operator)
 * @param savepointPath may be null: the savepoint the job was stopped at by this call (an upgrade
 *     or a suspension through a savepoint)
 */
public record SessionJobResult(
        String namespace,
        String name,
        ApplyResult.Transition transition,
        boolean changedCluster,
        String jobId,
        String savepointPath) {}
