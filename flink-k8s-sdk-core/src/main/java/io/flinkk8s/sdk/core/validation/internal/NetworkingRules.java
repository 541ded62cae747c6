package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec;
import io.flinkk8s.sdk.core.spec.networking.RestServiceSpec;
import io.flinkk8s.sdk.core.spec.networking.ServiceType;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for {@code networking}: a REST Service the API server accepts (a node port only where one
 * exists, source ranges only on a load balancer, CIDRs that parse), what the operator target cannot
 * express refused, and a NetworkPolicy whose selectors are valid and whose ports are fixed.
 */
public final class NetworkingRules {

    /** Flink's TaskManager data port option; random (0) unless set. */
    public static final String DATA_PORT_KEY = "taskmanager.data.port";

    /** Flink's options for the REST Service of its native Kubernetes mode. */
    private static final List<String> REST_SERVICE_KEYS =
            List.of("kubernetes.rest-service.exposed.type", "kubernetes.rest-service.annotations");

    private static final Pattern IPV4_CIDR =
            Pattern.compile(
                    "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
                            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern IPV6_CIDR =
            Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");

    private NetworkingRules() {}

    public static void networking(Checks checks, FlinkDeploymentSpec spec) {
        checks.at(
                "networking",
                () -> {
                    restService(checks, spec.networking().restService(), spec.target());
                    networkPolicy(checks, spec, spec.networking().networkPolicy());
                });
        if (spec.networking().restService().isSet()) {
            for (String key : REST_SERVICE_KEYS) {
                if (spec.flinkConfiguration().containsKey(key)) {
                    checks.report(
                            Checks.entryPath("flinkConfiguration", key),
                            "is set by networking.restService and must not be set here; change"
                                    + " networking.restService instead",
                            spec.flinkConfiguration().get(key));
                }
            }
        }
        String dataPort = spec.flinkConfiguration().get(DATA_PORT_KEY);
        if (spec.networking().networkPolicy().isEnabled()
                && dataPort != null
                && !isFixedPort(dataPort)) {
            checks.report(
                    Checks.entryPath("flinkConfiguration", DATA_PORT_KEY),
                    "must be a single port from 1 to 65535 with networking.networkPolicy on: the"
                            + " policy opens exactly that port between TaskManagers (leave it"
                            + " unset for 6121)",
                    dataPort);
        }
    }

    private static void restService(Checks checks, RestServiceSpec rest, RenderTarget target) {
        boolean operator = target == RenderTarget.OPERATOR;
        checks.at(
                "restService",
                () -> {
                    ServiceType type = rest.effectiveType();
                    Integer nodePort = rest.nodePort();
                    if (nodePort != null) {
                        if (operator) {
                            checks.report(
                                    "nodePort",
                                    "is not supported with target operator: Flink's native"
                                            + " Kubernetes mode picks the node port; leave it"
                                            + " unset",
                                    nodePort);
                        } else if (type == ServiceType.CLUSTER_IP) {
                            checks.report(
                                    "nodePort",
                                    "needs networking.restService.type NodePort or LoadBalancer",
                                    nodePort);
                        } else if (nodePort < 1 || nodePort > 65535) {
                            checks.report(
                                    "nodePort",
                                    "must be a port in the cluster's node port range (by default"
                                            + " 30000-32767)",
                                    nodePort);
                        }
                    }
                    MetadataRules.annotations(checks, rest.annotations());
                    List<String> ranges = rest.loadBalancerSourceRanges();
                    if (!ranges.isEmpty() && operator) {
                        checks.report(
                                "loadBalancerSourceRanges",
                                "is not supported with target operator: Flink's native Kubernetes"
                                        + " mode has no option for it; restrict the clients with"
                                        + " networking.networkPolicy instead",
                                ranges);
                    } else if (!ranges.isEmpty() && type != ServiceType.LOAD_BALANCER) {
                        checks.report(
                                "loadBalancerSourceRanges",
                                "needs networking.restService.type LoadBalancer",
                                ranges);
                    } else {
                        checks.eachItem(
                                "loadBalancerSourceRanges",
                                ranges,
                                (cidr, i) -> {
                                    if (!isCidr(cidr)) {
                                        checks.report(
                                                "must be a CIDR such as 203.0.113.0/24", cidr);
                                    }
                                });
                    }
                });
    }

    private static void networkPolicy(
            Checks checks, FlinkDeploymentSpec spec, NetworkPolicySpec policy) {
        checks.at(
                "networkPolicy",
                () -> {
                    boolean on = policy.isEnabled();
                    unused(checks, on, "restFromNamespaces", policy.restFromNamespaces());
                    unused(checks, on, "restFromPods", policy.restFromPods());
                    unused(checks, on, "metricsFromNamespaces", policy.metricsFromNamespaces());
                    if (!on) {
                        return;
                    }
                    namespaces(checks, "restFromNamespaces", policy.restFromNamespaces());
                    checks.eachItem(
                            "restFromPods",
                            policy.restFromPods(),
                            (selector, i) -> selector(checks, selector));
                    namespaces(checks, "metricsFromNamespaces", policy.metricsFromNamespaces());
                    if (!policy.metricsFromNamespaces().isEmpty()
                            && !spec.observability().prometheus().isEnabled()) {
                        checks.report(
                                "metricsFromNamespaces",
                                "has no effect without observability.prometheus.enabled: true",
                                policy.metricsFromNamespaces());
                    }
                });
    }

    private static void unused(Checks checks, boolean on, String field, List<?> values) {
        if (!on && !values.isEmpty()) {
            checks.report(
                    field,
                    "has no effect while networking.networkPolicy.enabled is not true",
                    values);
        }
    }

    private static void namespaces(Checks checks, String field, List<String> namespaces) {
        checks.eachItem(
                field,
                namespaces,
                (ns, i) -> {
                    if (!KubernetesNames.isDnsLabel(ns, KubernetesNames.DNS_LABEL_MAX)) {
                        checks.report(KubernetesNames.DNS_LABEL_RULE, ns);
                    }
                });
    }

    /** A label selector: at least one label, each key and value as Kubernetes accepts them. */
    static void selector(Checks checks, Map<String, String> selector) {
        if (selector.isEmpty()) {
            checks.report(
                    "must name at least one label: an empty selector would admit every pod of the"
                            + " namespace",
                    selector);
            return;
        }
        selector.forEach(
                (key, value) -> {
                    if (!KubernetesNames.isQualifiedName(key)) {
                        checks.report("label " + KubernetesNames.QUALIFIED_NAME_RULE, key);
                    } else if (value == null || !KubernetesNames.isLabelValue(value)) {
                        checks.report(
                                "value of label '" + key + "' " + KubernetesNames.LABEL_VALUE_RULE,
                                value);
                    }
                });
    }

    static boolean isCidr(String text) {
        return text != null
                && (IPV4_CIDR.matcher(text).matches()
                        || (IPV6_CIDR.matcher(text).matches() && text.indexOf(':') >= 0));
    }

    private static boolean isFixedPort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
