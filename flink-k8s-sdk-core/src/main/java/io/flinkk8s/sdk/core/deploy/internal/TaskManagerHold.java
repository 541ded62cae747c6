package io.flinkk8s.sdk.core.deploy.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ResourceApplier.Live;
import io.flinkk8s.sdk.core.deploy.internal.cluster.StateRecord;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.ResourceKey;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingStrategy;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The TaskManager count kept after autoscaling ({@code hpa-reactive}) is turned off, so that the
 * TaskManager Deployment stays at the HPA's last count instead of jumping to {@code
 * taskManager.replicas}: the first apply without the HPA reads that count from the live Deployment
 * and the state record keeps it ({@link StateRecord#heldTaskManagers()}); every apply after renders
 * it in place of {@code taskManager.replicas}, so a re-apply of the same spec writes nothing. It
 * ends when the caller asks for a count: a {@code taskManager.replicas} other than the last applied
 * spec's, or {@code handle.scale(...)}; turning autoscaling on again drops it too. The count is
 * raised to what an explicit {@code job.parallelism} needs, which the HPA's reactive mode did not
 * (the job could not be scheduled on fewer slots).
 */
final class TaskManagerHold {

    private TaskManagerHold() {}

    /**
     * The autoscaler's last count to keep for this apply of {@code effective}, or null for none.
     *
     * @param active the deployment's state record, unless deleted
     * @param live what the cluster holds; its TaskManager Deployment gives the count when the
     *     record's spec autoscaled with an HPA
     * @param scaledByHand whether the caller asked for a count with {@code scale(...)}
     */
    static Integer decide(
            EffectiveSpec effective,
            Optional<StateRecord> active,
            Live live,
            boolean scaledByHand) {
        if (scaledByHand || active.isEmpty() || !mayHold(effective)) {
            return null;
        }
        EffectiveSpec before = active.get().effective();
        Integer wanted = effective.spec().taskManager().replicas();
        if (!Objects.equals(before.spec().taskManager().replicas(), wanted)) {
            return null;
        }
        Integer last =
                hpaOwnsTheCount(before)
                        ? liveCount(effective, live)
                        : active.get().heldTaskManagers();
        if (last == null || last <= 0 || count(effective, last) == wanted) {
            return null;
        }
        return last;
    }

    /** The count a record holds for {@code effective}, or null when it holds none or may not. */
    static Integer recorded(EffectiveSpec effective, StateRecord state) {
        return mayHold(effective) ? state.heldTaskManagers() : null;
    }

    /** {@code effective} with the held count as {@code taskManager.replicas}, when one is held. */
    static EffectiveSpec applyTo(EffectiveSpec effective, Integer held) {
        if (held == null || !mayHold(effective)) {
            return effective;
        }
        return effective.withTaskManagerReplicas(count(effective, held));
    }

    /** What the plan says about a held count. */
    static Optional<Advisory> advisory(EffectiveSpec effective, Integer held) {
        if (held == null || !mayHold(effective)) {
            return Optional.empty();
        }
        int count = count(effective, held);
        String why =
                count == held
                        ? "(the autoscaler's last count)"
                        : "(the autoscaler's last count of "
                                + held
                                + ", raised to what job.parallelism "
                                + effective.spec().job().parallelism()
                                + " needs)";
        return Optional.of(
                new Advisory(
                        "taskManager.replicas",
                        "TaskManagers stay at "
                                + count
                                + " "
                                + why
                                + " until taskManager.replicas changes or scale(n) is called"));
    }

    /**
     * Whether a count can be held for {@code effective}: an application on the standalone target
     * whose TaskManager count no HPA owns.
     */
    private static boolean mayHold(EffectiveSpec effective) {
        return effective.spec().target() == RenderTarget.STANDALONE
                && effective.spec().job() != null
                && !hpaOwnsTheCount(effective);
    }

    private static boolean hpaOwnsTheCount(EffectiveSpec effective) {
        AutoscalingPolicy a = effective.spec().autoscaling();
        return effective.spec().target() == RenderTarget.STANDALONE
                && a.isEnabled()
                && a.strategy() == AutoscalingStrategy.HPA_REACTIVE;
    }

    /** The live TaskManager Deployment's {@code spec.replicas}, if it was listed. */
    private static Integer liveCount(EffectiveSpec effective, Live live) {
        String name = ResourceNames.of(effective.name()).taskManagerDeployment();
        HasMetadata o = live.objects().get(new ResourceKey(ObjectKind.DEPLOYMENT.kind(), name));
        return o instanceof Deployment d && d.getSpec() != null ? d.getSpec().getReplicas() : null;
    }

    /** {@code held}, or more when the job's explicit parallelism needs more slots. */
    private static int count(EffectiveSpec effective, int held) {
        Integer parallelism = effective.spec().job().parallelism();
        if (parallelism == null) {
            return held;
        }
        int slots =
                Configuration.fromMap(effective.spec().flinkConfiguration())
                        .getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
                        .orElse(effective.spec().taskManager().taskSlots());
        return slots < 1 ? held : Math.max(held, (parallelism + slots - 1) / slots);
    }
}
