package io.flinkk8s.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import io.flinkk8s.sdk.testkit.FlinkK8sCluster;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each library jar, as the build packaged it (failsafe runs after {@code package} and puts the
 * reactor's jars on the classpath), names its module for the module path through {@code
 * Automatic-Module-Name}, read the way the JDK reads it, and carries the license.
 */
class ModuleNamesIT {

    static Stream<Arguments> libraries() {
        return Stream.of(
                Arguments.of("io.flinkk8s.sdk.core", FlinkDeployer.class),
                Arguments.of("io.flinkk8s.sdk.fluent", FlinkK8s.class),
                Arguments.of("io.flinkk8s.sdk.testkit", FlinkK8sCluster.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void everyLibraryJarNamesItsModuleAndCarriesTheLicense(String moduleName, Class<?> member)
            throws Exception {
        Path jar = jarOf(member);
        assertThat(jar.getFileName().toString()).endsWith(".jar");

        ModuleReference module = ModuleFinder.of(jar).findAll().iterator().next();

        assertThat(module.descriptor().name()).isEqualTo(moduleName);
        assertThat(module.descriptor().isAutomatic()).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo(moduleName);
            assertThat(
                            file.getManifest()
                                    .getMainAttributes()
                                    .getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                    .isNotBlank();
            assertThat(file.getEntry("META-INF/LICENSE")).isNotNull();
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
