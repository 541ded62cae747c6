package io.flinkk8s.sdk.core.render.step.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.render.JsonSchemas;
import io.flinkk8s.sdk.core.render.ReferenceData;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import io.flinkk8s.sdk.core.spec.RenderTarget;
import io.flinkk8s.sdk.core.spec.Resources;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.quantity.Memory;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import io.flinkk8s.sdk.core.testing.Specs;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ResourceQuota and LimitRange of {@code tenancy}: {@link Specs#statefulHa()} has 2 JobManagers
 * of 1 CPU and 1600 MiB and TaskManagers of 1.5 CPU, 4 GiB and 10 GiB of ephemeral storage.
 */
class TenancyStepTest {

    private static final Renderer RENDERER = Renderer.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FlinkDeploymentSpec spec(TenancyPolicy tenancy) {
        return Specs.statefulHa().withTenancy(tenancy);
    }

    private static Map<String, String> hard(RenderedResources rendered) {
        Map<String, String> hard = new LinkedHashMap<>();
        rendered.get(ResourceQuota.class, "orders-quota")
                .getSpec()
                .getHard()
                .forEach((k, v) -> hard.put(k, v.toString()));
        return hard;
    }

    @Test
    void theQuotaHoldsTheJobManagersAndTheTaskManagersWithRequestsEqualToLimits() {
        RenderedResources rendered =
                RENDERER.render(spec(new TenancyPolicy(null, true, null, null)));

        // 2 x 1 + 3 x 1.5 CPU; 2 x 1600Mi + 3 x 4Gi; the JobManager requests no ephemeral storage
        assertThat(hard(rendered))
                .containsExactly(
                        Map.entry("pods", "5"),
                        Map.entry("requests.cpu", "6500m"),
                        Map.entry("limits.cpu", "6500m"),
                        Map.entry("requests.memory", "15488Mi"),
                        Map.entry("limits.memory", "15488Mi"));
        ResourceQuota quota = rendered.get(ResourceQuota.class, "orders-quota");
        assertThat(quota.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(quota.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "tenancy")
                .containsEntry("app.kubernetes.io/instance", "orders");
    }

    @Test
    void theQuotaCountsTheTaskManagersAtTheAutoscalingMaximumTimesTheHeadroom() {
        FlinkDeploymentSpec spec =
                spec(new TenancyPolicy(null, true, null, new BigDecimal("1.5")))
                        .withAutoscaling(AutoscalingPolicy.taskManagers(3, 6));

        // (2 + 6) x 1.5 pods; (2 x 1 + 6 x 1.5) x 1.5 CPU; (2 x 1600Mi + 6 x 4Gi) x 1.5
        assertThat(hard(RENDERER.render(spec)))
                .containsEntry("pods", "12")
                .containsEntry("requests.cpu", "16500m")
                .containsEntry("limits.memory", "41664Mi");
    }

    @Test
    void theQuotaHasEphemeralStorageOnlyWhenEveryFlinkContainerRequestsIt() {
        FlinkDeploymentSpec spec = spec(new TenancyPolicy(null, true, null, null));
        Resources jm = spec.jobManager().resource();
        FlinkDeploymentSpec both =
                spec.withJobManager(
                        spec.jobManager()
                                .withResource(
                                        new Resources(jm.cpu(), jm.memory(), Memory.parse("2Gi"))));

        assertThat(hard(RENDERER.render(spec))).doesNotContainKey("requests.ephemeral-storage");
        assertThat(hard(RENDERER.render(both)))
                .containsEntry("requests.ephemeral-storage", "34Gi")
                .containsEntry("limits.ephemeral-storage", "34Gi");
    }

    @Test
    void theLimitRangeAllowsTheLargerFlinkContainerAtMost() {
        LimitRange range =
                RENDERER.render(spec(new TenancyPolicy(null, null, true, null)))
                        .get(LimitRange.class, "orders-limits");

        assertThat(range.getSpec().getLimits()).hasSize(1);
        assertThat(range.getSpec().getLimits().get(0).getType()).isEqualTo("Container");
        assertThat(range.getSpec().getLimits().get(0).getMax())
                .containsExactly(
                        Map.entry("cpu", new Quantity("1500m")),
                        Map.entry("memory", new Quantity("4Gi")),
                        Map.entry("ephemeral-storage", new Quantity("10Gi")));
    }

    @Test
    void nothingIsRenderedWithTenancyOffOrOnlyTheNamespaceOn() {
        RenderedResources off = RENDERER.render(spec(TenancyPolicy.none()));
        RenderedResources namespaceOnly =
                RENDERER.render(spec(new TenancyPolicy(true, null, null, null)));

        for (RenderedResources r : new RenderedResources[] {off, namespaceOnly}) {
            assertThat(r.keys())
                    .extracting(k -> k.kind())
                    .doesNotContain("ResourceQuota", "LimitRange", "Namespace");
        }
    }

    @Test
    void theOperatorTargetRendersTheSameQuotaAndLimitRangeNextToTheFlinkDeployment() {
        FlinkDeploymentSpec standalone = spec(TenancyPolicy.all());
        FlinkDeploymentSpec operator =
                standalone
                        .edit()
                        .target(RenderTarget.OPERATOR)
                        .flinkVersion(FlinkVersion.V2_2)
                        .build();

        RenderedResources rendered = RENDERER.render(operator);

        assertThat(rendered.keys())
                .extracting(k -> k.kind())
                .containsExactly("ResourceQuota", "LimitRange", "FlinkDeployment");
        assertThat(hard(rendered)).isEqualTo(hard(RENDERER.render(standalone)));
    }

    @Test
    void theQuotaAndTheLimitRangeValidateAgainstTheKubernetesSchemas() throws Exception {
        Path dir = ReferenceData.require("k8s-schemas/v1.33");
        Map<String, String> index = new LinkedHashMap<>();
        for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile())) {
            index.put(
                    entry.get("apiVersion").asText() + "/" + entry.get("kind").asText(),
                    entry.get("file").asText());
        }
        FlinkDeploymentSpec spec =
                spec(new TenancyPolicy(true, true, true, new BigDecimal("1.25")));
        for (FlinkDeploymentSpec s :
                new FlinkDeploymentSpec[] {
                    spec,
                    spec.edit()
                            .target(RenderTarget.OPERATOR)
                            .flinkVersion(FlinkVersion.V2_2)
                            .build()
                }) {
            for (HasMetadata o : RENDERER.render(s).all()) {
                if (!o.getKind().equals("ResourceQuota") && !o.getKind().equals("LimitRange")) {
                    continue;
                }
                String key = o.getApiVersion() + "/" + o.getKind();
                assertThat(index).as("a schema for %s", key).containsKey(key);
                JsonSchema schema;
                try (InputStream in = Files.newInputStream(dir.resolve(index.get(key)))) {
                    schema = JsonSchemas.factory().getSchema(in);
                }
                assertThat(schema.validate(JSON.readTree(new KubernetesSerialization().asJson(o))))
                        .as("%s %s", s.target(), key)
                        .isEmpty();
            }
        }
    }
}
