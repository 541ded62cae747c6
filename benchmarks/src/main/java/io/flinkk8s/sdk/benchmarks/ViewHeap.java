package io.flinkk8s.sdk.benchmarks;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flinkk8s.sdk.core.deploy.status.DeploymentStatusView;
import io.flinkk8s.sdk.core.deploy.status.Lifecycle;
import io.flinkk8s.sdk.core.deploy.status.StatusViewOptions;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;
import org.openjdk.jol.info.GraphLayout;

/**
 * What a status view over {@code count} running deployments of the headline spec ({@link
 * ThousandDeployments}: two Deployments, four Ready pods and a state record each) retains, part by
 * part (issue 17 item 4). Prints the used heap after full GCs before and after the view starts and
 * shows every deployment RUNNING, the classes whose instances grew most (a class histogram before
 * and after), and the size of the data each part holds (JOL object graphs of each informer's item
 * store and indices, of the status index and of the read scheduler, found by reflection: a string
 * or map shared by two parts counts in both), and whether the view, closed, is collected. JOL's own
 * caches stay on the heap, so the heap after closing says nothing of what the view held. With
 * {@code applied}, every deployment's objects are server-side applied with the deployer's field
 * manager ({@link ThousandDeployments}), so the view keeps an applied-field digest for each object
 * of each deployment, as for deployments the deployer applied; without it only the first
 * deployment's objects have one. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -o package -pl benchmarks -am -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.flinkk8s.sdk.benchmarks.ViewHeap 1000 applied
 * </pre>
 */
public final class ViewHeap {

    private ViewHeap() {}

    /**
     * @param args the number of deployments (default 1000), then {@code applied} for every
     *     deployment's objects applied with the deployer's field manager
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        boolean applied = args.length > 1 && args[1].equals("applied");
        long setup = System.nanoTime();
        try (ThousandDeployments cluster =
                new ThousandDeployments(
                        "samples/specs/stateful-ha-application.yaml", count, applied)) {
            System.out.printf(
                    "%d deployments (%s) set up in %d s%n",
                    count,
                    applied ? "all applied with the deployer's field manager" : "first applied",
                    (System.nanoTime() - setup) / 1_000_000_000);
            long before = StatusViewBenchmark.usedHeapAfterGc();
            Map<String, long[]> histogramBefore = histogram();
            long cpu = processCpuNanos();
            long t = System.nanoTime();
            DeploymentStatusView view =
                    cluster.deployer.statusView(
                            StatusViewOptions.namespace(ThousandDeployments.NAMESPACE)
                                    .withStartTimeout(Duration.ofMinutes(10)));
            for (int i = 0; i < count; i++) {
                view.await(
                        ThousandDeployments.NAMESPACE,
                        cluster.name(i),
                        s -> s.lifecycle() == Lifecycle.RUNNING,
                        Duration.ofMinutes(5));
            }
            long started = System.nanoTime() - t;
            long startCpu = processCpuNanos() - cpu;
            long after = StatusViewBenchmark.usedHeapAfterGc();
            Map<String, long[]> histogramAfter = histogram();
            System.out.printf(
                    "status view of %d deployments: all RUNNING after %d ms (process CPU %d ms),"
                            + " retains %.1f MiB (%.2f KiB per deployment), load average %.2f%n",
                    count,
                    started / 1_000_000,
                    startCpu / 1_000_000,
                    (after - before) / (1024.0 * 1024.0),
                    (after - before) / 1024.0 / count,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            printGrowth(histogramBefore, histogramAfter, count);
            printParts(view, count);
            view.close();
            java.lang.ref.WeakReference<DeploymentStatusView> closedView =
                    new java.lang.ref.WeakReference<>(view);
            view = null; // what the view held is garbage from here on
            StatusViewBenchmark.usedHeapAfterGc();
            System.out.println(
                    "the closed view is "
                            + (closedView.get() == null ? "collected" : "still reachable"));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Bytes and instances per class, from the JVM's class histogram (after a full GC). */
    private static Map<String, long[]> histogram() throws Exception {
        String text =
                (String)
                        ManagementFactory.getPlatformMBeanServer()
                                .invoke(
                                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                                        "gcClassHistogram",
                                        new Object[] {null},
                                        new String[] {String[].class.getName()});
        Map<String, long[]> byClass = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                byClass.put(cols[3], new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])});
            }
        }
        return byClass;
    }

    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int n) {
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        after.forEach(
                (cls, a) -> {
                    long[] b = before.getOrDefault(cls, new long[2]);
                    growth.add(Map.entry(cls, new long[] {a[0] - b[0], a[1] - b[1]}));
                });
        growth.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.println("largest growth by class (instances, bytes per deployment):");
        growth.stream()
                .limit(20)
                .forEach(
                        e ->
                                System.out.printf(
                                        "  %9d %8.0f B  %s%n",
                                        e.getValue()[0], e.getValue()[1] / (double) n, e.getKey()));
    }

    /** The data each part of the view holds, per deployment. */
    private static void printParts(DeploymentStatusView view, int n) throws Exception {
        Map<String, List<Object>> parts = new LinkedHashMap<>();
        for (String part : List.of("informers", "applied", "index", "reads")) {
            Object o = field(view, part);
            if (o == null) {
                continue;
            }
            for (Field f : fields(o.getClass())) {
                Object v = f.get(o);
                if (v instanceof SharedIndexInformer<?> informer) {
                    parts.put(part + "." + f.getName(), informerData(informer));
                } else if (v instanceof Map<?, ?> m && part.equals("applied")) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (e.getValue() instanceof SharedIndexInformer<?> informer) {
                            parts.put(part + "." + e.getKey(), informerData(informer));
                        }
                    }
                } else if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
                    if (!part.equals("applied")) {
                        parts.put(part + "." + f.getName(), List.of(v));
                    }
                }
            }
        }
        System.out.println("data held, per deployment (JOL graphs; shared objects in each):");
        List<Object> all = new ArrayList<>();
        parts.forEach(
                (name, roots) -> {
                    all.addAll(roots);
                    long size = GraphLayout.parseInstance(roots.toArray()).totalSize();
                    if (size / n > 0) {
                        System.out.printf("  %8.0f B  %s%n", size / (double) n, name);
                    }
                });
        List<Object> digests = new ArrayList<>();
        parts.forEach(
                (name, roots) -> {
                    if (name.startsWith("applied.")) {
                        digests.addAll(roots);
                    }
                });
        System.out.printf(
                "  %8.0f B  the applied-field digests of every kind together%n",
                GraphLayout.parseInstance(digests.toArray()).totalSize() / (double) n);
        System.out.printf(
                "  %8.0f B  all of them together%n",
                GraphLayout.parseInstance(all.toArray()).totalSize() / (double) n);
    }

    /** An informer's item store's data and its indices. */
    private static List<Object> informerData(SharedIndexInformer<?> informer) throws Exception {
        Object cache = informer.getIndexer();
        List<Object> roots = new ArrayList<>();
        Object items = field(cache, "items");
        for (Field f : fields(items.getClass())) {
            Object v = f.get(items);
            if (v instanceof Map<?, ?> || v instanceof Object[]) {
                roots.add(v);
            }
        }
        Object indices = field(cache, "indices");
        for (Object index : ((Map<?, ?>) indices).values()) {
            roots.add(field(index, "values"));
        }
        return roots;
    }

    private static Object field(Object o, String name) throws Exception {
        for (Field f : fields(o.getClass())) {
            if (f.getName().equals(name)) {
                return f.get(o);
            }
        }
        return null;
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> all = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    all.add(f);
                }
            }
        }
        return all;
    }
}
