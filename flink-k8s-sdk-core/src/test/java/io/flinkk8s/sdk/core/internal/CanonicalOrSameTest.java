package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalOrSameTest {

    private static Deployment deployment(Map<String, Quantity> limits) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("d")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withNewResources()
                .withLimits(limits)
                .withRequests(limits)
                .endResources()
                .endContainer()
                .addNewInitContainer()
                .withName("init")
                .endInitContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Map<String, Quantity> quantities(String... keysAndAmounts) {
        Map<String, Quantity> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndAmounts.length; i += 2) {
            map.put(keysAndAmounts[i], new Quantity(keysAndAmounts[i + 1]));
        }
        return map;
    }

    private static Map<String, Quantity> limitsOf(Deployment d) {
        return d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits();
    }

    @Test
    void returnsTheDeploymentItselfWhenEveryQuantityIsCanonicalAndSorted() {
        Deployment d = deployment(quantities("cpu", "2", "memory", "1536Mi"));

        assertThat(Canonicalizer.canonicalOrSame(d)).isSameAs(d);
    }

    @Test
    void returnsObjectsWithoutPodTemplatesThemselves() {
        ConfigMap c = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();

        assertThat(Canonicalizer.canonicalOrSame(c)).isSameAs(c);
    }

    @Test
    void returnsACanonicalCopyAndLeavesTheInputAloneWhenAQuantityIsNotCanonical() {
        // given
        Deployment d = deployment(quantities("cpu", "1000m", "memory", "2048Mi"));
        // when
        Deployment canonical = Canonicalizer.canonicalOrSame(d);
        // then
        assertThat(canonical).isNotSameAs(d).isEqualTo(Canonicalizer.canonical(d));
        assertThat(limitsOf(canonical).get("cpu").toString()).isEqualTo("1");
        assertThat(limitsOf(canonical).get("memory").toString()).isEqualTo("2Gi");
        assertThat(limitsOf(d).get("cpu").toString()).isEqualTo("1000m");
    }

    @Test
    void sortsResourceNamesInACopyWhenTheyAreOutOfOrder() {
        // given
        Deployment d = deployment(quantities("memory", "1Gi", "cpu", "2"));
        // when
        Deployment canonical = Canonicalizer.canonicalOrSame(d);
        // then
        assertThat(canonical).isNotSameAs(d);
        assertThat(limitsOf(canonical).keySet()).containsExactly("cpu", "memory");
        assertThat(limitsOf(d).keySet()).containsExactly("memory", "cpu");
    }
}
