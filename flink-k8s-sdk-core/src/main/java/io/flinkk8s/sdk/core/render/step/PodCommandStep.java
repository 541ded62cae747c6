package io.flinkk8s.sdk.core.render.step;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.PodDraft;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the official image's entrypoint runs in each main container, as in Flink's standalone
 * Kubernetes manifests.
 *
 * <ul>
 *   <li><b>overwrites</b> the main container's {@code args} (the image's entrypoint stays the
 *       {@code command}):
 *       <ul>
 *         <li>JobManager, application mode: {@code standalone-job [--host $(POD_IP)]
 *             [--job-classname <entryClass>] --jars <jarURI> [--fromSavepoint
 *             <initialSavepointPath>] [--allowNonRestoredState] <job args...>}; Flink 1.18's {@code
 *             standalone-job} has no {@code --jars} (FLINK-28915 came with 1.19), so there it is
 *             left out, and an advisory at {@code job.jarURI} says when the jar is not under {@code
 *             /opt/flink/usrlib}, where 1.18 finds it;
 *         <li>JobManager, session mode: {@code jobmanager [$(POD_IP)]};
 *         <li>TaskManager: {@code taskmanager}.
 *       </ul>
 *       The pod-IP parts appear only with HA: JobManagers must then advertise their own address
 *       rather than the shared RPC Service, or a standby would be reached through it;
 *   <li><b>merges</b>: with HA, env {@value FlinkPorts#POD_IP_ENV} from the downward API ({@code
 *       status.podIP}) as the JobManager's first env var (so later ones may refer to it), replacing
 *       one of that name;
 *   <li><b>emits</b>: no objects; it edits the pod drafts (and may add the advisory above).
 * </ul>
 */
public final class PodCommandStep implements RenderStep {

    /** {@code pod-command}. */
    public static final StepId ID = StepId.of("pod-command");

    private static final String POD_IP = "$(" + FlinkPorts.POD_IP_ENV + ")";

    /** The first Flink version whose {@code standalone-job} takes {@code --jars} (FLINK-28915). */
    static final FlinkVersion FIRST_WITH_JARS = FlinkVersion.V1_19;

    /** Where Flink before 1.19 finds the job jar on its classpath. */
    private static final String USRLIB = "local:///opt/flink/usrlib/";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.POD;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        boolean ha = ctx.spec().highAvailability().enabled();
        boolean application = ctx.spec().mode() == DeploymentMode.APPLICATION;
        boolean fetchesJars = ctx.flinkVersion().compareTo(FIRST_WITH_JARS) >= 0;
        List<String> jmArgs =
                application ? applicationArgs(ctx.spec().job(), ha, fetchesJars) : sessionArgs(ha);
        Rendering out =
                in.mapJobManagerPod(draft -> jobManager(draft, jmArgs, ha))
                        .mapTaskManagerPod(
                                draft ->
                                        draft.setOnMainContainer(
                                                c -> c.setArgs(List.of("taskmanager"))));
        String jar = application ? ctx.spec().job().jarURI() : null;
        if (application && !fetchesJars && (jar == null || !jar.startsWith(USRLIB))) {
            out =
                    out.withAdvisory(
                            new Advisory(
                                    "job.jarURI",
                                    "Flink "
                                            + ctx.flinkVersion().majorMinor()
                                            + " cannot fetch the job jar (standalone-job has --jars"
                                            + " only since 1.19): the jar must be in the image"
                                            + " under "
                                            + USRLIB
                                            + ", where Flink finds it on its classpath"));
        }
        return out;
    }

    private static PodDraft jobManager(PodDraft draft, List<String> args, boolean ha) {
        return draft.setOnMainContainer(
                c -> {
                    c.setArgs(args);
                    if (ha) {
                        c.setEnv(withPodIpFirst(c.getEnv()));
                    }
                });
    }

    /** First, so that env values after it may refer to {@code $(POD_IP)}. */
    private static List<EnvVar> withPodIpFirst(List<EnvVar> env) {
        List<EnvVar> result = new ArrayList<>();
        result.add(podIp());
        if (env != null) {
            env.stream()
                    .filter(e -> !FlinkPorts.POD_IP_ENV.equals(e.getName()))
                    .forEach(result::add);
        }
        return result;
    }

    private static List<String> applicationArgs(JobSpec job, boolean ha, boolean fetchesJars) {
        List<String> args = new ArrayList<>();
        args.add("standalone-job");
        if (ha) {
            args.add("--host");
            args.add(POD_IP);
        }
        if (job.entryClass() != null) {
            args.add("--job-classname");
            args.add(job.entryClass());
        }
        if (fetchesJars) {
            args.add("--jars");
            args.add(job.jarURI());
        }
        if (job.initialSavepointPath() != null) {
            args.add("--fromSavepoint");
            args.add(job.initialSavepointPath());
        }
        if (Boolean.TRUE.equals(job.allowNonRestoredState())) {
            args.add("--allowNonRestoredState");
        }
        args.addAll(job.args());
        return args;
    }

    private static List<String> sessionArgs(boolean ha) {
        return ha ? List.of("jobmanager", POD_IP) : List.of("jobmanager");
    }

    private static EnvVar podIp() {
        ObjectFieldSelector field = new ObjectFieldSelector();
        field.setApiVersion("v1");
        field.setFieldPath("status.podIP");
        EnvVarSource source = new EnvVarSource();
        source.setFieldRef(field);
        EnvVar podIp = new EnvVar();
        podIp.setName(FlinkPorts.POD_IP_ENV);
        podIp.setValueFrom(source);
        return podIp;
    }
}
