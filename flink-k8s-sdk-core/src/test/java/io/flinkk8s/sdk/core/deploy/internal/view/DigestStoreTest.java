package io.flinkk8s.sdk.core.deploy.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.deploy.internal.cluster.AppliedDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The status view's store of applied-field digests ({@link DigestStore}) answers, per kind,
 * namespace and name, the digest of what the field manager applied to the object as last seen, as
 * an informer's cache must: the previous object on a change, nothing for an object without the
 * manager's fields, the keys and objects it holds.
 */
class DigestStoreTest {

    private static final String MANAGER = "flink-k8s-sdk";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final DigestStore<ConfigMap> store = new DigestStore<>(ConfigMap.class, JSON, MANAGER);

    @Test
    void anObjectTheManagerAppliedHasTheDigestOfItsAppliedFieldsByNamespaceAndName() {
        ConfigMap a = applied("streaming", "orders-config", "1");
        ConfigMap b = applied("batch", "orders-config", "2");

        assertThat(store.put(store.getKey(a), a)).isNull();
        assertThat(store.put(store.getKey(b), b)).isNull();

        assertThat(store.digest("streaming", "orders-config")).isEqualTo(live(a));
        assertThat(store.digest("batch", "orders-config")).isEqualTo(live(b)).isNotEqualTo(live(a));
        assertThat(store.digest("streaming", "other")).isEmpty();
        assertThat(store.digest("elsewhere", "orders-config")).isEmpty();
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.keySet())
                .containsExactlyInAnyOrder("streaming/orders-config", "batch/orders-config");
    }

    @Test
    void aChangedObjectReplacesItsDigestAndHandsBackTheObjectItReplaced() {
        ConfigMap first = applied("streaming", "orders-config", "1");
        ConfigMap changed = applied("streaming", "orders-config", "2");
        store.put(store.getKey(first), first);

        ConfigMap before = store.put(store.getKey(changed), changed);

        assertThat(before.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(before.getMetadata().getName()).isEqualTo("orders-config");
        assertThat(store.digest("streaming", "orders-config")).isEqualTo(live(changed));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void anObjectWithoutTheManagersAppliedFieldsCountsAsAbsent() {
        ConfigMap first = applied("streaming", "orders-config", "1");
        store.put(store.getKey(first), first);
        ConfigMap notApplied =
                new ConfigMapBuilder(first)
                        .editMetadata()
                        .withManagedFields(List.of())
                        .endMetadata()
                        .build();

        assertThat(store.put(store.getKey(notApplied), notApplied)).isNotNull();

        assertThat(store.digest("streaming", "orders-config")).isEmpty();
        assertThat(store.get("streaming/orders-config")).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void aRemovedObjectHasNoDigestAndRemovingItAgainFindsNothing() {
        ConfigMap a = applied("streaming", "orders-config", "1");
        store.put(store.getKey(a), a);

        assertThat(store.remove("streaming/orders-config").getMetadata().getName())
                .isEqualTo("orders-config");

        assertThat(store.remove("streaming/orders-config")).isNull();
        assertThat(store.digest("streaming", "orders-config")).isEmpty();
        assertThat(store.values()).isEmpty();
    }

    @Test
    void manyNamesAddedAndRemovedInAnyOrderKeepEveryOtherNamesDigest() {
        DigestStore.NameDigests table = new DigestStore.NameDigests();
        Map<String, Long> expected = new HashMap<>();
        Random random = new Random(17);
        for (int step = 0; step < 20_000; step++) {
            // few distinct names: many collisions, long probe runs, and removals inside them
            String name = "orders-" + random.nextInt(600) + "-taskmanager";
            if (random.nextInt(3) == 0) {
                assertThat(table.remove(name)).isEqualTo(expected.remove(name) != null);
            } else {
                long digest = random.nextLong();
                assertThat(table.put(name, digest)).isEqualTo(expected.put(name, digest) != null);
            }
        }

        assertThat(table.size()).isEqualTo(expected.size());
        assertThat(table.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (name, digest) -> assertThat(table.get(name)).hasValue(digest.longValue()));
        assertThat(table.get("orders-600-taskmanager")).isEmpty();
        for (String name : expected.keySet().stream().collect(Collectors.toList())) {
            assertThat(table.remove(name)).isTrue();
        }
        assertThat(table.isEmpty()).isTrue();
    }

    private static OptionalLong live(ConfigMap o) {
        return AppliedDigest.ofLive(JSON.convertValue(o, JsonNode.class), MANAGER);
    }

    private static FieldsV1 fields() {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty("f:data", Map.of("f:value", Map.of()));
        return fields;
    }

    private static ConfigMap applied(String namespace, String name, String value) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToManagedFields(
                        new ManagedFieldsEntryBuilder()
                                .withManager(MANAGER)
                                .withOperation("Apply")
                                .withApiVersion("v1")
                                .withFieldsType("FieldsV1")
                                .withFieldsV1(fields())
                                .build())
                .endMetadata()
                .addToData("value", value)
                .build();
    }
}
