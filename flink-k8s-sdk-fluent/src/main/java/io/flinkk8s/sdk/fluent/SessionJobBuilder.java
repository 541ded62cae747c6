package io.flinkk8s.sdk.fluent;

import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.EffectiveSessionJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.configuration.ConfigOption;

/**
 * Builds a {@link FlinkSessionJobSpec}: a job for a session cluster that runs already; obtained
 * from {@link FlinkK8s#sessionJob} or {@link FlinkK8s#fromSessionJob}. Methods map one-to-one onto
 * the record's fields, as {@link FlinkDeploymentBuilder}'s do.
 *
 * <pre>{@code
 * FlinkSessionJobSpec clicks = FlinkK8s.sessionJob("clicks")
 *     .namespace("streaming")
 *     .onSession("analytics")                 // the session FlinkDeployment
 *     .job(job -> job.jarURI("https://repo.example.com/clicks-1.0.jar")
 *                    .entryClass("com.acme.Clicks")
 *                    .parallelism(4)
 *                    .upgradeMode(UpgradeMode.SAVEPOINT))
 *     .config("pipeline.name", "clicks")
 *     .build();
 * }</pre>
 *
 * <p>A {@code null} argument to a scalar setter or a map entry unsets that value. Mutable and not
 * thread-safe; each {@link #build()} returns a new immutable spec.
 */
public final class SessionJobBuilder {

    private String name;
    private String namespace;
    private String deploymentName;
    private JobBuilder job;
    private final Map<String, String> flinkConfiguration;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;

    SessionJobBuilder(FlinkSessionJobSpec spec) {
        name = spec.name();
        namespace = spec.namespace();
        deploymentName = spec.deploymentName();
        job = spec.job() == null ? null : new JobBuilder(spec.job());
        flinkConfiguration = new LinkedHashMap<>(spec.flinkConfiguration());
        labels = new LinkedHashMap<>(spec.labels());
        annotations = new LinkedHashMap<>(spec.annotations());
    }

    /** Sets the session job's name. */
    public SessionJobBuilder name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Sets the namespace; the session deployment must be in the same one. {@code null} leaves it to
     * the default, {@code default}.
     */
    public SessionJobBuilder namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    /**
     * Sets the session deployment that runs the job ({@code deploymentName}): the name of a session
     * {@code FlinkDeployment}, e.g. one built with {@code FlinkK8s.session("analytics")}.
     */
    public SessionJobBuilder onSession(String deploymentName) {
        this.deploymentName = deploymentName;
        return this;
    }

    /**
     * Configures the job: its jar (a URI the operator downloads, such as {@code https://}), entry
     * class, arguments, parallelism (required for a session job), upgrade mode and savepoints.
     * Calling this again merges into the same builder.
     */
    public SessionJobBuilder job(Consumer<JobBuilder> job) {
        if (this.job == null) {
            this.job = new JobBuilder(JobSpec.ofJar(null));
        }
        job.accept(this.job);
        return this;
    }

    /** Replaces the job whole; {@code null} unsets it. */
    public SessionJobBuilder job(JobSpec job) {
        this.job = job == null ? null : new JobBuilder(job);
        return this;
    }

    /**
     * Sets one Flink configuration entry of this job, on top of the session cluster's; other
     * entries are kept. {@code null} removes the entry.
     */
    public SessionJobBuilder config(String key, String value) {
        FluentMaps.putOrRemove(flinkConfiguration, key, value);
        return this;
    }

    /**
     * Sets one Flink configuration entry of this job through Flink's own typed {@link
     * ConfigOption}, written in the string form Flink writes, as {@link
     * FlinkDeploymentBuilder#config(ConfigOption, Object)} does. {@code null} removes the entry.
     */
    public <T> SessionJobBuilder config(ConfigOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        String text = value == null ? null : FluentMaps.flinkString(option, value);
        FluentMaps.putOrRemove(flinkConfiguration, option.key(), text);
        return this;
    }

    /** Replaces all of this job's Flink configuration entries; {@code null} clears them. */
    public SessionJobBuilder flinkConfiguration(Map<String, String> flinkConfiguration) {
        FluentMaps.replace(this.flinkConfiguration, flinkConfiguration);
        return this;
    }

    /** Adds one label to the {@code FlinkSessionJob}; {@code null} removes it. */
    public SessionJobBuilder addLabel(String key, String value) {
        FluentMaps.putOrRemove(labels, key, value);
        return this;
    }

    /** Replaces all user labels; {@code null} clears them. */
    public SessionJobBuilder labels(Map<String, String> labels) {
        FluentMaps.replace(this.labels, labels);
        return this;
    }

    /** Adds one annotation to the {@code FlinkSessionJob}; {@code null} removes it. */
    public SessionJobBuilder addAnnotation(String key, String value) {
        FluentMaps.putOrRemove(annotations, key, value);
        return this;
    }

    /** Replaces all user annotations; {@code null} clears them. */
    public SessionJobBuilder annotations(Map<String, String> annotations) {
        FluentMaps.replace(this.annotations, annotations);
        return this;
    }

    /**
     * The session job, judged by core's {@code SessionJobValidator} and with {@link SpecDefaults}
     * filled in ({@link EffectiveSessionJob}).
     *
     * @throws InvalidSpecException listing every violation with its field path, e.g. {@code
     *     deploymentName: must be set: the session FlinkDeployment that runs the job}
     */
    public FlinkSessionJobSpec build() {
        return EffectiveSessionJob.of(buildUnvalidated()).spec();
    }

    /** Exactly what was set: no validation and no defaults, like a spec read from YAML. */
    public FlinkSessionJobSpec buildUnvalidated() {
        return FlinkSessionJobSpec.named(name)
                .edit()
                .namespace(namespace)
                .deploymentName(deploymentName)
                .job(job == null ? null : job.build())
                .flinkConfiguration(flinkConfiguration)
                .labels(labels)
                .annotations(annotations)
                .build();
    }
}
