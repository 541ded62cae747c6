package io.flinkk8s.sdk.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each library module's public API, recorded signature by signature in {@code
 * src/test/resources/api/<module>.api}, so that a change to what consumers compile against is never
 * an accident: a refactor that adds, removes or changes a public or protected signature outside the
 * {@code internal} packages fails here until the record is updated ({@code -Dapi.update=true}) and
 * the CHANGELOG's Unreleased section says what changed for users.
 */
class PublicApiTest {

    private static final boolean UPDATE = Boolean.getBoolean("api.update");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "flink-k8s-sdk-core, io.flinkk8s.sdk.core",
        "flink-k8s-sdk-fluent, io.flinkk8s.sdk.fluent",
        "flink-k8s-sdk-testkit, io.flinkk8s.sdk.testkit",
        "flink-k8s-sdk-delivery, io.flinkk8s.sdk.delivery"
    })
    void thePublicApiIsTheRecordedOne(String module, String basePackage) throws IOException {
        List<String> actual = signatures(basePackage);
        Path recorded = Path.of("src/test/resources/api", module + ".api");
        if (UPDATE) {
            Files.createDirectories(recorded.getParent());
            Files.write(recorded, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(recorded).as("the recorded API of " + module).exists();
        List<String> expected = Files.readAllLines(recorded, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            List<String> removed = new ArrayList<>(expected);
            removed.removeAll(actual);
            List<String> added = new ArrayList<>(actual);
            added.removeAll(expected);
            fail(
                    "The public API of %s changed.%n  removed:%n    %s%n  added:%n    %s%n"
                            + "If this is meant, say what changed for users in CHANGELOG.md"
                            + " (Unreleased; breaking changes under 'Changed (breaking)' with the"
                            + " migration), then record the new API: mvn -B verify -pl"
                            + " integration-tests -am -Dapi.update=true -Dtest=PublicApiTest"
                            + " -Dsurefire.failIfNoSpecifiedTests=false",
                    module,
                    String.join(System.lineSeparator() + "    ", removed),
                    String.join(System.lineSeparator() + "    ", added));
        }
    }

    /** One line per public type and per public or protected member, sorted by type. */
    static List<String> signatures(String basePackage) {
        List<String> lines = new ArrayList<>();
        new ClassFileImporter()
                        .withImportOption(new ImportOption.DoNotIncludeTests())
                        .importPackages(basePackage)
                        .stream()
                        .filter(PublicApiTest::isApi)
                        .map(JavaClass::getName)
                        .sorted()
                        .forEach(name -> lines.addAll(describe(load(name))));
        return lines;
    }

    private static boolean isApi(JavaClass c) {
        if (c.getPackageName().contains(".internal") || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        for (JavaClass t = c; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> describe(Class<?> type) {
        Set<String> members = new LinkedHashSet<>();
        String name = type.getName();
        members.add(header(type));
        Stream.of(type.getDeclaredConstructors())
                .filter(c -> exposed(c.getModifiers()) && !c.isSynthetic())
                .map(Constructor::toGenericString)
                .sorted()
                .forEach(s -> members.add(name + " :: " + s));
        List<String> methods = new ArrayList<>();
        Stream.of(type.getDeclaredMethods())
                .filter(m -> exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
                .forEach(m -> methods.add(m.toGenericString()));
        // A package-private superclass's public methods are the type's own to its users (javac
        // and javadoc present them so): record them as declared here.
        for (Class<?> s = type.getSuperclass();
                s != null && !Modifier.isPublic(s.getModifiers());
                s = s.getSuperclass()) {
            String hidden = s.getName() + ".";
            Stream.of(s.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                    .forEach(m -> methods.add(m.toGenericString().replace(hidden, name + ".")));
        }
        methods.stream().sorted().forEach(s -> members.add(name + " :: " + s));
        Stream.of(type.getDeclaredFields())
                .filter(f -> exposed(f.getModifiers()) && !f.isSynthetic())
                .map(Field::toGenericString)
                .sorted()
                .forEach(s -> members.add(name + " :: " + s));
        return new ArrayList<>(members);
    }

    private static String header(Class<?> type) {
        StringBuilder s =
                new StringBuilder(Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE));
        s.append(
                type.isRecord()
                        ? " record "
                        : type.isEnum()
                                ? " enum "
                                : type.isAnnotation()
                                        ? " @interface "
                                        : type.isInterface() ? " interface " : " class ");
        s.append(type.getName());
        if (type.getGenericSuperclass() != null
                && !type.isRecord()
                && !type.isEnum()
                && type.getSuperclass() != Object.class
                && Modifier.isPublic(type.getSuperclass().getModifiers())) {
            s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            s.append(type.isInterface() ? " extends " : " implements ")
                    .append(
                            String.join(
                                    ", ",
                                    Arrays.stream(type.getGenericInterfaces())
                                            .map(java.lang.reflect.Type::getTypeName)
                                            .sorted()
                                            .toList()));
        }
        return s.toString().trim();
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("an imported class cannot be loaded: " + name, e);
        }
    }
}
