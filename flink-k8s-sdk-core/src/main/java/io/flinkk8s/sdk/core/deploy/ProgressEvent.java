package io.flinkk8s.sdk.core.deploy;

import java.time.Instant;

/**
 * One step of a deployer's work on one deployment, for a {@link ProgressListener}.
 *
 * @param time when it happened, on the deployer's clock
 * @param namespace the deployment's namespace
 * @param name the deployment's name
 * @param operation what the deployer is doing: {@code apply}, {@code wait}, {@code upgrade}, {@code
 *     suspend}, {@code resume}, {@code scale}, {@code delete}, {@code savepoint}, or {@code
 *     apply-all} and {@code plan-all} (one event per deployment a bulk call finished)
 * @param message what happened, e.g. {@code 2/3 TaskManagers ready}
 */
public record ProgressEvent(
        Instant time, String namespace, String name, String operation, String message) {

    /** {@code streaming/orders upgrade: savepoint taken: s3://...}. */
    @Override
    public String toString() {
        return namespace + "/" + name + " " + operation + ": " + message;
    }
}
