package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkk8s.sdk.core.deploy.DeleteOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.deploy.FlinkDeploymentHandle;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.error.FlinkK8sException;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a handle answers once its deployment was deleted. */
class HandleAfterDeleteIT {

    private static final String NS = DeployFixture.NAMESPACE;

    private final DeployFixture fixture = new DeployFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void specAfterADeleteThatKeptTheStateRecordIsTheLastAppliedSpec() {
        // given
        FlinkDeployer deployer = fixture.deployer();
        FlinkDeploymentHandle orders = deployer.apply(Specs.orders());
        FlinkDeploymentSpec applied = orders.spec();
        // when
        orders.delete();
        // then
        assertThat(orders.spec()).isEqualTo(applied);
        assertThat(deployer.handle(NS, "orders").spec()).isEqualTo(applied);
        assertThat(orders.status().lifecycle()).isEqualTo(Lifecycle.DELETED);
    }

    @Test
    void specAfterADeleteOfEverythingSaysTheDeploymentAndItsRecordWereDeleted() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        // when
        orders.delete(DeleteOptions.everything());
        // then
        assertThatThrownBy(orders::spec)
                .isInstanceOf(FlinkK8sException.class)
                .hasMessage(
                        "streaming/orders and its state record streaming/orders-sdk-state were"
                                + " deleted by this handle (DeleteOptions with stateRecord), and"
                                + " its last applied spec and savepoint history with them. Apply"
                                + " a spec to deploy it anew.");
        assertThatThrownBy(() -> fixture.deployer().handle(NS, "orders").spec())
                .isInstanceOf(FlinkK8sException.class)
                .hasMessage(
                        "No deployment streaming/orders is known to this SDK: there is no state"
                                + " record streaming/orders-sdk-state, so it was never applied or"
                                + " was deleted together with its record. Apply its spec first.");
    }

    @Test
    void lifecycleCallsAfterADeleteSayItWasDeletedAndHowToApplyItAgain() {
        // given
        FlinkDeploymentHandle orders = fixture.deployer().apply(Specs.orders());
        orders.delete();
        // when / then
        assertThatThrownBy(() -> orders.scale(4))
                .isInstanceOf(FlinkK8sException.class)
                .hasMessageStartingWith("streaming/orders was deleted at ")
                .hasMessageEndingWith(
                        "; its state record and savepoint history are kept. Apply its spec again"
                                + " (handle.spec() returns the last one) first.");
    }
}
