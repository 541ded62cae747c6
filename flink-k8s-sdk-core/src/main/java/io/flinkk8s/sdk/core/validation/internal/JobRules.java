package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Rules for {@code job}: present exactly in application mode, with a jar URI, a parallelism the
 * TaskManagers can run, and an upgrade mode the rest of the spec supports.
 */
public final class JobRules {

    public static final Pattern JAVA_CLASS_NAME =
            Pattern.compile(
                    "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private JobRules() {}

    public static void job(Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
        JobSpec job = spec.job();
        if (spec.mode() == DeploymentMode.SESSION) {
            if (job != null) {
                checks.report("job", "must not be set in session mode", null);
            }
            return;
        }
        if (job == null) {
            checks.report("job", "must be set in application mode", null);
            return;
        }
        checks.at(
                "job",
                () -> {
                    if (checks.required("jarURI", job.jarURI(), "must be set in application mode")
                            && !Uris.hasScheme(job.jarURI())) {
                        checks.report(
                                "jarURI",
                                "must be an absolute URI with a scheme, such as"
                                        + " local:///opt/flink/usrlib/job.jar, s3://bucket/job.jar or"
                                        + " https://host/job.jar",
                                job.jarURI());
                    }
                    if (job.entryClass() != null
                            && !JAVA_CLASS_NAME.matcher(job.entryClass()).matches()) {
                        checks.report(
                                "entryClass",
                                "must be a fully qualified Java class name such as com.example.Job",
                                job.entryClass());
                    }
                    if (job.parallelism() != null
                            && checks.atLeast("parallelism", job.parallelism(), 1)
                            && !OperatorRules.taskManagersFollowParallelism(spec)) {
                        parallelismFitsSlots(checks, spec, user);
                    }
                    if (job.upgradeMode() == UpgradeMode.LAST_STATE
                            && !spec.highAvailability().enabled()) {
                        checks.report(
                                "upgradeMode",
                                "must not be last-state unless highAvailability.type is kubernetes",
                                job.upgradeMode().wireValue());
                    }
                    String savepoint = job.initialSavepointPath();
                    if (savepoint != null
                            && !Uris.hasScheme(savepoint)
                            && !Uris.isAbsolutePath(savepoint)) {
                        checks.report(
                                "initialSavepointPath",
                                "must be " + Uris.WITH_SCHEME + ", or an absolute path",
                                savepoint);
                    }
                });
    }

    private static void parallelismFitsSlots(
            Checks checks, FlinkDeploymentSpec spec, UserFlinkConfig user) {
        boolean autoscaled =
                spec.autoscaling().usesReactiveMode()
                        && spec.autoscaling().maxTaskManagers() != null;
        int replicas =
                autoscaled ? spec.autoscaling().maxTaskManagers() : spec.taskManager().replicas();
        String replicasField = autoscaled ? "autoscaling.maxTaskManagers" : "taskManager.replicas";
        Optional<UserFlinkConfig.Entry> userSlots = user.validTaskSlots();
        int slots =
                userSlots
                        .map(e -> e.parsed(TaskManagerOptions.NUM_TASK_SLOTS))
                        .orElse(spec.taskManager().taskSlots());
        if (replicas < 1 || slots < 1) {
            return; // reported at taskManager
        }
        long max = (long) replicas * slots;
        int parallelism = spec.job().parallelism();
        if (parallelism > max) {
            String slotsField =
                    userSlots.map(UserFlinkConfig.Entry::path).orElse("taskManager.taskSlots");
            checks.report(
                    "parallelism",
                    "must be <= " + replicasField + " × " + slotsField + " (" + max + ")",
                    parallelism);
        }
    }
}
