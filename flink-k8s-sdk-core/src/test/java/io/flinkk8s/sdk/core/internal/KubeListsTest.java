package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KubeListsTest {

    @Test
    void upsertReplacesInPlaceAndAppendsTheRest() {
        List<String> existing = List.of("a=1", "b=1", "c=1");
        Function<String, String> key = s -> s.substring(0, 1);

        assertThat(KubeLists.upsert(existing, List.of("d=2", "b=2"), key))
                .containsExactly("a=1", "b=2", "c=1", "d=2");
        assertThat(KubeLists.upsert(null, List.of("a=1"), key)).containsExactly("a=1");
        assertThat(existing).containsExactly("a=1", "b=1", "c=1");
    }
}
