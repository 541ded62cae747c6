package io.flinkk8s.sdk.fluent;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.spec.CheckpointingSpec;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.EnvVarSpec;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.HighAvailabilitySpec;
import io.flinkk8s.sdk.core.spec.ImagePullPolicy;
import io.flinkk8s.sdk.core.spec.JobManagerSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.TaskManagerSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorMode;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorVersion;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.configuration.ConfigOption;

/**
 * Builds a {@link FlinkDeploymentSpec}; obtained from {@link FlinkK8s}. Methods map one-to-one onto
 * the record's fields; nested parts take a lambda on their own builder, or the core record.
 *
 * <p>A {@code null} argument to a scalar setter or a map entry unsets that value, so that the
 * defaults in core's {@code SpecDefaults} apply again. Calling a lambda-taking method twice merges
 * into the same nested builder; the overload taking a record replaces the part whole.
 *
 * <p>Mutable and not thread-safe; each {@link #build()} returns a new immutable spec, so one
 * builder can serve as a template for several specs.
 */
public final class FlinkDeploymentBuilder extends DeploymentPolicyMethods {

    private String name;
    private String namespace;
    private FlinkVersion flinkVersion;
    private String image;
    private ImagePullPolicy imagePullPolicy;
    private String serviceAccount;
    private DeploymentMode mode;
    private RenderTarget target;
    private JobManagerBuilder jobManager;
    private TaskManagerBuilder taskManager;
    private JobBuilder job;
    private CheckpointingBuilder checkpointing;
    private HighAvailabilityBuilder highAvailability;
    private final Map<String, String> flinkConfiguration;
    private final Map<String, String> logConfiguration;
    private final List<EnvVarSpec> env;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private SecurityBuilder security;
    private PodTemplateSpec podTemplate;
    private IngressSpec ingress;
    private OperatorSpec operator;

    FlinkDeploymentBuilder(FlinkDeploymentSpec spec) {
        super(spec);
        name = spec.name();
        namespace = spec.namespace();
        flinkVersion = spec.flinkVersion();
        image = spec.image();
        imagePullPolicy = spec.imagePullPolicy();
        serviceAccount = spec.serviceAccount();
        mode = spec.mode();
        target = spec.target();
        jobManager = new JobManagerBuilder(spec.jobManager());
        taskManager = new TaskManagerBuilder(spec.taskManager());
        job = spec.job() == null ? null : new JobBuilder(spec.job());
        checkpointing = new CheckpointingBuilder(spec.checkpointing());
        highAvailability = new HighAvailabilityBuilder(spec.highAvailability());
        flinkConfiguration = new LinkedHashMap<>(spec.flinkConfiguration());
        logConfiguration = new LinkedHashMap<>(spec.logConfiguration());
        env = new ArrayList<>(spec.env());
        labels = new LinkedHashMap<>(spec.labels());
        annotations = new LinkedHashMap<>(spec.annotations());
        security = new SecurityBuilder(spec.security());
        podTemplate = spec.podTemplate();
        ingress = spec.ingress();
        operator = spec.operator();
    }

    @Override
    FlinkDeploymentBuilder self() {
        return this;
    }

    FlinkDeploymentBuilder mode(DeploymentMode mode) {
        this.mode = mode;
        return this;
    }

    /**
     * Renames the deployment, e.g. when this builder is a template for several deployments.
     *
     * @param name every rendered object's name derives from it
     */
    public FlinkDeploymentBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Sets the Kubernetes namespace; {@code null} leaves it to the default. */
    public FlinkDeploymentBuilder namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    /**
     * Sets the Flink version the cluster runs; it decides the configuration file name and, when no
     * {@link #image} is given, the default image ({@code flink:2.1-java17} for {@link
     * FlinkVersion#V2_1}). {@code null} leaves it to the default, the newest known version.
     */
    public FlinkDeploymentBuilder flinkVersion(FlinkVersion flinkVersion) {
        this.flinkVersion = flinkVersion;
        return this;
    }

    /**
     * Sets the container image of the JobManager and TaskManagers; {@code null} leaves it to the
     * official image of the {@link #flinkVersion}.
     */
    public FlinkDeploymentBuilder image(String image) {
        this.image = image;
        return this;
    }

    /** Sets when Kubernetes pulls the image; {@code null} leaves it to the default. */
    public FlinkDeploymentBuilder imagePullPolicy(ImagePullPolicy imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
        return this;
    }

    /**
     * Runs the pods under an existing service account instead of the one the SDK renders; {@code
     * null} goes back to the SDK-rendered one.
     */
    public FlinkDeploymentBuilder serviceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
        return this;
    }

    /**
     * Chooses plain Kubernetes objects or Flink Kubernetes Operator resources as the rendered
     * output; {@code null} leaves it to the default.
     */
    public FlinkDeploymentBuilder target(RenderTarget target) {
        this.target = target;
        return this;
    }

    /**
     * The Flink Kubernetes Operator release the operator target renders for: {@code V1_15} (the
     * default, {@code resource}) or {@code V1_16} (Kubernetes {@code resources}); {@code null}
     * leaves it to the default.
     */
    public FlinkDeploymentBuilder operatorVersion(OperatorVersion version) {
        operator = operator.withVersion(version);
        return this;
    }

    /** The operator's Kubernetes mode ({@code native}, {@code standalone}); null: derived. */
    public FlinkDeploymentBuilder operatorMode(OperatorMode mode) {
        operator = operator.withMode(mode);
        return this;
    }

    /** An Ingress to the REST service: {@code IngressSpec.of("{{name}}.flink.example.com")}. */
    public FlinkDeploymentBuilder ingress(IngressSpec ingress) {
        this.ingress = ingress;
        return this;
    }

    /**
     * Configures the JobManager. Calling this again merges into the same JobManager builder: only
     * what the later lambda sets changes.
     *
     * @param jobManager e.g. {@code jm -> jm.cpu(1).memory("2g")}
     */
    public FlinkDeploymentBuilder jobManager(Consumer<JobManagerBuilder> jobManager) {
        Objects.requireNonNull(jobManager, "jobManager").accept(this.jobManager);
        return this;
    }

    /** Replaces the whole JobManager part with {@code jobManager}; {@code null} unsets it all. */
    public FlinkDeploymentBuilder jobManager(JobManagerSpec jobManager) {
        this.jobManager =
                new JobManagerBuilder(jobManager == null ? JobManagerSpec.unset() : jobManager);
        return this;
    }

    /**
     * Configures the TaskManagers. Calling this again merges into the same TaskManager builder:
     * only what the later lambda sets changes, so a reusable {@code Consumer<TaskManagerBuilder>}
     * (a tenant's sizing, say) composes with a per-deployment one.
     *
     * @param taskManagers e.g. {@code tm -> tm.replicas(3).slots(4).cpu(2).memory("8g")}
     */
    public FlinkDeploymentBuilder taskManagers(Consumer<TaskManagerBuilder> taskManagers) {
        Objects.requireNonNull(taskManagers, "taskManagers").accept(this.taskManager);
        return this;
    }

    /** Replaces the whole TaskManager part with {@code taskManager}; {@code null} unsets it all. */
    public FlinkDeploymentBuilder taskManagers(TaskManagerSpec taskManager) {
        this.taskManager =
                new TaskManagerBuilder(taskManager == null ? TaskManagerSpec.unset() : taskManager);
        return this;
    }

    /**
     * Configures the job of an application cluster. Calling this again merges into the same job
     * builder: only what the later lambda sets changes.
     *
     * @param job e.g. {@code job -> job.jarURI("local:///opt/flink/usrlib/orders.jar")}
     */
    public FlinkDeploymentBuilder job(Consumer<JobBuilder> job) {
        Objects.requireNonNull(job, "job");
        if (this.job == null) {
            this.job = new JobBuilder(JobSpec.ofJar(null));
        }
        job.accept(this.job);
        return this;
    }

    /** Replaces the whole job with {@code job}; {@code null} removes the job. */
    public FlinkDeploymentBuilder job(JobSpec job) {
        this.job = job == null ? null : new JobBuilder(job);
        return this;
    }

    /**
     * Configures periodic checkpoints and where checkpoints and savepoints go. Calling this again
     * merges into the same checkpointing builder: only what the later lambda sets changes.
     *
     * @param checkpoints e.g. {@code cp -> cp.every(Duration.ofSeconds(30)).to("s3://bucket/cp")}
     */
    public FlinkDeploymentBuilder checkpoints(Consumer<CheckpointingBuilder> checkpoints) {
        Objects.requireNonNull(checkpoints, "checkpoints").accept(this.checkpointing);
        return this;
    }

    /** Replaces the whole checkpointing part with {@code checkpointing}; {@code null} unsets it. */
    public FlinkDeploymentBuilder checkpoints(CheckpointingSpec checkpointing) {
        this.checkpointing =
                new CheckpointingBuilder(
                        checkpointing == null ? CheckpointingSpec.none() : checkpointing);
        return this;
    }

    /**
     * Configures JobManager high availability. Calling this again merges into the same builder:
     * only what the later lambda sets changes.
     *
     * @param highAvailability e.g. {@code ha -> ha.kubernetes("s3://bucket/ha")}
     */
    public FlinkDeploymentBuilder highAvailability(
            Consumer<HighAvailabilityBuilder> highAvailability) {
        Objects.requireNonNull(highAvailability, "highAvailability").accept(this.highAvailability);
        return this;
    }

    /**
     * Replaces the whole high-availability part with {@code highAvailability}; {@code null} unsets
     * it.
     */
    public FlinkDeploymentBuilder highAvailability(HighAvailabilitySpec highAvailability) {
        this.highAvailability =
                new HighAvailabilityBuilder(
                        highAvailability == null ? HighAvailabilitySpec.none() : highAvailability);
        return this;
    }

    /**
     * Sets one Flink configuration entry by its raw key, the escape hatch for options without a
     * typed constant; other entries are kept. {@code null} removes the entry.
     *
     * @param key a Flink configuration key, e.g. {@code pipeline.name}
     * @param value the value in Flink's own notation
     */
    public FlinkDeploymentBuilder config(String key, String value) {
        FluentMaps.putOrRemove(flinkConfiguration, key, value);
        return this;
    }

    /**
     * Sets one Flink configuration entry through Flink's own typed {@link ConfigOption}; other
     * entries are kept. The value is written in the string form Flink itself writes (Flink's {@code
     * Configuration} converts it): {@code Duration.ofSeconds(30)} becomes {@code 30 s}, {@code
     * MemorySize.ofMebiBytes(512)} becomes {@code 512 mb}, an enum its constant name, a list
     * Flink's YAML list. {@code null} removes the entry. The form is that of the Flink version on
     * the classpath (Flink 2's standard YAML); for list and map options, Flink 1.x reading a legacy
     * {@code flink-conf.yaml} expects {@code a;b} instead, which {@link #config(String, String)}
     * can write.
     *
     * <pre>{@code
     * builder.config(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3)
     * }</pre>
     *
     * @param option e.g. {@code CheckpointingOptions.MAX_RETAINED_CHECKPOINTS}; its main key is
     *     written
     */
    public <T> FlinkDeploymentBuilder config(ConfigOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        String text = value == null ? null : FluentMaps.flinkString(option, value);
        FluentMaps.putOrRemove(flinkConfiguration, option.key(), text);
        return this;
    }

    /**
     * Replaces all Flink configuration entries with {@code flinkConfiguration}; {@code null} clears
     * them.
     */
    public FlinkDeploymentBuilder flinkConfiguration(Map<String, String> flinkConfiguration) {
        FluentMaps.replace(this.flinkConfiguration, flinkConfiguration);
        return this;
    }

    /**
     * Sets the content of one logging configuration file in Flink's conf dir; other files are kept.
     * {@code null} content removes the file.
     *
     * @param file e.g. {@code log4j-console.properties}
     * @param content the whole file
     */
    public FlinkDeploymentBuilder logConfiguration(String file, String content) {
        FluentMaps.putOrRemove(logConfiguration, file, content);
        return this;
    }

    /** Replaces all logging configuration files (file name → content); {@code null} clears them. */
    public FlinkDeploymentBuilder logConfiguration(Map<String, String> logConfiguration) {
        FluentMaps.replace(this.logConfiguration, logConfiguration);
        return this;
    }

    /**
     * Adds an environment variable with a literal value to the JobManager and TaskManager
     * containers, after those already added.
     */
    public FlinkDeploymentBuilder addEnv(String name, String value) {
        return addEnv(EnvVarSpec.literal(name, value));
    }

    /**
     * Adds an environment variable read from {@code key} of Secret {@code secret}; the value is
     * referenced, never copied into the spec.
     */
    public FlinkDeploymentBuilder addEnvFromSecret(String name, String secret, String key) {
        return addEnv(EnvVarSpec.fromSecret(name, secret, key));
    }

    /** Adds an environment variable read from {@code key} of ConfigMap {@code configMap}. */
    public FlinkDeploymentBuilder addEnvFromConfigMap(String name, String configMap, String key) {
        return addEnv(EnvVarSpec.fromConfigMap(name, configMap, key));
    }

    /** Adds one environment variable, after those already added. */
    public FlinkDeploymentBuilder addEnv(EnvVarSpec envVar) {
        env.add(envVar);
        return this;
    }

    /** Replaces all environment variables with {@code env}; {@code null} clears them. */
    public FlinkDeploymentBuilder env(List<EnvVarSpec> env) {
        this.env.clear();
        if (env != null) {
            this.env.addAll(env);
        }
        return this;
    }

    /**
     * Adds one label to every rendered object's metadata (never to selectors or pods: a change
     * restarts no job; pod labels go in the pod template); other labels are kept. {@code null}
     * removes the label.
     */
    public FlinkDeploymentBuilder addLabel(String key, String value) {
        FluentMaps.putOrRemove(labels, key, value);
        return this;
    }

    /** Replaces all user labels with {@code labels}; {@code null} clears them. */
    public FlinkDeploymentBuilder labels(Map<String, String> labels) {
        FluentMaps.replace(this.labels, labels);
        return this;
    }

    /**
     * Adds one annotation to every rendered object's metadata (never to pods: a change restarts no
     * job; pod annotations go in the pod template); other annotations are kept. {@code null}
     * removes the annotation.
     */
    public FlinkDeploymentBuilder addAnnotation(String key, String value) {
        FluentMaps.putOrRemove(annotations, key, value);
        return this;
    }

    /** Replaces all user annotations with {@code annotations}; {@code null} clears them. */
    public FlinkDeploymentBuilder annotations(Map<String, String> annotations) {
        FluentMaps.replace(this.annotations, annotations);
        return this;
    }

    /**
     * Configures pod security; pods pass the {@code restricted} Pod Security Standard unless {@link
     * SecurityBuilder#unrestricted()} opts out. Calling this again merges into the same builder:
     * only what the later lambda sets changes.
     *
     * @param security e.g. {@code s -> s.runAsUser(1000).runAsGroup(1000)}
     */
    public FlinkDeploymentBuilder security(Consumer<SecurityBuilder> security) {
        Objects.requireNonNull(security, "security").accept(this.security);
        return this;
    }

    /** Replaces the whole security part with {@code security}; {@code null} unsets it. */
    public FlinkDeploymentBuilder security(SecuritySpec security) {
        this.security = new SecurityBuilder(security == null ? SecuritySpec.unset() : security);
        return this;
    }

    /**
     * Sets the base pod template of both the JobManager and the TaskManagers, the escape hatch for
     * what the spec does not model; it is copied, so later changes to {@code podTemplate} do not
     * reach this builder. {@code null} removes it.
     */
    public FlinkDeploymentBuilder podTemplate(PodTemplateSpec podTemplate) {
        this.podTemplate =
                podTemplate == null ? null : new PodTemplateSpecBuilder(podTemplate).build();
        return this;
    }

    /**
     * The spec as users deploy it: judged by core's {@code SpecValidator} and with every default of
     * core's {@link SpecDefaults} filled in ({@link EffectiveSpec}), so the returned spec shows
     * them all.
     *
     * @throws InvalidSpecException listing every violation with its field path, e.g. {@code
     *     taskManager.replicas: must be >= 1, was 0}
     */
    public FlinkDeploymentSpec build() {
        return EffectiveSpec.of(buildUnvalidated()).spec();
    }

    /**
     * Exactly what was set, for tools that collect violations themselves ({@code
     * SpecValidator.validate}) or store only what the user chose: no validation and no defaults,
     * like a spec read from YAML. {@code EffectiveSpec.of} gives its effective form.
     */
    public FlinkDeploymentSpec buildUnvalidated() {
        FlinkDeploymentSpec.Editor editor = FlinkDeploymentSpec.named(name).edit();
        return policies(editor)
                .namespace(namespace)
                .flinkVersion(flinkVersion)
                .image(image)
                .imagePullPolicy(imagePullPolicy)
                .serviceAccount(serviceAccount)
                .mode(mode)
                .target(target)
                .jobManager(jobManager.build())
                .taskManager(taskManager.build())
                .job(job == null ? null : job.build())
                .checkpointing(checkpointing.build())
                .highAvailability(highAvailability.build())
                .flinkConfiguration(flinkConfiguration)
                .logConfiguration(logConfiguration)
                .env(env)
                .labels(labels)
                .annotations(annotations)
                .security(security.build())
                .podTemplate(podTemplate)
                .ingress(ingress)
                .operator(operator)
                .build();
    }
}
