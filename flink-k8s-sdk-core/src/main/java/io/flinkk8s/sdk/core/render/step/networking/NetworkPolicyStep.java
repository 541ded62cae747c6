package io.flinkk8s.sdk.core.render.step.networking;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.flinkk8s.sdk.core.naming.Component;
import io.flinkk8s.sdk.core.naming.FlinkPorts;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.observability.PrometheusSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy for the deployment's pods when {@code networking.networkPolicy} is on, on both
 * targets: every other incoming connection to them is denied.
 *
 * <ul>
 *   <li><b>emits</b>: networking.k8s.io/v1 NetworkPolicy {@code ResourceNames.networkPolicy()} with
 *       the JobManager's common labels, {@code podSelector} = every pod of the deployment ({@link
 *       DeploymentPods#selector}), {@code policyTypes: [Ingress]} (outgoing traffic stays open) and
 *       these {@code ingress} rules, all TCP:
 *       <ul>
 *         <li>from the deployment's own pods: JobManager RPC {@value FlinkPorts#JOB_MANAGER_RPC},
 *             blob server {@value FlinkPorts#BLOB_SERVER}, TaskManager RPC {@value
 *             FlinkPorts#TASK_MANAGER_RPC} and the data port ({@code taskmanager.data.port} of the
 *             final config, {@value FlinkPorts#TASK_MANAGER_DATA} by {@link DataPortStep});
 *         <li>when {@code restFromNamespaces} or {@code restFromPods} is set: REST {@value
 *             FlinkPorts#REST} from those namespaces (by their {@value #NAMESPACE_NAME_LABEL}
 *             label) and from those pods of the deployment's namespace;
 *         <li>when {@code observability.prometheus} is on: its port from the pods of {@code
 *             metricsFromNamespaces}, or from every namespace when that is empty;
 *       </ul>
 *   <li><b>advises</b> at {@code networking.networkPolicy.restFromNamespaces} when nothing may call
 *       the REST port but an Ingress or the operator has to (their controllers run in namespaces of
 *       their own);
 *   <li><b>overwrites / merges</b>: nothing.
 * </ul>
 */
public final class NetworkPolicyStep implements RenderStep {

    /** {@code network-policy}. */
    public static final StepId ID = StepId.of("network-policy");

    /** The label Kubernetes sets on every namespace to its name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.ACCOMPANY;
    }

    /** Only when {@code networking.networkPolicy} is on. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().networking().networkPolicy().isEnabled();
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        io.flinkk8s.sdk.core.spec.networking.NetworkPolicySpec policy =
                ctx.spec().networking().networkPolicy();
        Map<String, String> pods = DeploymentPods.selector(ctx);
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        rules.add(
                rule(
                        List.of(podPeer(pods)),
                        FlinkPorts.JOB_MANAGER_RPC,
                        FlinkPorts.BLOB_SERVER,
                        FlinkPorts.TASK_MANAGER_RPC,
                        DataPortStep.dataPort(in)));
        List<NetworkPolicyPeer> restPeers = new ArrayList<>();
        policy.restFromNamespaces().forEach(ns -> restPeers.add(namespacePeer(ns)));
        policy.restFromPods().forEach(selector -> restPeers.add(podPeer(selector)));
        if (!restPeers.isEmpty()) {
            rules.add(rule(restPeers, FlinkPorts.REST));
        }
        PrometheusSpec prometheus = ctx.spec().observability().prometheus();
        if (prometheus.isEnabled()) {
            List<NetworkPolicyPeer> scrapers = new ArrayList<>();
            policy.metricsFromNamespaces().forEach(ns -> scrapers.add(namespacePeer(ns)));
            if (scrapers.isEmpty()) {
                NetworkPolicyPeer anyNamespace = new NetworkPolicyPeer();
                anyNamespace.setNamespaceSelector(new LabelSelector());
                scrapers.add(anyNamespace);
            }
            rules.add(rule(scrapers, prometheus.effectivePort()));
        }
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(selector(pods));
        spec.setPolicyTypes(List.of("Ingress"));
        spec.setIngress(rules);
        NetworkPolicy object = new NetworkPolicy();
        object.setMetadata(ctx.metadata(ctx.names().networkPolicy(), Component.JOB_MANAGER));
        object.setSpec(spec);
        Rendering out = in.withAdoptedResource(object);
        if (restPeers.isEmpty()) {
            String who = whoNeedsRest(ctx);
            if (who != null) {
                out =
                        out.withAdvisory(
                                new Advisory(
                                        "networking.networkPolicy.restFromNamespaces",
                                        who
                                                + " calls the REST port "
                                                + FlinkPorts.REST
                                                + ", which the NetworkPolicy admits from no"
                                                + " namespace or pod: list the namespace it runs"
                                                + " in"));
            }
        }
        return out;
    }

    private static String whoNeedsRest(RenderContext ctx) {
        if (ctx.target() == RenderTarget.OPERATOR) {
            return "the Flink Kubernetes Operator";
        }
        return ctx.spec().ingress() != null ? "the Ingress controller" : null;
    }

    private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, int... ports) {
        List<NetworkPolicyPort> list = new ArrayList<>();
        for (int port : ports) {
            NetworkPolicyPort p = new NetworkPolicyPort();
            p.setProtocol("TCP");
            p.setPort(new IntOrString(port));
            list.add(p);
        }
        NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule();
        rule.setFrom(new ArrayList<>(from));
        rule.setPorts(list);
        return rule;
    }

    private static NetworkPolicyPeer podPeer(Map<String, String> labels) {
        NetworkPolicyPeer peer = new NetworkPolicyPeer();
        peer.setPodSelector(selector(labels));
        return peer;
    }

    private static NetworkPolicyPeer namespacePeer(String namespace) {
        NetworkPolicyPeer peer = new NetworkPolicyPeer();
        peer.setNamespaceSelector(selector(Map.of(NAMESPACE_NAME_LABEL, namespace)));
        return peer;
    }

    private static LabelSelector selector(Map<String, String> labels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(labels));
        return selector;
    }
}
