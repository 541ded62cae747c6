package io.flinkk8s.sdk.core.deploy.internal.preflight;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.deploy.PreflightReport;
import io.flinkk8s.sdk.core.deploy.internal.cluster.DeployerContext;
import io.flinkk8s.sdk.core.error.PreflightFailedException;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.flink.PortForwardEndpointResolver;
import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.render.internal.QuotaNeeds;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.validation.EffectiveSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One preflight of one spec: renders it as the deployer would, then runs each check with reads and
 * SelfSubjectAccessReviews only, never a write. The checks: the namespace (with {@code
 * tenancy.namespace}: whether the caller may create it when missing); the operator's CRDs (target
 * operator); RBAC for everything the deployer does; quotas and limit ranges; the Ingress class; the
 * Secrets, ConfigMaps and ServiceAccounts referred to. When the namespace is missing the checks of
 * objects inside it (quotas, references) are left out: there is nothing to read.
 */
public final class Preflight {

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private final DeployerContext ctx;
    private final ClusterReads reads;

    /** A preflight reading through the deployer's client, retries and request rate. */
    public Preflight(DeployerContext ctx) {
        this.ctx = ctx;
        this.reads = new ClusterReads(ctx);
    }

    /** What would make an apply of {@code spec} fail now; writes nothing. */
    public PreflightReport run(EffectiveSpec spec) {
        FlinkDeploymentSpec s = spec.spec();
        String ns = spec.namespace();
        List<HasMetadata> rendered = ctx.options().renderer().render(spec).all();
        List<PreflightFinding> findings = new ArrayList<>();
        if (!Boolean.TRUE.equals(s.tenancy().namespace())) {
            NamespaceCheck.check(reads, ns).ifPresent(findings::add);
        } else {
            // the apply creates a missing namespace, if the caller may
            NamespaceCreateCheck.check(reads, ns).ifPresent(findings::add);
        }
        boolean namespaceMissing =
                findings.stream().anyMatch(f -> f.check() == Check.NAMESPACE && f.isError());
        if (s.target() == RenderTarget.OPERATOR) {
            OperatorCrdCheck.check(reads, s.flinkVersion().wireValue()).ifPresent(findings::add);
        }
        boolean portForward =
                ctx.options().restEndpointResolver() instanceof PortForwardEndpointResolver;
        findings.addAll(RbacCheck.check(reads, ns, AccessNeeds.of(spec, rendered, portForward)));
        if (!namespaceMissing) {
            findings.addAll(QuotaCheck.check(reads, ns, QuotaNeeds.of(s), ownPods(s)));
        }
        if (s.ingress() != null && s.ingress().className() != null) {
            IngressClassCheck.check(reads, s.ingress().className()).ifPresent(findings::add);
        }
        if (!namespaceMissing) {
            findings.addAll(ReferenceCheck.check(reads, ns, rendered));
        }
        findings.sort(Comparator.comparing(f -> !f.isError()));
        PreflightReport report = new PreflightReport(ns, spec.name(), findings);
        LOG.debug("{}", report);
        return report;
    }

    /**
     * Only the quota check of {@link #run}: whether {@code spec} at its largest fits the
     * ResourceQuotas and LimitRanges already in its namespace.
     */
    public PreflightReport quota(EffectiveSpec spec) {
        FlinkDeploymentSpec s = spec.spec();
        List<PreflightFinding> findings =
                new ArrayList<>(
                        QuotaCheck.check(reads, spec.namespace(), QuotaNeeds.of(s), ownPods(s)));
        findings.sort(Comparator.comparing(f -> !f.isError()));
        return new PreflightReport(spec.namespace(), spec.name(), findings);
    }

    /**
     * Runs the preflight and refuses errors.
     *
     * @throws PreflightFailedException listing every error, when there is one
     */
    public void require(EffectiveSpec spec) {
        PreflightReport report = run(spec);
        if (!report.passed()) {
            throw new PreflightFailedException(spec.namespace(), spec.name(), report.errors());
        }
    }

    /** The labels of the deployment's pods: the SDK's, or the operator's {@code app}. */
    private static Map<String, String> ownPods(FlinkDeploymentSpec s) {
        return s.target() == RenderTarget.OPERATOR
                ? Map.of("app", s.name())
                : new ResourceLabels(s.name(), "", Map.of()).ownedBySdk();
    }
}
