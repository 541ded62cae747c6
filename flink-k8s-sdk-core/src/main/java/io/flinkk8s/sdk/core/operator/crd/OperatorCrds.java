package io.flinkk8s.sdk.core.operator.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flinkk8s.sdk.core.internal.KubeSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The CRDs of {@link FlinkDeployment}, {@link FlinkSessionJob} and {@link FlinkStateSnapshot} that
 * fabric8's CRD generator made from these types when the core was built, carried in the core jar at
 * {@code META-INF/fabric8/<plural>.flink.apache.org-v1.yml}, and every CRD on a classpath in that
 * place (where operator API jars carry theirs).
 *
 * <pre>{@code
 * List<CustomResourceDefinition> crds = OperatorCrds.load();
 * crds.forEach(crd -> client.resource(crd).serverSideApply());
 * }</pre>
 *
 * The generated CRDs have the operator's names, short names, scope, version, status and scale
 * subresources and printer columns, and a schema of the fields these types model (a test checks it
 * against the operator's own CRDs, field by field). For a real cluster install the operator's Helm
 * chart, which brings its CRDs; these are for tests and tools that need the kinds served.
 */
public final class OperatorCrds {

    /** The API group of the operator's custom resources. */
    public static final String GROUP = "flink.apache.org";

    /** The API version within {@link #GROUP}. */
    public static final String VERSION = "v1beta1";

    /** Where fabric8's CRD generator writes CRDs, and where jars carry them. */
    public static final String DIRECTORY = "META-INF/fabric8/";

    private static final List<String> PLURALS =
            List.of("flinkdeployments", "flinksessionjobs", "flinkstatesnapshots");

    // the core's one shared serialization: its (de)serializers are built once for all parts
    private static final KubernetesSerialization SERIALIZATION = KubeSerialization.SHARED;

    private OperatorCrds() {}

    /**
     * The three CRDs generated from this jar's types, in the order {@code FlinkDeployment}, {@code
     * FlinkSessionJob}, {@code FlinkStateSnapshot}; each call parses them anew (about 600 KB of
     * YAML, most of it the pod template's schema), so keep the result.
     *
     * @throws IllegalStateException when the jar lacks them (a broken build of the SDK)
     */
    public static List<CustomResourceDefinition> load() {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        for (URL file : files()) {
            crds.add(read(file));
        }
        return List.copyOf(crds);
    }

    /**
     * Where the three generated CRD files are (in this jar), in the order of {@link #load()}: for
     * readers that want the YAML itself rather than fabric8's typed model (a test cluster that
     * stores the JSON and needs only names and subresources reads them faster as trees).
     *
     * @throws IllegalStateException when the jar lacks them (a broken build of the SDK)
     */
    public static List<URL> files() {
        return generated(".yml");
    }

    /**
     * The same three CRDs as {@link #files()}, in the same order, as compact JSON: the build writes
     * a JSON copy beside each generated YAML file ({@code <plural>.flink.apache.org-v1.json}, the
     * same document). For readers that parse them often, such as a test cluster at every start:
     * Jackson reads the JSON several times faster than the YAML.
     *
     * @throws IllegalStateException when the jar lacks them (a broken build of the SDK)
     */
    public static List<URL> jsonFiles() {
        return generated(".json");
    }

    private static List<URL> generated(String extension) {
        List<URL> files = new ArrayList<>();
        for (String plural : PLURALS) {
            String name = DIRECTORY + plural + "." + GROUP + "-v1" + extension;
            URL own = own(name);
            if (own == null) {
                throw new IllegalStateException(
                        "The flink-k8s-sdk-core jar lacks "
                                + name
                                + ", which its build generates (SDK bug); rebuild the core with"
                                + " its crd-generator-maven-plugin and the exec-maven-plugin step"
                                + " after it.");
            }
            files.add(own);
        }
        return List.copyOf(files);
    }

    /**
     * Every CRD in a {@code META-INF/fabric8/*.yml} (or {@code .yaml}) on {@code loader}'s
     * classpath, by file name and then classpath order: the SDK's own and those of any operator API
     * jar or other generated CRDs on it. Two entries may define the same CRD (the SDK's and an
     * operator jar's); the caller chooses.
     */
    public static List<CustomResourceDefinition> onClasspath(ClassLoader loader) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        try {
            for (URL dir : Collections.list(loader.getResources(DIRECTORY))) {
                for (String file : yamlFiles(dir)) {
                    crds.add(read(new URL(dir, file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY + " on the classpath", e);
        }
        return List.copyOf(crds);
    }

    /** The resource {@code name} of the jar or folder this class was loaded from, else any. */
    private static URL own(String name) {
        try {
            List<URL> found =
                    Collections.list(OperatorCrds.class.getClassLoader().getResources(name));
            CodeSource source = OperatorCrds.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                String location = source.getLocation().toString();
                for (URL url : found) {
                    if (url.toString().contains(location)) {
                        return url;
                    }
                }
            }
            return found.isEmpty() ? null : found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + name + " on the classpath", e);
        }
    }

    private static CustomResourceDefinition read(URL url) {
        try (InputStream in = url.openStream()) {
            return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRD " + url, e);
        }
    }

    /** The names of the YAML files directly in the classpath folder {@code dir}, sorted. */
    private static List<String> yamlFiles(URL dir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if ("file".equals(dir.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                files.map(f -> f.getFileName().toString()).forEach(names::add);
            } catch (URISyntaxException e) {
                throw new IOException("not a file location: " + dir, e);
            }
        } else {
            URLConnection connection = dir.openConnection();
            if (connection instanceof JarURLConnection jar) {
                connection.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    for (JarEntry e : Collections.list(file.entries())) {
                        String n = e.getName();
                        if (n.startsWith(DIRECTORY) && n.indexOf('/', DIRECTORY.length()) < 0) {
                            names.add(n.substring(DIRECTORY.length()));
                        }
                    }
                }
            }
        }
        return names.stream().filter(n -> n.endsWith(".yml") || n.endsWith(".yaml")).toList();
    }
}
