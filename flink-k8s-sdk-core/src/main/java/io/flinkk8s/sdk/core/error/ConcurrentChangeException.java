package io.flinkk8s.sdk.core.error;

/**
 * Another deployer (another service replica, another JVM) changed a deployment's SDK state record
 * between this deployer's read and write, so this one stopped rather than drive the same upgrade or
 * lifecycle change twice. Nothing was redeployed by this call. Read {@code status()} and retry when
 * the other operation has finished.
 */
public class ConcurrentChangeException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message names the state record and the operation that stopped. */
    public ConcurrentChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
