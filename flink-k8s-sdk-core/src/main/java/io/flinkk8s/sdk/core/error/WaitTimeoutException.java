package io.flinkk8s.sdk.core.error;

/**
 * A wait ({@code waitUntilReady}, {@code waitUntilRunning}) ran out of time. The message names the
 * deployment, what was awaited and the last state observed, e.g. {@code 2/3 TaskManagers ready}.
 * Nothing was changed by the wait itself; waiting again is safe.
 */
public class WaitTimeoutException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String lastObserved;

    /**
     * @param message what was awaited, for how long, on which deployment, and what to check
     * @param lastObserved the last state observed, for callers that report it separately
     */
    public WaitTimeoutException(String message, String lastObserved) {
        super(message);
        this.lastObserved = lastObserved;
    }

    /** The last state observed before the time ran out. */
    public String lastObserved() {
        return lastObserved;
    }
}
