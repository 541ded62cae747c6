package io.flinkk8s.sdk.core.spec;

import java.util.List;

/**
 * The job of an application cluster, with the Flink Kubernetes Operator's field names.
 *
 * @param jarURI the job jar, e.g. {@code local:///opt/flink/usrlib/orders.jar}; may be null only
 *     while the spec is invalid (the validator requires it in application mode)
 * @param entryClass the main class; may be null: taken from the jar's manifest
 * @param args arguments to the main class, never null
 * @param parallelism may be null: {@code taskManager.replicas × taskManager.taskSlots}
 * @param upgradeMode may be null: filled by {@link SpecDefaults} ({@link UpgradeMode#STATELESS}, as
 *     the operator)
 * @param state may be null: filled by {@link SpecDefaults} ({@link JobState#RUNNING})
 * @param initialSavepointPath may be null: the savepoint the first deployment starts from
 * @param allowNonRestoredState may be null: filled by {@link SpecDefaults} (false)
 */
public record JobSpec(
        String jarURI,
        String entryClass,
        List<String> args,
        Integer parallelism,
        UpgradeMode upgradeMode,
        JobState state,
        String initialSavepointPath,
        Boolean allowNonRestoredState) {

    /** Normalises: copies {@code args}, a null list becomes empty. */
    public JobSpec {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A job that runs {@code jarURI}, everything else unset. */
    public static JobSpec ofJar(String jarURI) {
        return new JobSpec(jarURI, null, List.of(), null, null, null, null, null);
    }

    /** A copy with {@code state} replaced (suspend / resume). */
    public JobSpec withState(JobState state) {
        return new JobSpec(
                jarURI,
                entryClass,
                args,
                parallelism,
                upgradeMode,
                state,
                initialSavepointPath,
                allowNonRestoredState);
    }

    /** A copy with {@code parallelism} replaced. */
    public JobSpec withParallelism(Integer parallelism) {
        return new JobSpec(
                jarURI,
                entryClass,
                args,
                parallelism,
                upgradeMode,
                state,
                initialSavepointPath,
                allowNonRestoredState);
    }

    /** A copy with {@code upgradeMode} replaced. */
    public JobSpec withUpgradeMode(UpgradeMode upgradeMode) {
        return new JobSpec(
                jarURI,
                entryClass,
                args,
                parallelism,
                upgradeMode,
                state,
                initialSavepointPath,
                allowNonRestoredState);
    }

    /** A copy with {@code initialSavepointPath} replaced. */
    public JobSpec withInitialSavepointPath(String initialSavepointPath) {
        return new JobSpec(
                jarURI,
                entryClass,
                args,
                parallelism,
                upgradeMode,
                state,
                initialSavepointPath,
                allowNonRestoredState);
    }
}
