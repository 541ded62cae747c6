package io.flinkk8s.sdk.core.deploy.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeploymentMemoTest {

    @Test
    void keepsOneValuePerDeploymentTheLastPut() {
        DeploymentMemo<String> memo = new DeploymentMemo<>(4);

        memo.put("ns", "orders", "first");
        memo.put("ns", "orders", "second");
        memo.put("other", "orders", "elsewhere");

        assertThat(memo.get("ns", "orders")).isEqualTo("second");
        assertThat(memo.get("other", "orders")).isEqualTo("elsewhere");
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void pastItsCapacityForgetsTheDeploymentUsedLeastRecently() {
        DeploymentMemo<String> memo = new DeploymentMemo<>(2);
        memo.put("ns", "a", "a");
        memo.put("ns", "b", "b");
        memo.get("ns", "a");

        memo.put("ns", "c", "c");

        assertThat(memo.get("ns", "b")).isNull();
        assertThat(memo.get("ns", "a")).isEqualTo("a");
        assertThat(memo.get("ns", "c")).isEqualTo("c");
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void forgetsADeploymentWhenAsked() {
        DeploymentMemo<String> memo = new DeploymentMemo<>(2);
        memo.put("ns", "a", "a");

        memo.remove("ns", "a");

        assertThat(memo.get("ns", "a")).isNull();
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new DeploymentMemo<>(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
