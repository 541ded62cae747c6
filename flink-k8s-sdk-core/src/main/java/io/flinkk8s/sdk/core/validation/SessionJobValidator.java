package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.config.ManagedConfigKeys;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.DeploymentMode;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.JobSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.spec.UpgradeMode;
import io.flinkk8s.sdk.core.spec.session.FlinkSessionJobSpec;
import io.flinkk8s.sdk.core.validation.internal.Checks;
import io.flinkk8s.sdk.core.validation.internal.JobRules;
import io.flinkk8s.sdk.core.validation.internal.KubernetesNames;
import io.flinkk8s.sdk.core.validation.internal.MetadataRules;
import io.flinkk8s.sdk.core.validation.internal.SecurityRules;
import io.flinkk8s.sdk.core.validation.internal.Uris;
import io.flinkk8s.sdk.core.validation.internal.UserFlinkConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;

/**
 * The judge of a {@link FlinkSessionJobSpec}: every violation at once, each with its field path,
 * judged on the effective spec ({@link SpecDefaults#apply(FlinkSessionJobSpec)}). The rules are the
 * Flink Kubernetes Operator's for a {@code FlinkSessionJob} ({@code DefaultValidator}, 1.15), plus
 * the API server's for names and labels:
 *
 * <ul>
 *   <li>{@code name} a DNS-1123 label (it is also the instance label's value); {@code
 *       deploymentName} set, and a name the operator accepts for a FlinkDeployment (a DNS-1123
 *       label starting with a letter, at most {@value ResourceNames#MAX_DEPLOYMENT_NAME_LENGTH}
 *       characters);
 *   <li>{@code job} set; its {@code jarURI} set, with a scheme the operator can fetch from (it
 *       downloads the jar and uploads it to the session cluster, so {@code local://}, a path in an
 *       image, is refused) and a host for {@code http} and {@code https}; {@code parallelism} set
 *       and at least 1 (the operator's session jobs have no TaskManager count to derive it from);
 *       {@code entryClass} a class name; {@code initialSavepointPath} a URI or an absolute path;
 *   <li>{@code flinkConfiguration} without the session cluster's own keys (addresses, ports, the
 *       cluster id, HA), which a job cannot change.
 * </ul>
 *
 * <p>What needs the session cluster's configuration (a checkpoint dir for {@code savepoint} and
 * {@code last-state}, a savepoint dir for {@code savepoint}) is judged by {@link
 * #validate(FlinkSessionJobSpec, FlinkDeploymentSpec)}, which is given the session deployment;
 * without it, the operator judges it when the job reaches it. The scheme allowlist is the
 * operator's setting ({@code kubernetes.operator.user.artifacts.allowed-schemes}, {@code https} by
 * default): another scheme is accepted here and advised at render time.
 *
 * <pre>{@code
 * SessionJobValidator.validate(sessionJob).throwIfInvalid();
 * // InvalidSpecException: Invalid FlinkSessionJobSpec "clicks" (2 violations):
 * //   deploymentName: must be set: the session FlinkDeployment that runs the job
 * //   job.parallelism: must be set: ...
 * }</pre>
 */
public final class SessionJobValidator {

    private static final String KIND = "FlinkSessionJobSpec";
    private static final Set<String> STANDALONE_JAR_SCHEMES = Set.of("file", "http", "https");

    private SessionJobValidator() {}

    /** Every violation of {@code spec}, judged on its effective form (defaults applied). */
    public static ValidationResult validate(FlinkSessionJobSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return judge(EffectiveSessionJob.defaults(spec));
    }

    /**
     * Every violation of {@code spec}, and those of it running on {@code session}, the session
     * deployment it names, as the operator judges a session job with its cluster: {@code
     * deploymentName} and {@code namespace} are the session's, the session is a session cluster (no
     * job), and the directories {@code job.upgradeMode} needs are set, on the session ({@code
     * checkpointing} or its {@code flinkConfiguration}) or in the job's {@code flinkConfiguration}:
     * a checkpoint dir for {@code savepoint} and {@code last-state}, a savepoint dir for {@code
     * savepoint}. Both are judged on their effective forms; the session deployment's own violations
     * are {@code SpecValidator}'s to report.
     */
    public static ValidationResult validate(FlinkSessionJobSpec spec, FlinkDeploymentSpec session) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(session, "session");
        FlinkSessionJobSpec effective = EffectiveSessionJob.defaults(spec);
        Checks checks = new Checks();
        rules(checks, effective);
        onSession(checks, effective, EffectiveSpec.defaults(session));
        return new ValidationResult(KIND, effective.name(), checks.violations());
    }

    /** Every violation of {@code effective}, a session job with its defaults applied. */
    static ValidationResult judge(FlinkSessionJobSpec effective) {
        Checks checks = new Checks();
        rules(checks, effective);
        return new ValidationResult(KIND, effective.name(), checks.violations());
    }

    private static void onSession(
            Checks checks, FlinkSessionJobSpec job, FlinkDeploymentSpec session) {
        if (job.deploymentName() != null && !job.deploymentName().equals(session.name())) {
            checks.report(
                    "deploymentName",
                    "must be the session deployment's name, " + session.name(),
                    job.deploymentName());
        } else if (session.mode() != DeploymentMode.SESSION) {
            checks.report(
                    "deploymentName",
                    "names an application cluster; session jobs run only on a session cluster"
                            + " (a deployment without a job)",
                    job.deploymentName());
        }
        if (!job.namespace().equals(session.namespace())) {
            checks.report(
                    "namespace",
                    "must be the session deployment's namespace, " + session.namespace(),
                    job.namespace());
        }
        if (job.job() != null && session.target() == RenderTarget.STANDALONE) {
            standaloneJar(checks, job.job().jarURI());
        }
        if (job.job() == null || job.job().upgradeMode() == UpgradeMode.STATELESS) {
            return;
        }
        UpgradeMode mode = job.job().upgradeMode();
        String missing =
                missingDirectory(
                        "checkpointing.checkpointDir",
                        session.checkpointing().checkpointDir(),
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        session,
                        job);
        if (missing == null && mode == UpgradeMode.SAVEPOINT) {
            missing =
                    missingDirectory(
                            "checkpointing.savepointDir",
                            session.checkpointing().savepointDir(),
                            CheckpointingOptions.SAVEPOINT_DIRECTORY,
                            session,
                            job);
        }
        if (missing != null) {
            checks.report(
                    "job.upgradeMode",
                    "needs "
                            + missing
                            + " on session deployment "
                            + session.name()
                            + " (or the same key in this job's flinkConfiguration), as the"
                            + " operator requires",
                    mode.wireValue());
        }
    }

    /** The field to set when neither the session nor the job sets {@code option}; else null. */
    private static String missingDirectory(
            String field,
            String value,
            ConfigOption<?> option,
            FlinkDeploymentSpec session,
            FlinkSessionJobSpec job) {
        if (value != null
                || new UserFlinkConfig(session.flinkConfiguration()).entry(option).isPresent()
                || new UserFlinkConfig(job.flinkConfiguration()).entry(option).isPresent()) {
            return null;
        }
        return field + " or flinkConfiguration['" + option.key() + "']";
    }

    private static void rules(Checks checks, FlinkSessionJobSpec effective) {
        names(checks, effective);
        if (effective.job() == null) {
            checks.report(
                    "job",
                    "must be set: the operator refuses a FlinkSessionJob without a job",
                    null);
        } else {
            checks.at("job", () -> job(checks, effective.job()));
        }
        checks.eachEntry(
                "flinkConfiguration",
                effective.flinkConfiguration(),
                (key, value) -> {
                    if (key.isBlank()) {
                        checks.report("key must not be blank", key);
                    } else if (SecurityRules.refuseInSessionJob(checks, key)) {
                        return;
                    } else if (value == null) {
                        checks.report("must not be null", null);
                    } else if (ManagedConfigKeys.ownedOption(key).isPresent()) {
                        checks.report(
                                "is a setting of the session cluster, which a job cannot change;"
                                        + " set it on the session deployment",
                                value);
                    }
                });
        MetadataRules.labels(checks, effective.labels());
        MetadataRules.annotations(checks, effective.annotations());
    }

    private static void names(Checks checks, FlinkSessionJobSpec spec) {
        if (checks.required("name", spec.name(), "must be set")
                && !KubernetesNames.isDnsLabel(spec.name(), KubernetesNames.DNS_LABEL_MAX)) {
            checks.report(
                    "name",
                    KubernetesNames.DNS_LABEL_RULE + " (it is also a label value)",
                    spec.name());
        }
        if (!KubernetesNames.isDnsLabel(spec.namespace(), KubernetesNames.DNS_LABEL_MAX)) {
            checks.report("namespace", KubernetesNames.DNS_LABEL_RULE, spec.namespace());
        }
        String session = spec.deploymentName();
        if (checks.required(
                        "deploymentName",
                        session,
                        "must be set: the session FlinkDeployment that runs the job")
                && !KubernetesNames.isDnsLabelStartingWithLetter(
                        session, ResourceNames.MAX_DEPLOYMENT_NAME_LENGTH)) {
            checks.report(
                    "deploymentName",
                    "must be a FlinkDeployment's name: a DNS-1123 label starting with a letter ("
                            + KubernetesNames.DNS_LABEL_STARTING_WITH_LETTER
                            + ") of at most "
                            + ResourceNames.MAX_DEPLOYMENT_NAME_LENGTH
                            + " characters",
                    session);
        }
    }

    private static void job(Checks checks, JobSpec job) {
        if (checks.required(
                "jarURI",
                job.jarURI(),
                "must be set: the operator downloads the jar and uploads it to the session"
                        + " cluster")) {
            jarURI(checks, job.jarURI());
        }
        if (job.entryClass() != null
                && !JobRules.JAVA_CLASS_NAME.matcher(job.entryClass()).matches()) {
            checks.report(
                    "entryClass",
                    "must be a fully qualified Java class name such as com.example.Job",
                    job.entryClass());
        }
        if (checks.required(
                "parallelism",
                job.parallelism(),
                "must be set: a session job has no TaskManager count to derive it from (the"
                        + " operator refuses a parallelism below 1)")) {
            checks.atLeast("parallelism", job.parallelism(), 1);
        }
        String savepoint = job.initialSavepointPath();
        if (savepoint != null && !Uris.hasScheme(savepoint) && !Uris.isAbsolutePath(savepoint)) {
            checks.report(
                    "initialSavepointPath",
                    "must be " + Uris.WITH_SCHEME + ", or an absolute path",
                    savepoint);
        }
    }

    /**
     * On a session of target standalone the SDK itself reads the jar ({@code file:}) or downloads
     * it ({@code http}, {@code https}) and uploads it to the JobManager; it reads no other file
     * system.
     */
    private static void standaloneJar(Checks checks, String jarURI) {
        if (jarURI == null || !Uris.hasScheme(jarURI)) {
            return;
        }
        String scheme = URI.create(jarURI.replace(" ", "%20")).getScheme();
        if (!STANDALONE_JAR_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            checks.report(
                    "job.jarURI",
                    "must be a file:, http:// or https:// URI on a session deployment of target"
                            + " standalone: the SDK reads or downloads the jar itself and uploads"
                            + " it to the JobManager",
                    jarURI);
        }
    }

    private static void jarURI(Checks checks, String jarURI) {
        if (!Uris.hasScheme(jarURI)) {
            checks.report(
                    "jarURI",
                    "must be an absolute URI with a scheme the operator fetches from, such as"
                            + " https://host/job.jar or s3://bucket/job.jar",
                    jarURI);
            return;
        }
        URI uri;
        try {
            uri = new URI(jarURI);
        } catch (URISyntaxException e) {
            checks.report("jarURI", "must be a valid URI: " + e.getReason(), jarURI);
            return;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("local")) {
            checks.report(
                    "jarURI",
                    "must not be local://: a session job's jar is fetched (by the operator, or by"
                            + " the SDK on a session of target standalone) and uploaded to the"
                            + " session cluster, so a path inside the JobManager's image cannot be"
                            + " run; use https://, file: (standalone) or a file system the"
                            + " operator reads (s3://, hdfs://, ...)",
                    jarURI);
        } else if ((scheme.equals("http") || scheme.equals("https"))
                && (uri.getHost() == null || uri.getHost().isEmpty())) {
            checks.report("jarURI", "must name a host for " + scheme + "://", jarURI);
        }
    }
}
