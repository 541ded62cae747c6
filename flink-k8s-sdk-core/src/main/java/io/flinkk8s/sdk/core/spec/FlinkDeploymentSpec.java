package io.flinkk8s.sdk.core.spec;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.flinkk8s.sdk.core.internal.Copies;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.NetworkingSpec;
import io.flinkk8s.sdk.core.spec.observability.ObservabilitySpec;
import io.flinkk8s.sdk.core.spec.operator.OperatorSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.policy.DisruptionPolicy;
import io.flinkk8s.sdk.core.spec.policy.ProbePolicy;
import io.flinkk8s.sdk.core.spec.policy.RestorePolicy;
import io.flinkk8s.sdk.core.spec.scheduling.SchedulingPolicy;
import io.flinkk8s.sdk.core.spec.storage.StoragePolicy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.util.List;
import java.util.Map;

/**
 * One Flink deployment: a cluster, its job (application mode) or none (session mode), and how it
 * runs on Kubernetes. An immutable value: build it with the fluent module, read it with {@link
 * SpecSerialization}, or start from {@link #named} and change it with {@link #edit()}.
 *
 * <p>The component names are the serialized field names, and they follow the Flink Kubernetes
 * Operator's {@code FlinkDeploymentSpec} where the two overlap, so an operator user reads a spec at
 * sight. That flat layout is why this record has more components than the house limit: grouping
 * them would break the correspondence.
 *
 * <p>Constructing never rejects values: {@code SpecValidator} is the only judge and reports every
 * violation at once with its path. Unset scalars are null and filled by {@link SpecDefaults}; unset
 * sections are empty values, never null; collections are copied and never null.
 *
 * @param name the deployment name; every rendered object's name derives from it
 * @param namespace may be null: filled by {@link SpecDefaults} ({@code default})
 * @param flinkVersion may be null: filled by {@link SpecDefaults} ({@link FlinkVersion#latest()})
 * @param image may be null: filled by {@link SpecDefaults} ({@link FlinkVersion#defaultImage()})
 * @param imagePullPolicy may be null: filled by {@link SpecDefaults} ({@link
 *     ImagePullPolicy#IF_NOT_PRESENT})
 * @param serviceAccount may be null: the SDK-rendered service account is used
 * @param mode may be null: derived by {@link SpecDefaults} from whether {@code job} is set
 * @param target may be null: filled by {@link SpecDefaults} ({@link RenderTarget#STANDALONE})
 * @param jobManager never null
 * @param taskManager never null
 * @param job may be null: a session cluster has no job
 * @param checkpointing never null
 * @param highAvailability never null
 * @param flinkConfiguration free-form Flink options; keys the rendered objects depend on are
 *     rejected by the validator, other keys the SDK derives are overridden with an advisory
 * @param logConfiguration file name → content, e.g. {@code log4j-console.properties}
 * @param env environment variables of both the JobManager and TaskManager containers
 * @param labels added to every rendered object's metadata, never to selectors nor to pods (so a
 *     label change replaces no pod and restarts no job); labels for the pods go in {@code
 *     podTemplate}'s metadata
 * @param annotations added to every rendered object's metadata, never to pods (so a change restarts
 *     no job); annotations for the pods go in {@code podTemplate}'s metadata
 * @param security never null
 * @param podTemplate may be null: the base pod template for both JobManager and TaskManager
 * @param autoscaling never null; {@link AutoscalingPolicy#none()} when the deployment does not
 *     scale with load
 * @param probes never null; every probe is on by default
 * @param disruption never null; {@link DisruptionPolicy#none()} renders no PodDisruptionBudget
 * @param ingress may be null: no Ingress to the REST service
 * @param operator never null; what only the operator target reads (the operator's release and mode)
 * @param restore never null; what a restart of the job may start from, {@link
 *     RestorePolicy#unset()} for the defaults
 * @param storage never null; {@link StoragePolicy#none()} when the state needs no object store
 *     plugin, PersistentVolumeClaim or local volume
 * @param scheduling never null; {@link SchedulingPolicy#none()} leaves placement to the scheduler
 *     (and the pod template)
 * @param networking never null; the REST Service's type and a NetworkPolicy, {@link
 *     NetworkingSpec#none()} for a {@code ClusterIP} Service and no NetworkPolicy
 * @param observability never null; Flink's Prometheus reporter and log levels, {@link
 *     ObservabilitySpec#none()} for neither
 * @param tenancy never null; {@link TenancyPolicy#none()} renders nothing for the namespace
 */
public record FlinkDeploymentSpec(
        String name,
        String namespace,
        FlinkVersion flinkVersion,
        String image,
        ImagePullPolicy imagePullPolicy,
        String serviceAccount,
        DeploymentMode mode,
        RenderTarget target,
        JobManagerSpec jobManager,
        TaskManagerSpec taskManager,
        JobSpec job,
        CheckpointingSpec checkpointing,
        HighAvailabilitySpec highAvailability,
        Map<String, String> flinkConfiguration,
        Map<String, String> logConfiguration,
        List<EnvVarSpec> env,
        Map<String, String> labels,
        Map<String, String> annotations,
        SecuritySpec security,
        PodTemplateSpec podTemplate,
        AutoscalingPolicy autoscaling,
        ProbePolicy probes,
        DisruptionPolicy disruption,
        IngressSpec ingress,
        OperatorSpec operator,
        RestorePolicy restore,
        StoragePolicy storage,
        SchedulingPolicy scheduling,
        NetworkingSpec networking,
        ObservabilitySpec observability,
        TenancyPolicy tenancy) {

    /** Normalises only: empty sections for null ones, sorted copies of maps, copies of lists. */
    public FlinkDeploymentSpec {
        jobManager = jobManager == null ? JobManagerSpec.unset() : jobManager;
        taskManager = taskManager == null ? TaskManagerSpec.unset() : taskManager;
        checkpointing = checkpointing == null ? CheckpointingSpec.none() : checkpointing;
        highAvailability =
                highAvailability == null ? HighAvailabilitySpec.none() : highAvailability;
        flinkConfiguration = Copies.sortedMap(flinkConfiguration);
        logConfiguration = Copies.sortedMap(logConfiguration);
        env = Copies.list(env);
        labels = Copies.sortedMap(labels);
        annotations = Copies.sortedMap(annotations);
        security = security == null ? SecuritySpec.unset() : security;
        podTemplate = Copies.podTemplate(podTemplate);
        autoscaling = autoscaling == null ? AutoscalingPolicy.none() : autoscaling;
        probes = probes == null ? ProbePolicy.defaults() : probes;
        disruption = disruption == null ? DisruptionPolicy.none() : disruption;
        operator = operator == null ? OperatorSpec.unset() : operator;
        restore = restore == null ? RestorePolicy.unset() : restore;
        storage = storage == null ? StoragePolicy.none() : storage;
        scheduling = scheduling == null ? SchedulingPolicy.none() : scheduling;
        networking = networking == null ? NetworkingSpec.none() : networking;
        observability = observability == null ? ObservabilitySpec.none() : observability;
        tenancy = tenancy == null ? TenancyPolicy.none() : tenancy;
    }

    /** A spec with only a name; everything else unset (defaults apply). */
    public static FlinkDeploymentSpec named(String name) {
        return new Editor().name(name).build();
    }

    /** The base pod template, deep-copied so that the spec stays immutable; may be null. */
    @Override
    public PodTemplateSpec podTemplate() {
        return Copies.podTemplate(podTemplate);
    }

    /** A copy with {@code namespace} replaced. */
    public FlinkDeploymentSpec withNamespace(String namespace) {
        return edit().namespace(namespace).build();
    }

    /** A copy with {@code image} replaced: the usual upgrade. */
    public FlinkDeploymentSpec withImage(String image) {
        return edit().image(image).build();
    }

    /** A copy with {@code target} replaced. */
    public FlinkDeploymentSpec withTarget(RenderTarget target) {
        return edit().target(target).build();
    }

    /** A copy with {@code jobManager} replaced. */
    public FlinkDeploymentSpec withJobManager(JobManagerSpec jobManager) {
        return edit().jobManager(jobManager).build();
    }

    /** A copy with {@code taskManager} replaced. */
    public FlinkDeploymentSpec withTaskManager(TaskManagerSpec taskManager) {
        return edit().taskManager(taskManager).build();
    }

    /** A copy with {@code taskManager.replicas} replaced (scale). */
    public FlinkDeploymentSpec withTaskManagerReplicas(int replicas) {
        return withTaskManager(taskManager.withReplicas(replicas));
    }

    /** A copy with {@code job} replaced. */
    public FlinkDeploymentSpec withJob(JobSpec job) {
        return edit().job(job).build();
    }

    /** A copy with {@code flinkConfiguration} replaced. */
    public FlinkDeploymentSpec withFlinkConfiguration(Map<String, String> flinkConfiguration) {
        return edit().flinkConfiguration(flinkConfiguration).build();
    }

    /** A copy with {@code autoscaling} replaced; {@code null} turns autoscaling off. */
    public FlinkDeploymentSpec withAutoscaling(AutoscalingPolicy autoscaling) {
        return edit().autoscaling(autoscaling).build();
    }

    /** A copy with {@code probes} replaced; {@code null} means the default probes. */
    public FlinkDeploymentSpec withProbes(ProbePolicy probes) {
        return edit().probes(probes).build();
    }

    /** A copy with {@code disruption} replaced; {@code null} renders no PodDisruptionBudget. */
    public FlinkDeploymentSpec withDisruption(DisruptionPolicy disruption) {
        return edit().disruption(disruption).build();
    }

    /** A copy with {@code operator} replaced; {@code null} means nothing set. */
    public FlinkDeploymentSpec withOperator(OperatorSpec operator) {
        return edit().operator(operator).build();
    }

    /** A copy with {@code restore} replaced; {@code null} means the defaults. */
    public FlinkDeploymentSpec withRestore(RestorePolicy restore) {
        return edit().restore(restore).build();
    }

    /** A copy with {@code storage} replaced; {@code null} means no storage policy. */
    public FlinkDeploymentSpec withStorage(StoragePolicy storage) {
        return edit().storage(storage).build();
    }

    /** A copy with {@code scheduling} replaced; {@code null} means no scheduling policy. */
    public FlinkDeploymentSpec withScheduling(SchedulingPolicy scheduling) {
        return edit().scheduling(scheduling).build();
    }

    /** A copy with {@code tenancy} replaced; {@code null} means no tenancy policy. */
    public FlinkDeploymentSpec withTenancy(TenancyPolicy tenancy) {
        return edit().tenancy(tenancy).build();
    }

    /**
     * An editor holding every component of this spec, to change any of them: {@code
     * spec.edit().image("orders:2").taskManager(tm).build()}. The withers, the fluent DSL and
     * {@link SpecDefaults} make their copies with it.
     */
    public Editor edit() {
        return new Editor(this);
    }

    /**
     * Changes the components of a spec one by one; {@link #build()} makes the new spec, which
     * normalises as the constructor does. The one place a spec is built from all its components.
     * Mutable and not thread-safe; every {@code build()} returns a new immutable spec, so an editor
     * can be reused as a template. Sets no defaults and judges nothing.
     */
    public static final class Editor {
        private String name;
        private String namespace;
        private FlinkVersion flinkVersion;
        private String image;
        private ImagePullPolicy imagePullPolicy;
        private String serviceAccount;
        private DeploymentMode mode;
        private RenderTarget target;
        private JobManagerSpec jobManager;
        private TaskManagerSpec taskManager;
        private JobSpec job;
        private CheckpointingSpec checkpointing;
        private HighAvailabilitySpec highAvailability;
        private Map<String, String> flinkConfiguration;
        private Map<String, String> logConfiguration;
        private List<EnvVarSpec> env;
        private Map<String, String> labels;
        private Map<String, String> annotations;
        private SecuritySpec security;
        private PodTemplateSpec podTemplate;
        private AutoscalingPolicy autoscaling;
        private ProbePolicy probes;
        private DisruptionPolicy disruption;
        private IngressSpec ingress;
        private OperatorSpec operator;
        private RestorePolicy restore;
        private StoragePolicy storage;
        private SchedulingPolicy scheduling;
        private NetworkingSpec networking;
        private ObservabilitySpec observability;
        private TenancyPolicy tenancy;

        private Editor() {}

        private Editor(FlinkDeploymentSpec s) {
            name = s.name;
            namespace = s.namespace;
            flinkVersion = s.flinkVersion;
            image = s.image;
            imagePullPolicy = s.imagePullPolicy;
            serviceAccount = s.serviceAccount;
            mode = s.mode;
            target = s.target;
            jobManager = s.jobManager;
            taskManager = s.taskManager;
            job = s.job;
            checkpointing = s.checkpointing;
            highAvailability = s.highAvailability;
            flinkConfiguration = s.flinkConfiguration;
            logConfiguration = s.logConfiguration;
            env = s.env;
            labels = s.labels;
            annotations = s.annotations;
            security = s.security;
            podTemplate = s.podTemplate;
            autoscaling = s.autoscaling;
            probes = s.probes;
            disruption = s.disruption;
            ingress = s.ingress;
            operator = s.operator;
            restore = s.restore;
            storage = s.storage;
            scheduling = s.scheduling;
            networking = s.networking;
            observability = s.observability;
            tenancy = s.tenancy;
        }

        /** Replaces {@code name}. */
        public Editor name(String name) {
            this.name = name;
            return this;
        }

        /** Replaces {@code namespace}. */
        public Editor namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Replaces {@code flinkVersion}. */
        public Editor flinkVersion(FlinkVersion flinkVersion) {
            this.flinkVersion = flinkVersion;
            return this;
        }

        /** Replaces {@code image}. */
        public Editor image(String image) {
            this.image = image;
            return this;
        }

        /** Replaces {@code imagePullPolicy}. */
        public Editor imagePullPolicy(ImagePullPolicy imagePullPolicy) {
            this.imagePullPolicy = imagePullPolicy;
            return this;
        }

        /** Replaces {@code serviceAccount}. */
        public Editor serviceAccount(String serviceAccount) {
            this.serviceAccount = serviceAccount;
            return this;
        }

        /** Replaces {@code mode}. */
        public Editor mode(DeploymentMode mode) {
            this.mode = mode;
            return this;
        }

        /** Replaces {@code target}. */
        public Editor target(RenderTarget target) {
            this.target = target;
            return this;
        }

        /** Replaces {@code jobManager}. */
        public Editor jobManager(JobManagerSpec jobManager) {
            this.jobManager = jobManager;
            return this;
        }

        /** Replaces {@code taskManager}. */
        public Editor taskManager(TaskManagerSpec taskManager) {
            this.taskManager = taskManager;
            return this;
        }

        /** Replaces {@code job}. */
        public Editor job(JobSpec job) {
            this.job = job;
            return this;
        }

        /** Replaces {@code checkpointing}. */
        public Editor checkpointing(CheckpointingSpec checkpointing) {
            this.checkpointing = checkpointing;
            return this;
        }

        /** Replaces {@code highAvailability}. */
        public Editor highAvailability(HighAvailabilitySpec highAvailability) {
            this.highAvailability = highAvailability;
            return this;
        }

        /** Replaces {@code flinkConfiguration}. */
        public Editor flinkConfiguration(Map<String, String> flinkConfiguration) {
            this.flinkConfiguration = flinkConfiguration;
            return this;
        }

        /** Replaces {@code logConfiguration}. */
        public Editor logConfiguration(Map<String, String> logConfiguration) {
            this.logConfiguration = logConfiguration;
            return this;
        }

        /** Replaces {@code env}. */
        public Editor env(List<EnvVarSpec> env) {
            this.env = env;
            return this;
        }

        /** Replaces {@code labels}. */
        public Editor labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        /** Replaces {@code annotations}. */
        public Editor annotations(Map<String, String> annotations) {
            this.annotations = annotations;
            return this;
        }

        /** Replaces {@code security}. */
        public Editor security(SecuritySpec security) {
            this.security = security;
            return this;
        }

        /** Replaces {@code podTemplate}. */
        public Editor podTemplate(PodTemplateSpec podTemplate) {
            this.podTemplate = podTemplate;
            return this;
        }

        /** Replaces {@code autoscaling}. */
        public Editor autoscaling(AutoscalingPolicy autoscaling) {
            this.autoscaling = autoscaling;
            return this;
        }

        /** Replaces {@code probes}. */
        public Editor probes(ProbePolicy probes) {
            this.probes = probes;
            return this;
        }

        /** Replaces {@code disruption}. */
        public Editor disruption(DisruptionPolicy disruption) {
            this.disruption = disruption;
            return this;
        }

        /** Replaces {@code ingress}. */
        public Editor ingress(IngressSpec ingress) {
            this.ingress = ingress;
            return this;
        }

        /** Replaces {@code operator}. */
        public Editor operator(OperatorSpec operator) {
            this.operator = operator;
            return this;
        }

        /** Replaces {@code restore}. */
        public Editor restore(RestorePolicy restore) {
            this.restore = restore;
            return this;
        }

        /** Replaces {@code storage}. */
        public Editor storage(StoragePolicy storage) {
            this.storage = storage;
            return this;
        }

        /** Replaces {@code scheduling}. */
        public Editor scheduling(SchedulingPolicy scheduling) {
            this.scheduling = scheduling;
            return this;
        }

        /** Replaces {@code networking}. */
        public Editor networking(NetworkingSpec networking) {
            this.networking = networking;
            return this;
        }

        /** Replaces {@code observability}. */
        public Editor observability(ObservabilitySpec observability) {
            this.observability = observability;
            return this;
        }

        /** Replaces {@code tenancy}. */
        public Editor tenancy(TenancyPolicy tenancy) {
            this.tenancy = tenancy;
            return this;
        }

        /** The spec with the components as they are now. */
        public FlinkDeploymentSpec build() {
            return new FlinkDeploymentSpec(
                    name,
                    namespace,
                    flinkVersion,
                    image,
                    imagePullPolicy,
                    serviceAccount,
                    mode,
                    target,
                    jobManager,
                    taskManager,
                    job,
                    checkpointing,
                    highAvailability,
                    flinkConfiguration,
                    logConfiguration,
                    env,
                    labels,
                    annotations,
                    security,
                    podTemplate,
                    autoscaling,
                    probes,
                    disruption,
                    ingress,
                    operator,
                    restore,
                    storage,
                    scheduling,
                    networking,
                    observability,
                    tenancy);
        }
    }
}
