package io.flinkk8s.sdk.it;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A small unbounded job for the real MiniCluster: a rate-limited generator into a discard. */
public final class GeneratorJob {

    private GeneratorJob() {}

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
        env.execute(args.length > 0 ? args[0] : "generator");
    }
}
