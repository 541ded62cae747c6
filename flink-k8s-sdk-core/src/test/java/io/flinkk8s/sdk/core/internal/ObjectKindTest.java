package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flinkk8s.sdk.core.render.operator.FlinkDeploymentStep;
import org.junit.jupiter.api.Test;

class ObjectKindTest {

    @Test
    void dependencyLevelsPutRbacFirstAndWorkloadsAfterTheirConfigAndServices() {
        assertThat(ObjectKind.levelOf("ServiceAccount"))
                .isLessThan(ObjectKind.levelOf("ConfigMap"));
        assertThat(ObjectKind.levelOf("ConfigMap")).isLessThan(ObjectKind.levelOf("Service"));
        assertThat(ObjectKind.levelOf("Service")).isLessThan(ObjectKind.levelOf("Deployment"));
        assertThat(ObjectKind.levelOf("Deployment"))
                .isLessThan(ObjectKind.levelOf("HorizontalPodAutoscaler"));
        assertThat(ObjectKind.levelOf("FlinkDeployment"))
                .isGreaterThan(ObjectKind.levelOf("Ingress"))
                .isEqualTo(ObjectKind.levelOf("Certificate"))
                .isEqualTo(ObjectKind.LAST_LEVEL);
    }

    @Test
    void applyOrderIsTheTableOrderOfBuiltInKindsThenEveryOtherKind() {
        assertThat(ObjectKind.builtIn())
                .extracting(ObjectKind::kind)
                .containsExactly(
                        "ResourceQuota",
                        "LimitRange",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding",
                        "ConfigMap",
                        "PersistentVolumeClaim",
                        "Service",
                        "Deployment",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "Ingress");
        assertThat(ObjectKind.applyRank("Ingress"))
                .isLessThan(ObjectKind.applyRank("FlinkDeployment"));
        // custom resources sort with unknown kinds, by kind name: none of them comes first
        assertThat(ObjectKind.applyRank("FlinkDeployment"))
                .isEqualTo(ObjectKind.applyRank("Certificate"));
    }

    @Test
    void theTenancyKindsHoldNoStateAndAreListedByADeleteOnlyWhenApplied() {
        assertThat(ObjectKind.holdsStateOf("ResourceQuota")).isFalse();
        assertThat(ObjectKind.holdsStateOf("LimitRange")).isFalse();
        assertThat(ObjectKind.builtIn().stream().filter(ObjectKind::boundsNamespace))
                .containsExactly(ObjectKind.RESOURCE_QUOTA, ObjectKind.LIMIT_RANGE);
    }

    @Test
    void builtInKindsTakeApiVersionAndKindFromTheirFabric8Types() {
        assertThat(ObjectKind.DEPLOYMENT.apiVersion()).isEqualTo("apps/v1");
        assertThat(ObjectKind.DEPLOYMENT.kind()).isEqualTo("Deployment");
        assertThat(ObjectKind.DEPLOYMENT.type()).isEqualTo(Deployment.class);
        assertThat(ObjectKind.CONFIG_MAP.group()).isEmpty();
        assertThat(ObjectKind.ROLE.group()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(ObjectKind.HORIZONTAL_POD_AUTOSCALER.apiVersion()).isEqualTo("autoscaling/v2");
    }

    @Test
    void theOperatorsCustomResourceIsListedGenericallyUnderTheRenderStepsNames() {
        assertThat(ObjectKind.FLINK_DEPLOYMENT.isCustomResource()).isTrue();
        assertThat(ObjectKind.FLINK_DEPLOYMENT.type()).isEqualTo(GenericKubernetesResource.class);
        assertThat(ObjectKind.FLINK_DEPLOYMENT.apiVersion())
                .isEqualTo(FlinkDeploymentStep.API_VERSION)
                .isEqualTo("flink.apache.org/v1beta1");
        assertThat(ObjectKind.FLINK_DEPLOYMENT.kind()).isEqualTo(FlinkDeploymentStep.KIND);
    }

    @Test
    void onlyPersistentVolumeClaimsHoldState() {
        assertThat(ObjectKind.values())
                .filteredOn(ObjectKind::holdsState)
                .containsExactly(ObjectKind.PERSISTENT_VOLUME_CLAIM);
        assertThat(ObjectKind.holdsStateOf("PersistentVolumeClaim")).isTrue();
        assertThat(ObjectKind.holdsStateOf("Certificate")).isFalse();
    }
}
