package io.flinkk8s.sdk.core.deploy.internal.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkk8s.sdk.core.deploy.internal.cluster.ObjectRef;
import io.flinkk8s.sdk.core.deploy.internal.preflight.ClusterReads.Read;
import io.flinkk8s.sdk.core.error.PreflightFinding;
import io.flinkk8s.sdk.core.error.PreflightFinding.Check;
import io.flinkk8s.sdk.core.error.PreflightFinding.Severity;
import io.flinkk8s.sdk.core.internal.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the cluster serves the operator's {@code FlinkDeployment} ({@code
 * flink.apache.org/v1beta1}) and its CRD accepts the spec's {@code flinkVersion}: the operator's
 * CRD lists the Flink versions its release supports as an enum of {@code spec.flinkVersion}, so an
 * older operator refuses a newer version at apply time. Read from the CRD when the caller may read
 * CRDs (a cluster-scoped kind); otherwise from API discovery, which tells only whether the kind is
 * served.
 */
final class OperatorCrdCheck {

    /** The CRD of {@code FlinkDeployment}. */
    static final String CRD_NAME = "flinkdeployments." + ObjectKind.FLINK_API_GROUP;

    private static final String VERSION =
            ObjectKind.FLINK_API_VERSION.substring(ObjectKind.FLINK_API_GROUP.length() + 1);

    private static final String INSTALL =
            "Install the Flink Kubernetes Operator and its CRDs (helm install"
                    + " flink-kubernetes-operator flink-operator-repo/flink-kubernetes-operator),"
                    + " or render the spec with target standalone.";

    private OperatorCrdCheck() {}

    /** The finding about the CRD for a spec of {@code flinkVersion} (wire value, e.g. v2_1). */
    static Optional<PreflightFinding> check(ClusterReads reads, String flinkVersion) {
        KubernetesClient client = reads.context().client();
        Read<CustomResourceDefinition> read =
                reads.read(
                        ObjectRef.of(CustomResourceDefinition.class, null, CRD_NAME),
                        () ->
                                client.apiextensions()
                                        .v1()
                                        .customResourceDefinitions()
                                        .withName(CRD_NAME)
                                        .get());
        if (read.forbidden()) {
            return servedByDiscovery(client)
                    ? Optional.of(
                            finding(
                                    Severity.WARNING,
                                    "the caller may not read CRDs, so the preflight cannot tell"
                                            + " whether the operator accepts flinkVersion "
                                            + flinkVersion,
                                    "Make sure the installed operator release supports it (kubectl"
                                            + " get crd "
                                            + CRD_NAME
                                            + " -o jsonpath='{..flinkVersion.enum}')."))
                    : Optional.of(notInstalled());
        }
        if (read.missing()) {
            return Optional.of(notInstalled());
        }
        Optional<CustomResourceDefinitionVersion> served =
                read.value().getSpec().getVersions().stream()
                        .filter(
                                v ->
                                        VERSION.equals(v.getName())
                                                && Boolean.TRUE.equals(v.getServed()))
                        .findFirst();
        if (served.isEmpty()) {
            return Optional.of(
                    finding(
                            Severity.ERROR,
                            "the CRD does not serve " + ObjectKind.FLINK_API_VERSION,
                            "Install an operator release that serves it (1.x releases from 1.0"
                                    + " do), or render the spec with target standalone."));
        }
        List<String> accepted = enumOfFlinkVersion(client, served.get());
        if (!accepted.isEmpty() && !accepted.contains(flinkVersion)) {
            return Optional.of(
                    finding(
                            Severity.ERROR,
                            "the installed operator's CRD accepts flinkVersion "
                                    + String.join(", ", accepted)
                                    + ", not "
                                    + flinkVersion,
                            "Upgrade the Flink Kubernetes Operator to a release that supports "
                                    + flinkVersion
                                    + ", or set flinkVersion to one it accepts."));
        }
        return Optional.empty();
    }

    private static boolean servedByDiscovery(KubernetesClient client) {
        try {
            return client.supports(ObjectKind.FLINK_API_VERSION, ObjectKind.FLINK_DEPLOYMENT_KIND);
        } catch (RuntimeException e) {
            return true; // discovery could not tell: say only that the CRD was not readable
        }
    }

    /** The enum of {@code spec.flinkVersion} in the version's schema; empty: any string. */
    private static List<String> enumOfFlinkVersion(
            KubernetesClient client, CustomResourceDefinitionVersion version) {
        if (version.getSchema() == null || version.getSchema().getOpenAPIV3Schema() == null) {
            return List.of();
        }
        JsonNode schema =
                client.getKubernetesSerialization()
                        .convertValue(version.getSchema().getOpenAPIV3Schema(), JsonNode.class);
        JsonNode values =
                schema.path("properties")
                        .path("spec")
                        .path("properties")
                        .path("flinkVersion")
                        .path("enum");
        List<String> accepted = new ArrayList<>();
        values.forEach(v -> accepted.add(v.asText()));
        return accepted;
    }

    private static PreflightFinding notInstalled() {
        return finding(
                Severity.ERROR,
                "the cluster does not serve "
                        + ObjectKind.FLINK_DEPLOYMENT_KIND
                        + " ("
                        + ObjectKind.FLINK_API_VERSION
                        + "): the operator's CRDs are not installed",
                INSTALL);
    }

    private static PreflightFinding finding(Severity severity, String problem, String action) {
        return new PreflightFinding(
                severity,
                Check.OPERATOR_CRD,
                "CustomResourceDefinition",
                null,
                CRD_NAME,
                problem,
                action);
    }
}
