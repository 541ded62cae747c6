package io.flinkk8s.sdk.core.deploy;

/**
 * Receives what a deployer is doing, one event at a time, e.g. {@code 2/3 TaskManagers ready} or
 * {@code savepoint taken: s3://bucket/sp/savepoint-1a2b3c-...}. Every event is also logged through
 * SLF4J at INFO by the logger {@code io.flinkk8s.sdk.core.deploy.internal.cluster.Progress}.
 *
 * <p>Called on the thread doing the work; keep it quick. An exception it throws is logged and
 * otherwise ignored.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Handles one event. */
    void onProgress(ProgressEvent event);

    /** A listener that ignores every event (the events are still logged). */
    static ProgressListener none() {
        return event -> {};
    }
}
