package io.flinkk8s.sdk.core.deploy.internal.observe;

/** What to do next about a {@link FailureCause}: the end of a fail-fast wait's message. */
final class FailureAdvice {

    private FailureAdvice() {}

    /** The advice for {@code cause} in {@code namespace}. */
    static String of(FailureCause cause, String namespace) {
        String describe =
                "kubectl -n "
                        + namespace
                        + " describe "
                        + (cause.pod() == null
                                ? "deploy/" + cause.workload()
                                : "pod " + cause.pod());
        return switch (cause.reason()) {
            case "ErrImagePull", "ImagePullBackOff", "InvalidImageName" ->
                    "Check the image name and tag, that the registry has it and that the pods may"
                            + " pull it (imagePullSecrets), then apply a spec with a pullable"
                            + " image ("
                            + describe
                            + ").";
            case FailureCause.CRASH_LOOP ->
                    (cause.detail().startsWith("OOMKilled")
                                    ? "The container ran out of memory: give it more"
                                            + " (jobManager/taskManager resources.memory) or"
                                            + " lower Flink's memory settings, then apply again."
                                    : "Read the container's whole log (kubectl -n "
                                            + namespace
                                            + " logs "
                                            + cause.pod()
                                            + " -c "
                                            + cause.container()
                                            + " --previous), fix the cause and apply again.")
                            + " ("
                            + describe
                            + ")";
            case PodFailures.UNSCHEDULABLE ->
                    cause.detail().contains("PersistentVolumeClaim")
                            ? "A PersistentVolumeClaim the pod mounts is not bound: check that its"
                                    + " storage class exists and can provision it (kubectl -n "
                                    + namespace
                                    + " get pvc; kubectl get storageclass), then apply again ("
                                    + describe
                                    + ")."
                            : "Add or free capacity in the cluster, or ask for less (resources, replicas,"
                                    + " node selector, tolerations), then apply again ("
                                    + describe
                                    + "). With a cluster autoscaler, give the wait more"
                                    + " DeployOptions.failFastGrace.";
            case PodFailures.FAILED_CREATE ->
                    "The namespace's admission refuses the pods (a ResourceQuota, a LimitRange or"
                            + " its Pod Security level, as the message says): ask for less"
                            + " (resources, replicas), raise the quota, or meet the namespace's"
                            + " policy, then apply again (kubectl -n "
                            + namespace
                            + " describe quota,limitrange; "
                            + describe
                            + ").";
            default -> "See " + describe + ".";
        };
    }
}
