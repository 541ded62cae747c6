package io.flinkk8s.sdk.core.render.operator;

import io.flinkk8s.sdk.core.internal.ObjectKind;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.operator.crd.ConfigTrees;
import io.flinkk8s.sdk.core.operator.crd.FlinkDeployment;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.FlinkConfigDraft;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.render.step.observability.LogLevels;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The Flink Kubernetes Operator's {@code FlinkDeployment} custom resource, assembled from the final
 * config draft and pod drafts; the operator and Flink's native Kubernetes mode create the
 * JobManager Deployment, the TaskManager pods, the Services and the config ConfigMap from it.
 *
 * <ul>
 *   <li><b>emits</b>: {@value #API_VERSION} {@value #KIND} {@code ResourceNames.flinkDeployment()}
 *       with the common labels of {@link Component#FLINK_DEPLOYMENT} and the spec's annotations,
 *       and this {@code spec}, in this order:
 *       <ul>
 *         <li>{@code image}, {@code imagePullPolicy}, {@code flinkVersion} ({@code v2_2}), {@code
 *             serviceAccount}, {@code mode}: {@code operator.mode}, by default {@code native}, or
 *             {@code standalone} with the autoscaling strategy {@code operator-hpa} (the operator
 *             resizes a standalone TaskManager Deployment on a change of {@code
 *             taskManager.replicas}, and Flink's reactive mode runs only in standalone application
 *             clusters);
 *         <li>{@code flinkConfiguration}: the config draft, sorted by key, without the memory sizes
 *             and (in application mode) {@code parallelism.default}, which move into the fields
 *             below; for Flink 1.x with the 1.x names of the checkpoint and savepoint dirs;
 *         <li>{@code logConfiguration}: the spec's, when it has any (the operator's default logging
 *             otherwise); with levels in {@code observability.logging}, its {@code
 *             log4j-console.properties} (the SDK's default unless the spec has one) with the levels
 *             merged in;
 *         <li>{@code ingress}: the spec's, when it has one (the operator creates the Ingress);
 *         <li>{@code jobManager}: {@code replicas}, for {@code operator.version} 1.15 {@code
 *             resource} ({@code cpu} as a number of cores, {@code memory} in Flink's notation such
 *             as {@code 1600m}, {@code ephemeralStorage} as a Kubernetes quantity), for 1.16 {@code
 *             resources} (Kubernetes requests: {@code cpu}, {@code memory}, {@code
 *             ephemeral-storage}, the last also as a limit), {@code podTemplate} (the JobManager
 *             pod draft: env, labels, security contexts and the user's template);
 *         <li>{@code taskManager}: the same, with {@code replicas} in session mode only: in
 *             application mode the operator starts as many TaskManagers as {@code job.parallelism}
 *             needs, which is also what the Flink autoscaler adjusts. With {@code operator-hpa}
 *             {@code replicas} is the scale subresource's {@code specReplicasPath}, which the HPA
 *             owns: applying a value would undo every scaling on the next apply, so it stays out
 *             (as the standalone target leaves out the TaskManager Deployment's replicas), and
 *             {@code FlinkDeployer} sets it once through the scale subresource instead;
 *         <li>{@code job} (application mode): {@code jarURI}, {@code entryClass}, {@code args},
 *             {@code parallelism}, {@code upgradeMode}, {@code state}, {@code
 *             initialSavepointPath}, {@code allowNonRestoredState};
 *       </ul>
 *   <li><b>advises</b>: at {@code taskManager.replicas} when the job's parallelism needs another
 *       number of TaskManagers than the spec gives (not with {@code operator-hpa}, whose HPA owns
 *       the number), at {@code autoscaling.strategy} with {@code operator-hpa} how the HPA gets its
 *       starting replicas, and at {@code job.state} when it is {@code suspended}, which the
 *       operator refuses for a deployment it does not run yet.
 * </ul>
 */
public final class FlinkDeploymentStep implements RenderStep {

    /** {@code flink-deployment}. */
    public static final StepId ID = StepId.of("flink-deployment");

    /** The API group and version of the operator's custom resources. */
    public static final String API_VERSION = ObjectKind.FLINK_API_VERSION;

    /** The kind this step emits. */
    public static final String KIND = ObjectKind.FLINK_DEPLOYMENT_KIND;

    /** The operator's {@code mode} for Flink's native Kubernetes integration, its default. */
    public static final String NATIVE_MODE = "native";

    /**
     * The operator's {@code mode} for Flink's standalone Kubernetes integration, where the operator
     * creates a JobManager and a TaskManager Deployment; used with {@code operator-hpa}.
     */
    public static final String STANDALONE_MODE = "standalone";

    /**
     * Why {@code taskManager.replicas} is missing from the rendered resource, and what a user who
     * applies it without {@code FlinkDeployer} must do once.
     */
    private static final Advisory STARTING_REPLICAS =
            new Advisory(
                    "autoscaling.strategy",
                    "operator-hpa leaves the FlinkDeployment's taskManager.replicas to the HPA;"
                            + " until it is set the scale subresource reads 0 replicas, and an"
                            + " HPA does not scale a target at 0. FlinkDeployer sets it once to"
                            + " autoscaling.minTaskManagers through the scale subresource; when"
                            + " you apply the YAML by other means, run kubectl scale"
                            + " flinkdeployment/<name> --replicas=<minTaskManagers> once");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ASSEMBLE;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        FlinkDeploymentSpec s = ctx.spec();
        boolean application = s.mode() == DeploymentMode.APPLICATION && s.job() != null;
        FlinkConfigDraft config = in.config();
        boolean operatorHpa = OperatorHorizontalPodAutoscalerStep.usesOperatorHpa(ctx);
        FlinkDeployment resource = new FlinkDeployment();
        resource.setMetadata(
                ctx.metadata(ctx.names().flinkDeployment(), Component.FLINK_DEPLOYMENT));
        resource.setSpec(
                new io.flinkk8s.sdk.core.operator.crd.FlinkDeploymentSpec(
                        s.image(),
                        s.imagePullPolicy().wireValue(),
                        s.flinkVersion().wireValue(),
                        s.serviceAccount(),
                        s.operator().mode().wireValue(),
                        ConfigTrees.of(CrFields.flinkConfiguration(ctx, config, application)),
                        s.observability().logging().isSet()
                                ? LogLevels.logFiles(s)
                                : s.logConfiguration(),
                        CrFields.ingress(s.ingress()),
                        null,
                        CrFields.jobManager(ctx, in),
                        CrFields.taskManager(ctx, in, !application),
                        application ? CrFields.job(s.job(), config) : null,
                        null));
        Rendering out = in.withResource(resource);
        if (operatorHpa) {
            out = out.withAdvisory(STARTING_REPLICAS);
        }
        return application ? advise(ctx, config, out, operatorHpa) : out;
    }

    private static Rendering advise(
            RenderContext ctx, FlinkConfigDraft config, Rendering in, boolean operatorHpa) {
        FlinkDeploymentSpec s = ctx.spec();
        Rendering out = in;
        int slots =
                config.get(TaskManagerOptions.NUM_TASK_SLOTS).orElse(s.taskManager().taskSlots());
        Integer parallelism = config.get(CoreOptions.DEFAULT_PARALLELISM).orElse(null);
        int replicas = s.taskManager().replicas();
        if (parallelism != null && slots > 0 && !operatorHpa) {
            int needed = (parallelism + slots - 1) / slots;
            if (needed != replicas) {
                out =
                        out.withAdvisory(
                                new Advisory(
                                        "taskManager.replicas",
                                        "is not used by an application on the operator: its"
                                                + " native mode starts the TaskManagers"
                                                + " job.parallelism needs, "
                                                + needed
                                                + " (parallelism "
                                                + parallelism
                                                + ", "
                                                + slots
                                                + " slot(s) each), not "
                                                + replicas));
            }
        }
        if (s.job().state() == JobState.SUSPENDED) {
            out =
                    out.withAdvisory(
                            new Advisory(
                                    "job.state",
                                    "the operator accepts suspended only for a FlinkDeployment it"
                                            + " already runs; a new one must start with state"
                                            + " running"));
        }
        return out;
    }
}
