package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The testkit's public surface: only its API packages hold public types that consumers see, and no
 * public signature of them names a type of an {@code internal} package, so the engine can change
 * without breaking a consumer.
 */
class PublicSurfaceTest {

    /** Whether a package is part of an engine: any package named {@code internal} or below one. */
    private static boolean isInternal(String packageName) {
        return (packageName + ".").contains(".internal.");
    }

    @Test
    void onlyTheApiPackagesAndInternalOnesHoldTypes() throws Exception {
        Set<String> packages = new TreeSet<>();
        for (Class<?> type : testkitClasses()) {
            if (!isInternal(type.getPackageName())) {
                packages.add(type.getPackageName());
            }
        }

        assertThat(packages)
                .containsExactlyInAnyOrder(
                        "io.flinkk8s.sdk.testkit",
                        "io.flinkk8s.sdk.testkit.assertions",
                        "io.flinkk8s.sdk.testkit.assertions.error",
                        "io.flinkk8s.sdk.testkit.faults",
                        "io.flinkk8s.sdk.testkit.flink",
                        "io.flinkk8s.sdk.testkit.render",
                        "io.flinkk8s.sdk.testkit.server");
    }

    @Test
    void noPublicSignatureOfAPublicTypeNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : testkitClasses()) {
            if (isInternal(type.getPackageName()) || !isVisible(type)) {
                continue;
            }
            check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
            for (Type i : type.getGenericInterfaces()) {
                check(type.getName() + " implements", i, leaks);
            }
            for (Field f : type.getDeclaredFields()) {
                if (isVisible(f.getModifiers())) {
                    check(type.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                checkExecutable(type, c, leaks);
            }
            for (Method m : type.getDeclaredMethods()) {
                if (!m.isSynthetic()) {
                    checkExecutable(type, m, leaks);
                    if (isVisible(m.getModifiers())) {
                        check(
                                type.getName() + "." + m.getName() + " returns",
                                m.getGenericReturnType(),
                                leaks);
                    }
                }
            }
        }

        assertThat(leaks).isEmpty();
    }

    private static void checkExecutable(Class<?> type, Executable e, List<String> leaks) {
        if (!isVisible(e.getModifiers())) {
            return;
        }
        String where = type.getName() + "." + e.getName() + "(...)";
        for (Type p : e.getGenericParameterTypes()) {
            check(where + " parameter", p, leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(where + " throws", x, leaks);
        }
    }

    /** Public, or protected in a class a consumer can extend, and not hidden by its outer type. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!isVisible(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, List<String> leaks) {
        for (Class<?> named : namedTypes(type, new HashSet<>())) {
            if (isInternal(named.getPackageName())) {
                leaks.add(where + ": " + named.getName());
            }
        }
    }

    /** The classes a generic type names, its arguments and bounds included. */
    private static Set<Class<?>> namedTypes(Type type, Set<Type> seen) {
        Set<Class<?>> result = new HashSet<>();
        if (type == null || !seen.add(type)) {
            return result;
        }
        if (type instanceof Class<?> c) {
            result.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            result.addAll(namedTypes(p.getRawType(), seen));
            for (Type a : p.getActualTypeArguments()) {
                result.addAll(namedTypes(a, seen));
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                result.addAll(namedTypes(b, seen));
            }
            for (Type b : w.getLowerBounds()) {
                result.addAll(namedTypes(b, seen));
            }
        } else if (type instanceof GenericArrayType g) {
            result.addAll(namedTypes(g.getGenericComponentType(), seen));
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                result.addAll(namedTypes(b, seen));
            }
        }
        return result;
    }

    /** Every class of the testkit's main output. */
    private static List<Class<?>> testkitClasses()
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path root =
                Path.of(
                        InMemoryFlinkK8sCluster.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString();
                if (name.endsWith("package-info.class")) {
                    continue;
                }
                classes.add(
                        Class.forName(
                                name.substring(0, name.length() - ".class".length())
                                        .replace('/', '.'),
                                false,
                                PublicSurfaceTest.class.getClassLoader()));
            }
        }
        assertThat(classes).as("testkit classes under %s", root).isNotEmpty();
        return classes;
    }
}
