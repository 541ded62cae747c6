package io.flinkk8s.sdk.core.validation;

import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.SpecDefaults;
import io.flinkk8s.sdk.core.validation.internal.AutoscalingRules;
import io.flinkk8s.sdk.core.validation.internal.Checks;
import io.flinkk8s.sdk.core.validation.internal.ConfigurationRules;
import io.flinkk8s.sdk.core.validation.internal.DisruptionRules;
import io.flinkk8s.sdk.core.validation.internal.EnvRules;
import io.flinkk8s.sdk.core.validation.internal.IngressRules;
import io.flinkk8s.sdk.core.validation.internal.JobRules;
import io.flinkk8s.sdk.core.validation.internal.KubernetesNames;
import io.flinkk8s.sdk.core.validation.internal.MetadataRules;
import io.flinkk8s.sdk.core.validation.internal.NetworkingRules;
import io.flinkk8s.sdk.core.validation.internal.ObservabilityRules;
import io.flinkk8s.sdk.core.validation.internal.OperatorRules;
import io.flinkk8s.sdk.core.validation.internal.ProbeRules;
import io.flinkk8s.sdk.core.validation.internal.ProcessRules;
import io.flinkk8s.sdk.core.validation.internal.RestoreRules;
import io.flinkk8s.sdk.core.validation.internal.SchedulingRules;
import io.flinkk8s.sdk.core.validation.internal.SecurityRules;
import io.flinkk8s.sdk.core.validation.internal.StateRules;
import io.flinkk8s.sdk.core.validation.internal.StorageRules;
import io.flinkk8s.sdk.core.validation.internal.TenancyRules;
import io.flinkk8s.sdk.core.validation.internal.UserFlinkConfig;
import java.util.Objects;

/**
 * The only judge of a spec: run it before anything renders or touches a cluster ({@link
 * EffectiveSpec#of} does). It judges the effective spec ({@link SpecDefaults#apply}), walks every
 * field in declaration order and returns every violation at once, each with its field path and what
 * is allowed:
 *
 * <pre>{@code
 * SpecValidator.validate(spec).throwIfInvalid();
 * // InvalidSpecException: Invalid FlinkDeploymentSpec "orders" (2 violations):
 * //   taskManager.replicas: must be >= 1, was 0
 * //   job.jarURI: must be set in application mode
 * }</pre>
 *
 * <p>Names are checked as the API server checks them; resources parse and fit Flink's own memory
 * model (with the user's memory options); cross-field rules (parallelism against slots, upgrade
 * mode against directories and HA) report at the field to change and name the other one; a {@code
 * flinkConfiguration} key the SDK owns is refused, one it derives is type-checked with Flink's
 * parsing. Validating is cheap and has no side effects, apart from Flink's memory calculation
 * logging at INFO through its own logger.
 */
public final class SpecValidator {

    /** The longest name: Flink's cluster-id limit, and short enough for every derived name. */
    static final int MAX_NAME_LENGTH =
            Math.min(
                    ResourceNames.MAX_DEPLOYMENT_NAME_LENGTH,
                    KubernetesNames.DNS_LABEL_MAX - ResourceNames.LONGEST_SUFFIX);

    private SpecValidator() {}

    /**
     * Every violation of {@code spec}, judged on its effective form (defaults applied). To judge a
     * spec and go on with its effective form, use {@link EffectiveSpec#of}, which throws instead.
     */
    public static ValidationResult validate(FlinkDeploymentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return judge(spec.name(), EffectiveSpec.defaults(spec));
    }

    /** Every violation of {@code effective}, a spec with its defaults applied. */
    static ValidationResult judge(String specName, FlinkDeploymentSpec effective) {
        UserFlinkConfig user = new UserFlinkConfig(effective.flinkConfiguration());
        Checks checks = new Checks();
        metadata(checks, effective);
        ProcessRules.jobManager(checks, effective, user);
        ProcessRules.taskManager(checks, effective, user);
        JobRules.job(checks, effective, user);
        RestoreRules.restore(checks, effective);
        StateRules.checkpointing(checks, effective, user);
        StateRules.highAvailability(checks, effective, user);
        ConfigurationRules.flinkConfiguration(checks, effective);
        OperatorRules.flinkConfiguration(checks, effective);
        ConfigurationRules.logConfiguration(checks, effective.logConfiguration());
        EnvRules.env(checks, effective.env());
        MetadataRules.labels(checks, effective.labels());
        MetadataRules.annotations(checks, effective.annotations());
        security(checks, effective.security());
        AutoscalingRules.autoscaling(checks, effective);
        ProbeRules.probes(checks, effective);
        DisruptionRules.disruption(checks, effective.disruption());
        IngressRules.ingress(checks, effective.ingress());
        SecurityRules.security(checks, effective);
        StorageRules.storage(checks, effective);
        SchedulingRules.scheduling(checks, effective.scheduling());
        NetworkingRules.networking(checks, effective);
        ObservabilityRules.observability(checks, effective);
        TenancyRules.tenancy(checks, effective);
        return new ValidationResult(specName, checks.violations());
    }

    /**
     * The violations of the rules a job's start and the TaskManager count enter (the count is at
     * least 1, the job's parallelism fits the slots, the savepoint path is a URI or an absolute
     * path): what a change of only those fields of a judged spec must be judged by again. Cheap:
     * without Flink's memory model.
     */
    static ValidationResult judgeJobAndTaskManagerCount(
            String specName, FlinkDeploymentSpec effective) {
        UserFlinkConfig user = new UserFlinkConfig(effective.flinkConfiguration());
        Checks checks = new Checks();
        checks.at(
                "taskManager",
                () -> checks.atLeast("replicas", effective.taskManager().replicas(), 1));
        JobRules.job(checks, effective, user);
        return new ValidationResult(specName, checks.violations());
    }

    /** {@code name} to {@code serviceAccount}; the enums between them are always valid. */
    private static void metadata(Checks checks, FlinkDeploymentSpec spec) {
        if (checks.required("name", spec.name(), "must be set")
                && !KubernetesNames.isDnsLabelStartingWithLetter(spec.name(), MAX_NAME_LENGTH)) {
            checks.report(
                    "name",
                    "must be a DNS-1123 label starting with a letter ("
                            + KubernetesNames.DNS_LABEL_STARTING_WITH_LETTER
                            + ") of at most "
                            + MAX_NAME_LENGTH
                            + " characters, so that every derived name fits in "
                            + KubernetesNames.DNS_LABEL_MAX,
                    spec.name());
        }
        if (!KubernetesNames.isDnsLabel(spec.namespace(), KubernetesNames.DNS_LABEL_MAX)) {
            checks.report("namespace", KubernetesNames.DNS_LABEL_RULE, spec.namespace());
        }
        OperatorRules.flinkVersion(checks, spec);
        OperatorRules.mode(checks, spec);
        String image = spec.image();
        if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            checks.report("image", "must be a non-blank image reference without whitespace", image);
        }
        String account = spec.serviceAccount();
        if (account != null && !KubernetesNames.isDnsSubdomain(account)) {
            checks.report("serviceAccount", KubernetesNames.DNS_SUBDOMAIN_RULE, account);
        }
    }

    private static void security(Checks checks, SecuritySpec security) {
        checks.at(
                "security",
                () -> {
                    if (checks.atLeast("runAsUser", security.runAsUser(), 0)
                            && security.runAsUser() == 0
                            && security.podSecurity() == PodSecurity.RESTRICTED) {
                        checks.report(
                                "runAsUser",
                                "must not be 0 (root) when security.podSecurity is restricted",
                                security.runAsUser());
                    }
                    checks.atLeast("runAsGroup", security.runAsGroup(), 0);
                    checks.atLeast("fsGroup", security.fsGroup(), 0);
                });
    }
}
