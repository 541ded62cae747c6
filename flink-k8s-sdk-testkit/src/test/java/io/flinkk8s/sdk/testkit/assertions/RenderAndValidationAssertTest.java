package io.flinkk8s.sdk.testkit.assertions;

import static io.flinkk8s.sdk.testkit.assertions.FlinkK8sAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.validation.SpecValidator;
import io.flinkk8s.sdk.core.validation.ValidationResult;
import io.flinkk8s.sdk.testkit.Specs;
import org.junit.jupiter.api.Test;

class RenderAndValidationAssertTest {

    private static final RenderedResources ORDERS = Renderer.standalone().render(Specs.orders());

    @Test
    void renderedResourcesAssertionsPassOnTheHeadlineSpec() {
        assertThat(ORDERS)
                .contains(Service.class, "orders-rest")
                .doesNotContain(Service.class, "orders-ui")
                .allHaveLabel("app.kubernetes.io/managed-by", "flink-k8s-sdk")
                .allHaveLabel("team", "payments")
                .hasNoAdvisories()
                .resource(ConfigMap.class, "orders-flink-config")
                .hasLabel("app.kubernetes.io/instance", "orders");
        assertThat(ORDERS)
                .deployment("orders-taskmanager")
                .hasReplicas(3)
                .container("flink-main-container")
                .hasArgs("taskmanager");
    }

    @Test
    void aMissingObjectFailsNamingTheOnesOfThatKind() {
        assertThatThrownBy(() -> assertThat(ORDERS).resource(Service.class, "orders-ui"))
                .hasMessageContaining(
                        "Expecting the rendered objects:\n  [ServiceAccount/orders-flink, ")
                .hasMessageContaining(
                        "to contain:\n  Service orders-ui\nbut the Service names "
                                + "are [orders-jobmanager-rpc, orders-rest]");
    }

    @Test
    void validationAssertionsFindTheViolationByPathAndMessage() {
        ValidationResult invalid =
                SpecValidator.validate(Specs.orders().withTaskManagerReplicas(0));

        assertThat(SpecValidator.validate(Specs.orders())).isValid();
        assertThat(invalid).hasViolation("taskManager.replicas", "must be >= 1");
        assertThatThrownBy(() -> assertThat(invalid).isValid())
                .hasMessageContaining(
                        "Expecting the validation of spec \"orders\":\n  "
                                + "taskManager.replicas: must be >= 1, was 0")
                .hasMessageContaining("to be:\n  valid\nbut it has 1 violation(s)");
        assertThatThrownBy(
                        () ->
                                assertThat(invalid)
                                        .hasViolation("taskManager.replicas", "must be even"))
                .hasMessageContaining(
                        "to contain:\n  a violation at taskManager.replicas "
                                + "mentioning \"must be even\"\nbut the violations at "
                                + "taskManager.replicas say something else");
    }
}
