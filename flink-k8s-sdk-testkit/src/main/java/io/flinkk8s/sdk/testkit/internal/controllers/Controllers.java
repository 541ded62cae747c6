package io.flinkk8s.sdk.testkit.internal.controllers;

import java.util.List;

/** The built-in controllers of an in-memory cluster, in the order each round runs them. */
public final class Controllers {

    private Controllers() {}

    /** A fresh set: scheduler, workloads, kubelet, endpoints, garbage collector, HPA. */
    public static List<Controller> builtIn() {
        return List.of(
                new PodScheduler(),
                new DeploymentController(),
                new ReplicaSetController(),
                new StatefulSetController(),
                new PodReadinessController(),
                new EndpointsController(),
                new GarbageCollector(),
                new HpaController());
    }
}
