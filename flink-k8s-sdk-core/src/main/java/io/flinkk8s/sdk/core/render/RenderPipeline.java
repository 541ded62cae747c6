package io.flinkk8s.sdk.core.render;

import io.flinkk8s.sdk.core.render.operator.FlinkDeploymentStep;
import io.flinkk8s.sdk.core.render.operator.OperatorAutoscalerStep;
import io.flinkk8s.sdk.core.render.operator.OperatorFlinkConfigStep;
import io.flinkk8s.sdk.core.render.operator.OperatorHighAvailabilityStep;
import io.flinkk8s.sdk.core.render.operator.OperatorHorizontalPodAutoscalerStep;
import io.flinkk8s.sdk.core.render.operator.OperatorPodBaseStep;
import io.flinkk8s.sdk.core.render.operator.OperatorPodDisruptionBudgetStep;
import io.flinkk8s.sdk.core.render.operator.OperatorProbesStep;
import io.flinkk8s.sdk.core.render.step.CheckpointingStep;
import io.flinkk8s.sdk.core.render.step.FlinkConfigMapStep;
import io.flinkk8s.sdk.core.render.step.FlinkConfigMountStep;
import io.flinkk8s.sdk.core.render.step.FlinkConfigStep;
import io.flinkk8s.sdk.core.render.step.HighAvailabilityStep;
import io.flinkk8s.sdk.core.render.step.HorizontalPodAutoscalerStep;
import io.flinkk8s.sdk.core.render.step.IngressStep;
import io.flinkk8s.sdk.core.render.step.JobManagerDeploymentStep;
import io.flinkk8s.sdk.core.render.step.PodBaseStep;
import io.flinkk8s.sdk.core.render.step.PodCommandStep;
import io.flinkk8s.sdk.core.render.step.PodDisruptionBudgetStep;
import io.flinkk8s.sdk.core.render.step.PodSecurityStep;
import io.flinkk8s.sdk.core.render.step.PodTemplateStep;
import io.flinkk8s.sdk.core.render.step.ProbesStep;
import io.flinkk8s.sdk.core.render.step.RbacStep;
import io.flinkk8s.sdk.core.render.step.ReactiveModeStep;
import io.flinkk8s.sdk.core.render.step.ServiceAccountStep;
import io.flinkk8s.sdk.core.render.step.ServicesStep;
import io.flinkk8s.sdk.core.render.step.TaskManagerDeploymentStep;
import io.flinkk8s.sdk.core.render.step.UserFlinkConfigStep;
import io.flinkk8s.sdk.core.render.step.networking.DataPortStep;
import io.flinkk8s.sdk.core.render.step.networking.NetworkPolicyStep;
import io.flinkk8s.sdk.core.render.step.networking.OperatorRestServiceStep;
import io.flinkk8s.sdk.core.render.step.observability.MetricsPortStep;
import io.flinkk8s.sdk.core.render.step.observability.PodMonitorStep;
import io.flinkk8s.sdk.core.render.step.observability.PrometheusReporterStep;
import io.flinkk8s.sdk.core.render.step.scheduling.OperatorSchedulingStep;
import io.flinkk8s.sdk.core.render.step.scheduling.SchedulingStep;
import io.flinkk8s.sdk.core.render.step.security.ContainerFilesystemStep;
import io.flinkk8s.sdk.core.render.step.security.ImagePullSecretsStep;
import io.flinkk8s.sdk.core.render.step.security.OperatorContainerFilesystemStep;
import io.flinkk8s.sdk.core.render.step.security.TlsConfigStep;
import io.flinkk8s.sdk.core.render.step.storage.PersistentVolumeClaimStep;
import io.flinkk8s.sdk.core.render.step.storage.StorageConfigStep;
import io.flinkk8s.sdk.core.render.step.storage.StorageStep;
import io.flinkk8s.sdk.core.render.step.tenancy.TenancyStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The ordered, open list of {@link RenderStep}s that turns a spec into Kubernetes objects. It is
 * immutable: {@link #without}, {@link #replacing} and {@link #with} return new pipelines, so a
 * caller can drop, replace or add a step without forking the SDK.
 *
 * <p>{@link #run} sorts the steps by {@link Phase} and then by their order in the list, and
 * enforces the phase boundaries: CONFIGURE steps see no pod drafts, the config draft is final after
 * CONFIGURE, and the pod drafts are final after POD. A step that breaks a boundary fails the run
 * with an {@link IllegalStateException} naming it.
 *
 * <pre>{@code
 * RenderPipeline pipeline = RenderPipeline.standalone()
 *         .replacing(PodSecurityStep.ID, new MyPodSecurityStep())   // same id, own rules
 *         .with(new MyCertificateStep());                           // an ACCOMPANY step
 * RenderedResources rendered = Renderer.of(pipeline).render(spec);
 * }</pre>
 */
public final class RenderPipeline {

    private final List<RenderStep> steps;

    private RenderPipeline(List<RenderStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * The built-in steps for {@code target: standalone}, in this order: {@code flink-config},
     * {@code high-availability}, {@code checkpointing}, {@code reactive-mode}, {@code
     * network-policy-data-port}, {@code prometheus-reporter}, {@code user-flink-config}
     * (CONFIGURE); {@code pod-template}, {@code pod-base}, {@code pod-security}, {@code
     * pod-command}, {@code flink-config-mount}, {@code container-filesystem}, {@code
     * image-pull-secrets}, {@code probes}, {@code metrics-port} (POD); {@code flink-config-map},
     * {@code jobmanager-deployment}, {@code taskmanager-deployment} (ASSEMBLE); {@code
     * service-account}, {@code rbac}, {@code services}, {@code ingress}, {@code
     * horizontal-pod-autoscaler}, {@code pod-disruption-budgets}, {@code network-policy}, {@code
     * pod-monitor} (ACCOMPANY). The storage and scheduling policies' steps come in the same phases:
     * {@code storage-config} (CONFIGURE, after {@code checkpointing}); {@code storage}, {@code
     * scheduling} (POD, after {@code probes}); {@code persistent-volume-claim} (ACCOMPANY, last);
     * {@code tenancy} (ACCOMPANY, last). {@code security.tls}'s {@code tls-config} (CONFIGURE,
     * before {@code user-flink-config}); its stores are mounted by {@code container-filesystem},
     * its REST probes made HTTPS by {@code probes}.
     */
    public static RenderPipeline standalone() {
        return new RenderPipeline(
                List.of(
                        new FlinkConfigStep(),
                        new HighAvailabilityStep(),
                        new CheckpointingStep(),
                        new StorageConfigStep(),
                        new ReactiveModeStep(),
                        new DataPortStep(),
                        new PrometheusReporterStep(),
                        new TlsConfigStep(),
                        new UserFlinkConfigStep(),
                        new PodTemplateStep(),
                        new PodBaseStep(),
                        new PodSecurityStep(),
                        new PodCommandStep(),
                        new FlinkConfigMountStep(),
                        new ContainerFilesystemStep(),
                        new ImagePullSecretsStep(),
                        new ProbesStep(),
                        new StorageStep(),
                        new SchedulingStep(),
                        new MetricsPortStep(),
                        new FlinkConfigMapStep(),
                        new JobManagerDeploymentStep(),
                        new TaskManagerDeploymentStep(),
                        new ServiceAccountStep(),
                        new RbacStep(),
                        new ServicesStep(),
                        new IngressStep(),
                        new HorizontalPodAutoscalerStep(),
                        new PodDisruptionBudgetStep(),
                        new NetworkPolicyStep(),
                        new PodMonitorStep(),
                        new PersistentVolumeClaimStep(),
                        new TenancyStep()));
    }

    /**
     * The built-in steps for {@code target: operator}, which render one {@code FlinkDeployment}
     * custom resource for the Flink Kubernetes Operator, in this order: {@code flink-config}
     * ({@link OperatorFlinkConfigStep}), {@code high-availability} ({@link
     * OperatorHighAvailabilityStep}), {@code checkpointing}, {@code operator-autoscaler} ({@link
     * OperatorAutoscalerStep}), {@code reactive-mode}, {@code rest-service} ({@link
     * OperatorRestServiceStep}), {@code network-policy-data-port}, {@code prometheus-reporter},
     * {@code user-flink-config} (CONFIGURE); {@code pod-template}, {@code pod-base} ({@link
     * OperatorPodBaseStep}), {@code pod-security}, {@code container-filesystem} ({@link
     * OperatorContainerFilesystemStep}), {@code image-pull-secrets}, {@code probes} ({@link
     * OperatorProbesStep}), {@code metrics-port} (POD); {@code flink-deployment} (ASSEMBLE); {@code
     * horizontal-pod-autoscaler} ({@link OperatorHorizontalPodAutoscalerStep}), {@code
     * pod-disruption-budgets} ({@link OperatorPodDisruptionBudgetStep}), {@code network-policy},
     * {@code pod-monitor} (ACCOMPANY). The steps that share an id with a standalone step stand in
     * for it: they leave out what the operator and Flink's Kubernetes integrations set themselves.
     * Only the HPA of {@code operator-hpa} and the PodDisruptionBudgets may accompany the resource:
     * the operator creates the Services, and its Helm chart the service account and RBAC. The
     * storage and scheduling policies' steps: {@code storage-config} (CONFIGURE); {@code storage},
     * {@code scheduling} ({@link OperatorSchedulingStep}) (POD, into the pod templates); {@code
     * persistent-volume-claim} (ACCOMPANY: the claim the pod templates mount, next to the
     * resource); and {@code tenancy} (ACCOMPANY, last): the quota and limit range bound the
     * operator's pods as they do the SDK's.
     */
    public static RenderPipeline operator() {
        return new RenderPipeline(
                List.of(
                        new OperatorFlinkConfigStep(),
                        new OperatorHighAvailabilityStep(),
                        new CheckpointingStep(),
                        new StorageConfigStep(),
                        new OperatorAutoscalerStep(),
                        new ReactiveModeStep(),
                        new OperatorRestServiceStep(),
                        new DataPortStep(),
                        new PrometheusReporterStep(),
                        new UserFlinkConfigStep(),
                        new PodTemplateStep(),
                        new OperatorPodBaseStep(),
                        new PodSecurityStep(),
                        new OperatorContainerFilesystemStep(),
                        new ImagePullSecretsStep(),
                        new OperatorProbesStep(),
                        new StorageStep(),
                        new OperatorSchedulingStep(),
                        new MetricsPortStep(),
                        new FlinkDeploymentStep(),
                        new OperatorHorizontalPodAutoscalerStep(),
                        new OperatorPodDisruptionBudgetStep(),
                        new NetworkPolicyStep(),
                        new PodMonitorStep(),
                        new PersistentVolumeClaimStep(),
                        new TenancyStep()));
    }

    /**
     * A pipeline of exactly {@code steps}, in this order within each phase.
     *
     * @throws IllegalArgumentException when two steps share an id
     */
    public static RenderPipeline of(List<? extends RenderStep> steps) {
        List<RenderStep> list = new ArrayList<>();
        for (RenderStep step : steps) {
            requireNewId(list, step);
            list.add(step);
        }
        return new RenderPipeline(list);
    }

    /** The steps in list order (not yet sorted by phase). */
    public List<RenderStep> steps() {
        return steps;
    }

    /** The step ids in list order. */
    public List<StepId> ids() {
        return steps.stream().map(RenderStep::id).toList();
    }

    /**
     * A pipeline without the step {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids when there is no such step
     */
    public RenderPipeline without(StepId id) {
        int index = indexOf(id);
        List<RenderStep> copy = new ArrayList<>(steps);
        copy.remove(index);
        return new RenderPipeline(copy);
    }

    /**
     * A pipeline with {@code step} in the place of the step {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids when there is no such step, or when
     *     {@code step}'s id is another step's
     */
    public RenderPipeline replacing(StepId id, RenderStep step) {
        int index = indexOf(id);
        List<RenderStep> copy = new ArrayList<>(steps);
        copy.remove(index);
        requireNewId(copy, step);
        copy.add(index, step);
        return new RenderPipeline(copy);
    }

    /**
     * A pipeline with {@code step} added last; it runs after the steps of its phase already listed.
     *
     * @throws IllegalArgumentException when a step with the same id is already listed
     */
    public RenderPipeline with(RenderStep step) {
        List<RenderStep> copy = new ArrayList<>(steps);
        requireNewId(copy, step);
        copy.add(step);
        return new RenderPipeline(copy);
    }

    /**
     * Runs every step whose {@link RenderStep#appliesTo} holds, phase by phase, and returns the
     * final rendering.
     *
     * @throws IllegalStateException when a step breaks a phase boundary or two steps emit the same
     *     object; both are bugs in a step, never caused by the spec
     */
    public Rendering run(RenderContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        List<RenderStep> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparing(RenderStep::phase)); // stable: list order within a phase
        Rendering r = Rendering.empty();
        for (RenderStep step : ordered) {
            if (step.phase() != Phase.CONFIGURE && !r.hasPodDrafts()) {
                r = r.withPodDrafts(PodDraft.empty(), PodDraft.empty());
            }
            if (step.appliesTo(ctx)) {
                r = runOne(step, ctx, r);
            }
        }
        if (!r.hasPodDrafts()) {
            r = r.withPodDrafts(PodDraft.empty(), PodDraft.empty());
        }
        return r.attributedTo(null);
    }

    private static Rendering runOne(RenderStep step, RenderContext ctx, Rendering in) {
        Rendering out =
                Objects.requireNonNull(
                        step.apply(ctx, in.attributedTo(step.id())),
                        () -> "step '" + step.id() + "' returned null");
        Phase phase = step.phase();
        if (phase == Phase.CONFIGURE && out.hasPodDrafts()) {
            throw boundary(step, "created pod drafts; pods belong to the POD phase");
        }
        if (phase != Phase.CONFIGURE && !out.config().equals(in.config())) {
            throw boundary(step, "changed the Flink config; only CONFIGURE steps may");
        }
        if (phase.compareTo(Phase.POD) > 0
                && (out.jobManagerPod() != in.jobManagerPod()
                        || out.taskManagerPod() != in.taskManagerPod())) {
            throw boundary(step, "changed a pod draft; only POD steps may");
        }
        return out;
    }

    private static IllegalStateException boundary(RenderStep step, String what) {
        return new IllegalStateException("step '" + step.id() + "' (" + step.phase() + ") " + what);
    }

    private int indexOf(StepId id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "no step '" + id + "' in this pipeline; its steps are " + ids());
    }

    private static void requireNewId(List<RenderStep> steps, RenderStep step) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(step.id(), "step id");
        Objects.requireNonNull(step.phase(), () -> "phase of step '" + step.id() + "'");
        if (steps.stream().anyMatch(s -> s.id().equals(step.id()))) {
            throw new IllegalArgumentException(
                    "a step with id '"
                            + step.id()
                            + "' is already listed; use replacing("
                            + step.id()
                            + ", step) to swap it");
        }
    }

    @Override
    public String toString() {
        return steps.stream()
                .map(s -> s.id() + "(" + s.phase() + ")")
                .collect(Collectors.joining(", ", "RenderPipeline[", "]"));
    }
}
