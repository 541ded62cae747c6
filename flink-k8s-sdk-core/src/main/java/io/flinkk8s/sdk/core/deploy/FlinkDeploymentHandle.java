package io.flinkk8s.sdk.core.deploy;

import java.util.Optional;

/**
 * One deployment in the cluster, to wait on, inspect and drive through its lifecycle. Cheap to
 * create ({@link FlinkDeployer#handle}), holds no connection, and every method reads what it needs
 * from the cluster (the SDK state record included), so a handle made in a new JVM works on a
 * deployment another JVM applied. Thread-safe.
 */
public final class FlinkDeploymentHandle {

    private final DeployerContext ctx;
    private final String namespace;
    private final String name;
    private final ApplyResult lastApply;

    FlinkDeploymentHandle(
            DeployerContext ctx, String namespace, String name, ApplyResult lastApply) {
        this.ctx = ctx;
        this.namespace = namespace;
        this.name = name;
        this.lastApply = lastApply;
    }

    /** The deployment's namespace. */
    public String namespace() {
        return namespace;
    }

    /** The deployment's name. */
    public String name() {
        return name;
    }

    /** What the apply that returned this handle did; empty for a handle made by {@code handle}. */
    public Optional<ApplyResult> lastApply() {
        return Optional.ofNullable(lastApply);
    }

    @Override
    public String toString() {
        return "FlinkDeploymentHandle[" + namespace + "/" + name + "]";
    }
}
