package io.flinkk8s.sdk.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Job jars for session-cluster submissions. */
final class Jars {

    private Jars() {}

    /**
     * A jar whose manifest names {@code mainClass} and that holds no classes: the class comes from
     * the test classpath, which a cluster in the test JVM shares.
     */
    static Path withMainClass(Path directory, String fileName, String mainClass)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = directory.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
