package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one table of the kinds the SDK renders, read by rendering (the order of {@code
 * RenderedResources}), by the deployer (the levels it applies at, the kinds it lists and deletes,
 * the fabric8 type each is listed with, what prune and delete keep) and by the status view (the
 * operator's custom resource). Every kind is namespaced: the Namespace of {@code tenancy} is not a
 * rendered object (the deployer creates it when missing and never deletes it).
 *
 * <p>The constants stand in dependency order: ResourceQuota, LimitRange, ServiceAccount and RBAC
 * (0), then ConfigMaps and PVCs (1), Services (2), Deployments (3), what refers to them (4: HPA,
 * PDB, NetworkPolicy, Ingress), then custom resources and any kind not in this table ({@link
 * #LAST_LEVEL}). The deployer applies levels 0 to 2 in one wave, and the Deployments with
 * everything after them in the next (see {@code ResourceApplier.wave}). Rendered objects sort the
 * same way: the built-in kinds in table order, then the other kinds by kind name, so that adding a
 * render step never reorders an apply.
 *
 * <p>Internal: not API, may change in any release.
 */
public enum ObjectKind {
    /** Bounds the pods that follow: applied first. */
    RESOURCE_QUOTA(ResourceQuota.class, 0),
    LIMIT_RANGE(LimitRange.class, 0),
    SERVICE_ACCOUNT(ServiceAccount.class, 0),
    ROLE(Role.class, 0),
    ROLE_BINDING(RoleBinding.class, 0),
    CONFIG_MAP(ConfigMap.class, 1),
    /** Holds state: prune and delete keep it unless told otherwise. */
    PERSISTENT_VOLUME_CLAIM(PersistentVolumeClaim.class, 1),
    SERVICE(Service.class, 2),
    DEPLOYMENT(Deployment.class, 3),
    HORIZONTAL_POD_AUTOSCALER(HorizontalPodAutoscaler.class, 4),
    POD_DISRUPTION_BUDGET(PodDisruptionBudget.class, 4),
    NETWORK_POLICY(NetworkPolicy.class, 4),
    INGRESS(Ingress.class, 4),
    /** The Flink Kubernetes Operator's custom resource (target operator). */
    FLINK_DEPLOYMENT(ObjectKind.FLINK_API_VERSION, ObjectKind.FLINK_DEPLOYMENT_KIND),
    /** The Flink Kubernetes Operator's job on a session cluster (a session job). */
    FLINK_SESSION_JOB(ObjectKind.FLINK_API_VERSION, ObjectKind.FLINK_SESSION_JOB_KIND),
    /** The Prometheus Operator's scrape target for pods; its CRD may be missing. */
    POD_MONITOR(ObjectKind.MONITORING_API_VERSION, ObjectKind.POD_MONITOR_KIND);

    /** The API group of the Flink Kubernetes Operator's custom resources. */
    public static final String FLINK_API_GROUP = "flink.apache.org";

    /** The API group and version of the Flink Kubernetes Operator's custom resources. */
    public static final String FLINK_API_VERSION = FLINK_API_GROUP + "/v1beta1";

    /** The kind of the operator's {@code FlinkDeployment}. */
    public static final String FLINK_DEPLOYMENT_KIND = "FlinkDeployment";

    /** The kind of the operator's {@code FlinkSessionJob}. */
    public static final String FLINK_SESSION_JOB_KIND = "FlinkSessionJob";

    /** The API group of the Prometheus Operator's custom resources. */
    public static final String MONITORING_API_GROUP = "monitoring.coreos.com";

    /** The API group and version of the Prometheus Operator's {@code PodMonitor}. */
    public static final String MONITORING_API_VERSION = MONITORING_API_GROUP + "/v1";

    /** The kind of the Prometheus Operator's {@code PodMonitor}. */
    public static final String POD_MONITOR_KIND = "PodMonitor";

    /** The level of custom resources and of kinds not in this table: applied last. */
    public static final int LAST_LEVEL = 5;

    private static final List<ObjectKind> BUILT_IN =
            Arrays.stream(values()).filter(k -> !k.isCustomResource()).toList();

    private final String apiVersion;
    private final String kind;
    private final Class<? extends HasMetadata> type;
    private final int level;

    ObjectKind(Class<? extends HasMetadata> type, int level) {
        this.apiVersion = HasMetadata.getApiVersion(type);
        this.kind = HasMetadata.getKind(type);
        this.type = type;
        this.level = level;
    }

    ObjectKind(String apiVersion, String kind) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.type = GenericKubernetesResource.class;
        this.level = LAST_LEVEL;
    }

    /** E.g. {@code apps/v1}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The API group, {@code ""} for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** E.g. {@code Deployment}. */
    public String kind() {
        return kind;
    }

    /**
     * The fabric8 type objects of this kind are read as: {@link GenericKubernetesResource} for a
     * custom resource.
     */
    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** The dependency level: 0 is applied first. */
    public int level() {
        return level;
    }

    /** Whether this is a custom resource (listed generically; its CRD may be missing). */
    public boolean isCustomResource() {
        return type == GenericKubernetesResource.class;
    }

    /** Whether objects of this kind hold state, which prune and delete keep unless told so. */
    public boolean holdsState() {
        return this == PERSISTENT_VOLUME_CLAIM;
    }

    /**
     * Whether this kind bounds the whole namespace ({@code tenancy}'s ResourceQuota and
     * LimitRange): listed by a delete only when the state record says it was applied, since many
     * callers may not list it.
     */
    public boolean boundsNamespace() {
        return this == RESOURCE_QUOTA || this == LIMIT_RANGE;
    }

    /** The built-in (not custom) kinds, in apply order. */
    public static List<ObjectKind> builtIn() {
        return BUILT_IN;
    }

    /** The entry of {@code kind}, if the table has it. */
    public static Optional<ObjectKind> of(String kind) {
        for (ObjectKind k : values()) {
            if (k.kind.equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The level {@code kind} is applied at; {@link #LAST_LEVEL} for a kind not in the table. */
    public static int levelOf(String kind) {
        return of(kind).map(ObjectKind::level).orElse(LAST_LEVEL);
    }

    /**
     * Where objects of {@code kind} stand in apply order: a built-in kind's place in the table;
     * after them (then ordered by kind name) custom resources and kinds not in the table.
     */
    public static int applyRank(String kind) {
        return of(kind).filter(k -> !k.isCustomResource())
                .map(BUILT_IN::indexOf)
                .orElse(BUILT_IN.size());
    }

    /** Whether objects of {@code kind} hold state ({@link #holdsState()}). */
    public static boolean holdsStateOf(String kind) {
        return of(kind).map(ObjectKind::holdsState).orElse(false);
    }
}
