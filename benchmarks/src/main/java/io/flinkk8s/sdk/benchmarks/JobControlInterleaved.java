package io.flinkk8s.sdk.benchmarks;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@link JobControlBenchmark}'s raw and SDK calls interleaved in one JVM, call by call, so that
 * both see the same machine load and JIT state (on a shared 2-core machine the load moves between
 * JMH's forks far more than the SDK's overhead). Prints the median and mean of each and their
 * ratio, for two rounds (the first warms up). Run from the repository root after packaging:
 *
 * <pre>
 * java $OPENS -cp benchmarks/target/benchmarks.jar io.flinkk8s.sdk.benchmarks.JobControlInterleaved 4000 200 25
 * </pre>
 *
 * The arguments are the number of job-status pairs, savepoint pairs and stop-with-savepoint pairs
 * per round; each stop-with-savepoint pair stops two jobs started for it, the raw one first in even
 * pairs and the SDK's first in odd ones.
 */
public final class JobControlInterleaved {

    private JobControlInterleaved() {}

    /** Runs the rounds; see the class documentation for the arguments. */
    public static void main(String[] args) throws Exception {
        JobControlBenchmark.Flink f = new JobControlBenchmark.Flink();
        f.start();
        JobControlBenchmark b = new JobControlBenchmark();
        try {
            for (int round = 1; round <= 2; round++) {
                pairs(
                        "job status, round " + round,
                        Integer.parseInt(args[0]),
                        i -> time(() -> call(() -> b.rawJobStatus(f))),
                        i -> time(() -> b.sdkJobStatus(f)));
                pairs(
                        "savepoint, round " + round,
                        Integer.parseInt(args[1]),
                        i -> time(() -> call(() -> b.rawSavepoint(f))),
                        i -> time(() -> b.sdkSavepoint(f)));
                stopPairs(f, b, round, Integer.parseInt(args[2]));
            }
        } finally {
            f.stop();
        }
        System.exit(0);
    }

    private static void stopPairs(
            JobControlBenchmark.Flink f, JobControlBenchmark b, int round, int count)
            throws Exception {
        long[] raw = new long[count];
        long[] sdk = new long[count];
        for (int i = 0; i < count; i++) {
            JobControlBenchmark.FreshJob forRaw = new JobControlBenchmark.FreshJob();
            forRaw.job = JobControlBenchmark.startJob(f);
            JobControlBenchmark.FreshJob forSdk = new JobControlBenchmark.FreshJob();
            forSdk.job = JobControlBenchmark.startJob(f);
            if (i % 2 == 0) {
                raw[i] = time(() -> call(() -> b.rawStopWithSavepoint(f, forRaw)));
                sdk[i] = time(() -> b.sdkStopWithSavepoint(f, forSdk));
            } else {
                sdk[i] = time(() -> b.sdkStopWithSavepoint(f, forSdk));
                raw[i] = time(() -> call(() -> b.rawStopWithSavepoint(f, forRaw)));
            }
        }
        report("stop-with-savepoint, round " + round, raw, sdk);
    }

    private interface Timed {
        long run(int i);
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void pairs(String what, int count, Timed raw, Timed sdk) {
        long[] r = new long[count];
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            r[i] = raw.run(i);
            s[i] = sdk.run(i);
        }
        report(what, r, s);
    }

    private static Object call(Call call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long time(Supplier<Object> call) {
        long start = System.nanoTime();
        call.get();
        return System.nanoTime() - start;
    }

    private static void report(String what, long[] raw, long[] sdk) {
        Arrays.sort(raw);
        Arrays.sort(sdk);
        double rawMedian = raw[raw.length / 2] / 1e6;
        double sdkMedian = sdk[sdk.length / 2] / 1e6;
        double rawMean = Arrays.stream(raw).average().orElse(0) / 1e6;
        double sdkMean = Arrays.stream(sdk).average().orElse(0) / 1e6;
        System.out.printf(
                "%s (%d pairs): raw median %.3f ms, sdk median %.3f ms, ratio %.3f;"
                        + " means %.3f and %.3f ms, ratio %.3f%n",
                what,
                raw.length,
                rawMedian,
                sdkMedian,
                sdkMedian / rawMedian,
                rawMean,
                sdkMean,
                sdkMean / rawMean);
    }
}
