package io.flinkk8s.sdk.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Where the SDK's exceptions live: one package, one base. */
class ErrorTypesTest {

    @Test
    void everyExceptionOfTheCoreLivesInTheErrorPackageAndExtendsTheBase() throws Exception {
        List<Class<?>> exceptions =
                coreClasses().filter(Throwable.class::isAssignableFrom).toList();

        assertThat(exceptions)
                .extracting(Class::getSimpleName)
                .contains("InvalidSpecException", "ApplyException", "KindNotServedException");
        assertThat(exceptions)
                .allSatisfy(
                        type -> {
                            assertThat(type.getPackageName())
                                    .as(type.getName())
                                    .isEqualTo("io.flinkk8s.sdk.core.error");
                            assertThat(FlinkK8sException.class.isAssignableFrom(type))
                                    .as("%s extends FlinkK8sException", type.getName())
                                    .isTrue();
                        });
    }

    /** Every class compiled from the core's main sources. */
    private static Stream<Class<?>> coreClasses() throws IOException, URISyntaxException {
        Path root =
                Path.of(
                        FlinkK8sException.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString())
                    .filter(f -> !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(ErrorTypesTest::load)
                    .toList()
                    .stream();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ErrorTypesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }
}
