package io.flinkk8s.sdk.core.flink;

import java.util.List;

/**
 * How to run an uploaded jar on a session cluster ({@code POST /jars/:jarid/run}).
 *
 * @param entryClass may be null: the jar manifest's {@code Main-Class}
 * @param args the program arguments, never null
 * @param parallelism may be null: the cluster's default
 * @param savepointPath may be null: start without state; otherwise the savepoint to restore
 * @param allowNonRestoredState whether state of removed operators may be skipped on restore
 */
public record JarRun(
        String entryClass,
        List<String> args,
        Integer parallelism,
        String savepointPath,
        boolean allowNonRestoredState) {

    /** Copies the arguments; null becomes empty. */
    public JarRun {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** Runs {@code entryClass} with {@code args}, default parallelism, no savepoint. */
    public static JarRun of(String entryClass, String... args) {
        return new JarRun(entryClass, List.of(args), null, null, false);
    }

    /** A copy that restores from {@code path}. */
    public JarRun fromSavepoint(String path) {
        return new JarRun(entryClass, args, parallelism, path, allowNonRestoredState);
    }

    /** A copy with {@code parallelism} replaced. */
    public JarRun withParallelism(Integer value) {
        return new JarRun(entryClass, args, value, savepointPath, allowNonRestoredState);
    }
}
