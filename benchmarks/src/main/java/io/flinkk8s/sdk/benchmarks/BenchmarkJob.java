package io.flinkk8s.sdk.benchmarks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job {@link JobControlBenchmark} runs on its MiniCluster: a generator of 50 records a second
 * into a discard, small enough to leave the machine to the measured calls, with operator ids so
 * savepoints are real.
 */
public final class BenchmarkJob {

    private BenchmarkJob() {}

    /** Runs the job; {@code args[0]}, when given, is its name. */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(
                        new DataGeneratorSource<>(
                                index -> index,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(50),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "generator")
                .uid("generator")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        env.execute(args.length > 0 ? args[0] : "benchmark-job");
    }
}
