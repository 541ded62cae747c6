package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.JobState;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the {@link JobSpec} of an application cluster or a session job: which jar and class run,
 * with which arguments and parallelism, and how upgrades keep state. Obtained in {@code
 * FlinkDeploymentBuilder.job(job -> ...)} or {@code SessionJobBuilder.job(job -> ...)}. A {@code
 * null} object argument unsets the value.
 *
 * <p>Mutable and not thread-safe.
 */
public final class JobBuilder {

    private String jarURI;
    private String entryClass;
    private final List<String> args;
    private Integer parallelism;
    private UpgradeMode upgradeMode;
    private JobState state;
    private String initialSavepointPath;
    private Boolean allowNonRestoredState;

    JobBuilder(JobSpec spec) {
        jarURI = spec.jarURI();
        entryClass = spec.entryClass();
        args = new ArrayList<>(spec.args());
        parallelism = spec.parallelism();
        upgradeMode = spec.upgradeMode();
        state = spec.state();
        initialSavepointPath = spec.initialSavepointPath();
        allowNonRestoredState = spec.allowNonRestoredState();
    }

    /** Sets the job jar, e.g. {@code local:///opt/flink/usrlib/orders.jar} (inside the image). */
    public JobBuilder jarURI(String jarURI) {
        this.jarURI = jarURI;
        return this;
    }

    /** Sets the main class; {@code null} takes it from the jar's manifest. */
    public JobBuilder entryClass(String entryClass) {
        this.entryClass = entryClass;
        return this;
    }

    /** Replaces the main class's arguments with {@code args}, e.g. {@code "--topic", "orders"}. */
    public JobBuilder args(String... args) {
        return args(args == null ? null : Arrays.asList(args));
    }

    /** Replaces the main class's arguments with {@code args}; {@code null} clears them. */
    public JobBuilder args(List<String> args) {
        this.args.clear();
        if (args != null) {
            this.args.addAll(args);
        }
        return this;
    }

    /** Adds one argument after those already set. */
    public JobBuilder addArg(String arg) {
        args.add(arg);
        return this;
    }

    /**
     * Sets the job's parallelism; without it the job uses all slots ({@code taskManager.replicas ×
     * taskManager.taskSlots}).
     */
    public JobBuilder parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** Sets how a spec change reaches the running job (stateless, savepoint or last-state). */
    public JobBuilder upgradeMode(UpgradeMode upgradeMode) {
        this.upgradeMode = upgradeMode;
        return this;
    }

    /** Sets whether the job should run or be suspended with a savepoint. */
    public JobBuilder state(JobState state) {
        this.state = state;
        return this;
    }

    /** Sets the savepoint the first deployment starts from, e.g. {@code s3://bucket/sp/sp-1}. */
    public JobBuilder initialSavepointPath(String initialSavepointPath) {
        this.initialSavepointPath = initialSavepointPath;
        return this;
    }

    /**
     * Sets whether the job may start from a savepoint holding state that no operator of the new job
     * claims (Flink's {@code --allowNonRestoredState}).
     */
    public JobBuilder allowNonRestoredState(boolean allowNonRestoredState) {
        this.allowNonRestoredState = allowNonRestoredState;
        return this;
    }

    JobSpec build() {
        return new JobSpec(
                jarURI,
                entryClass,
                args,
                parallelism,
                upgradeMode,
                state,
                initialSavepointPath,
                allowNonRestoredState);
    }
}
