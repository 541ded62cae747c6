package io.flinkk8s.sdk.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.export.YamlExporter;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.FlinkVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One {@link Renderer}, and the values it returns, shared by many threads: every thread gets the
 * output a lone thread gets. Rendering shares objects between drafts and workloads and computes the
 * config file lazily, so this is where a shared mutable object would show.
 */
class RendererThreadSafetyTest {

    private static final int THREADS = 4;
    private static final int RENDERS_PER_THREAD = 25;

    @Test
    void aRendererSharedByManyThreadsRendersWhatOneThreadRenders() throws Exception {
        // given
        Renderer shared = Renderer.standalone();
        Map<String, FlinkDeploymentSpec> specs = specs();
        Map<String, RenderedResources> expected = new TreeMap<>();
        specs.forEach((name, spec) -> expected.put(name, Renderer.standalone().render(spec)));
        // when: each thread counts the renders that differ from a lone thread's
        List<Integer> differing =
                inParallel(
                        () -> {
                            int differs = 0;
                            for (int i = 0; i < RENDERS_PER_THREAD; i++) {
                                for (Map.Entry<String, FlinkDeploymentSpec> e : specs.entrySet()) {
                                    RenderedResources r = shared.render(e.getValue());
                                    differs += r.equals(expected.get(e.getKey())) ? 0 : 1;
                                }
                            }
                            return differs;
                        });
        // then
        assertThat(differing).hasSize(THREADS).containsOnly(0);
        specs.forEach(
                (name, spec) ->
                        assertThat(YamlExporter.toYaml(shared.render(spec)))
                                .isEqualTo(YamlExporter.toYaml(expected.get(name))));
    }

    @Test
    void aConfigDraftsLazyFileAndHashAreTheSameForEveryThread() throws Exception {
        // given: two equal drafts; nobody has asked the shared one for its file yet
        FlinkConfigDraft rendered =
                RenderPipeline.standalone()
                        .run(RenderContext.of(RenderFixtures.statefulHaApplication()))
                        .config();
        FlinkConfigDraft shared = rendered.withValue("k", "v");
        FlinkConfigDraft alone = rendered.withValue("k", "v");
        Callable<String> read =
                () ->
                        shared.fileContent(FlinkVersion.V2_3)
                                + shared.fileSha256(FlinkVersion.V2_3)
                                + shared.fileContent(FlinkVersion.V1_20)
                                + shared.asMap();
        // when
        List<String> seen = inParallel(read);
        // then
        String expected =
                alone.fileContent(FlinkVersion.V2_3)
                        + alone.fileSha256(FlinkVersion.V2_3)
                        + alone.fileContent(FlinkVersion.V1_20)
                        + alone.asMap();
        assertThat(seen).hasSize(THREADS).containsOnly(expected);
    }

    private static Map<String, FlinkDeploymentSpec> specs() {
        Map<String, FlinkDeploymentSpec> specs = new TreeMap<>(RenderFixtures.samples());
        FlinkDeploymentSpec ha = RenderFixtures.statefulHaApplication();
        specs.put("flink-1.20", ha.edit().flinkVersion(FlinkVersion.V1_20).build());
        return specs;
    }

    /** {@code task} on {@link #THREADS} threads released together; their results. */
    private static <T> List<T> inParallel(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return task.call();
                                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
