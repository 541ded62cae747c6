package io.flinkk8s.sdk.testkit.internal.controllers;

import java.util.Set;

/**
 * One behaviour of the in-memory cluster's control plane (what kube-controller-manager, the
 * scheduler or the kubelet would do), run deterministically by the cluster: after each client
 * write, when resources it watches changed, and at the virtual times it asked to be woken.
 *
 * <p>A controller reconciles everything it is responsible for on each run, writes only what differs
 * (so the cluster settles), and keeps no state that the objects themselves do not carry, except
 * what a real controller keeps in memory too (the HPA's recommendations).
 */
public interface Controller {

    /** The plural resources whose changes make this controller run ({@code deployments}, ...). */
    Set<String> watches();

    /** Brings the objects this controller owns in line with what it sees. */
    void reconcile(ControllerContext context);
}
