package io.flinkk8s.sdk.testkit.internal.controllers;

import java.util.List;

/** The built-in controllers of an in-memory cluster, in the order each round runs them. */
public final class Controllers {

    private Controllers() {}

    /**
     * A fresh set: volume binder, scheduler, workloads, kubelet, endpoints, load balancers, garbage
     * collector, HPA, quota usage; the scheduler and the kubelet with the pod faults a test
     * injects.
     */
    public static List<Controller> builtIn(PodFaults faults) {
        return List.of(
                new VolumeBinder(),
                new PodScheduler(faults),
                new DeploymentController(),
                new ReplicaSetController(),
                new StatefulSetController(),
                new PodReadinessController(faults),
                new EndpointsController(),
                new LoadBalancerController(),
                new GarbageCollector(),
                new HpaController(),
                new ResourceQuotaController());
    }
}
