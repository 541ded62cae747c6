package io.flinkk8s.sdk.core.deploy.internal.cluster;

import io.flinkk8s.sdk.core.deploy.ProgressEvent;
import io.flinkk8s.sdk.core.deploy.ProgressListener;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the caller's {@link ProgressListener} what is happening, and logs it at INFO. */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final ProgressListener listener;
    private final Clock clock;

    Progress(ProgressListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** Tells the listener (and the log) what {@code operation} on the deployment is doing. */
    public void report(String namespace, String name, String operation, String message) {
        ProgressEvent event =
                new ProgressEvent(clock.instant(), namespace, name, operation, message);
        LOG.info("{}", event);
        try {
            listener.onProgress(event);
        } catch (RuntimeException e) {
            LOG.warn("The progress listener failed on \"{}\"; ignored", event, e);
        }
    }
}
