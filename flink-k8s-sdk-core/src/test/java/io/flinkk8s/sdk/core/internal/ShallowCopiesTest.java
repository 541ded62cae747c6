package io.flinkk8s.sdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of each fabric8 class is copied, so a field a new fabric8 release adds fails here
 * instead of silently disappearing from rendered pods.
 */
class ShallowCopiesTest {

    static Stream<Arguments> copies() {
        return Stream.of(
                copy(Container.class, ShallowCopies::container),
                copy(PodSpec.class, ShallowCopies::podSpec),
                copy(ObjectMeta.class, ShallowCopies::objectMeta),
                copy(Pod.class, ShallowCopies::pod));
    }

    private static <T> Arguments copy(Class<T> type, UnaryOperator<T> copier) {
        return Arguments.of(type.getSimpleName(), type, copier);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copies")
    <T> void copiesEveryFieldSharingValuesButNotListsOrMaps(
            String name, Class<T> type, UnaryOperator<T> copier) throws Exception {
        // given: every field set to a value of its own
        T source = type.getDeclaredConstructor().newInstance();
        List<Field> fields = fieldsOf(type);
        for (Field f : fields) {
            f.set(source, sample(f));
        }
        // when
        T copy = copier.apply(source);
        // then
        assertThat(copy).isNotSameAs(source).isEqualTo(source);
        for (Field f : fields) {
            Object original = f.get(source);
            Object copied = f.get(copy);
            if (original instanceof List || original instanceof Map) {
                assertThat(copied).as(f.getName()).isEqualTo(original).isNotSameAs(original);
            } else {
                assertThat(copied).as(f.getName()).isSameAs(original);
            }
        }
    }

    private static List<Field> fieldsOf(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return fields;
    }

    private static Object sample(Field f) throws Exception {
        Class<?> t = f.getType();
        if (t == String.class) {
            return new String("value of " + f.getName());
        } else if (t == Boolean.class) {
            return Boolean.TRUE;
        } else if (t == Integer.class) {
            return Integer.valueOf(100_000 + f.getName().length());
        } else if (t == Long.class) {
            return Long.valueOf(200_000 + f.getName().length());
        } else if (t == List.class) {
            return new ArrayList<>(List.of("item of " + f.getName()));
        } else if (t == Map.class) {
            return new LinkedHashMap<>(Map.of("key of " + f.getName(), "value"));
        }
        return t.getDeclaredConstructor().newInstance();
    }
}
