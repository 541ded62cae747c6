package io.flinkk8s.sdk.testkit.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A small unbounded streaming job for the real MiniCluster: a rate-limited generator into a
 * discarding sink, with uids so a savepoint maps back onto it. Also an entry class with a {@code
 * main}, as an application cluster runs it.
 */
public final class GeneratorJob {

    private GeneratorJob() {}

    /** Runs the job; {@code args[0]}, when given, is the job name. */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        env.execute(args.length > 0 ? args[0] : "generator");
    }

    /** The same job as a job graph, for submitting it through a client. */
    static JobGraph jobGraph(String name) {
        return streamGraph(name).getJobGraph();
    }

    /** The same job as the stream graph Flink 2.x clients submit, ready to be serialized. */
    static StreamGraph streamGraph(String name) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env);
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(name);
        return streamGraph;
    }

    private static void define(StreamExecutionEnvironment env) {
        env.setParallelism(1);
        env.fromSource(
                        new DataGeneratorSource<>(
                                index -> index,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(100),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "generator")
                .uid("generator")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
    }
}
