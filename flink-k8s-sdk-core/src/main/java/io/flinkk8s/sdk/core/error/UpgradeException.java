package io.flinkk8s.sdk.core.error;

/**
 * A job upgrade, suspend or resume could not be done. The message says why (the cause is, for
 * example, the failed savepoint) and what state the deployment is left in: when {@link
 * #oldJobStillRunning()} is true nothing was redeployed and the previous job keeps running.
 */
public class UpgradeException extends FlinkK8sException {

    private static final long serialVersionUID = 1L;

    private final String namespace;
    private final String name;
    private final boolean oldJobStillRunning;

    /**
     * @param namespace the deployment's namespace
     * @param name the deployment's name
     * @param oldJobStillRunning whether the previous job was left running (nothing redeployed)
     * @param message what failed and what to do next
     * @param cause may be null
     */
    public UpgradeException(
            String namespace,
            String name,
            boolean oldJobStillRunning,
            String message,
            Throwable cause) {
        super(message, cause);
        this.namespace = namespace;
        this.name = name;
        this.oldJobStillRunning = oldJobStillRunning;
    }

    /** The deployment's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The deployment's name. */
    public String name() {
        return name;
    }

    /** Whether nothing was redeployed and the previous job was left running. */
    public boolean oldJobStillRunning() {
        return oldJobStillRunning;
    }
}
