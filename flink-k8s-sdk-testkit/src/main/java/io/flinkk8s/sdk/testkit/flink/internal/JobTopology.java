package io.flinkk8s.sdk.testkit.flink.internal;

import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobGraphBuilder;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.jsonplan.JsonPlanGenerator;
import org.apache.flink.runtime.rest.messages.JobPlanInfo;
import org.apache.flink.streaming.api.graph.ExecutionPlan;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.concurrent.Executors;

/**
 * The vertices and the plan a simulated job reports in its details, taken from the job graph (the
 * plan by Flink's own {@link JsonPlanGenerator}). A job whose graph the simulation never sees (a
 * jar run, an application job) gets a stand-in graph of one vertex named after the job.
 */
public final class JobTopology {

    private final List<VertexSpec> vertices;
    private final PlanOnce plan;

    private JobTopology(List<VertexSpec> vertices, PlanOnce plan) {
        this.vertices = List.copyOf(vertices);
        this.plan = plan;
    }

    /** The vertices, sorted topologically from the sources. */
    public List<VertexSpec> vertices() {
        return vertices;
    }

    /**
     * Flink's plan of the job graph, generated on the first read (most jobs' details are never
     * read: the generator loads its own JSON and text utilities) and the same on every read after.
     */
    public JobPlanInfo.Plan plan() {
        return plan.get();
    }

    /** Generates a graph's plan on the first call, with Flink's generator; thread-safe. */
    private static final class PlanOnce {
        private final JobGraph graph;
        private JobPlanInfo.Plan plan;

        PlanOnce(JobGraph graph) {
            this.graph = graph;
        }

        synchronized JobPlanInfo.Plan get() {
            if (plan == null) {
                plan = JsonPlanGenerator.generatePlan(graph);
            }
            return plan;
        }
    }

    /**
     * The topology of a submitted plan. A {@link StreamGraph} (what Flink 2.x clients submit) is
     * compiled into its job graph as a JobManager would, after restoring its serialized user
     * objects; if that is impossible (user classes missing) the job gets the stand-in vertex.
     */
    public static JobTopology of(ExecutionPlan plan, ClassLoader userClassLoader) {
        if (plan instanceof JobGraph jobGraph) {
            return of(jobGraph);
        }
        if (plan instanceof StreamGraph streamGraph) {
            try {
                streamGraph.deserializeUserDefinedInstances(
                        userClassLoader, Executors.directExecutor());
                return of(streamGraph.getJobGraph(userClassLoader, streamGraph.getJobID()));
            } catch (Exception e) {
                return standIn(plan.getJobID(), plan.getName(), 1);
            }
        }
        return standIn(plan.getJobID(), plan.getName(), 1);
    }

    /** The vertices of a submitted job graph, as the JobManager shows them. */
    public static JobTopology of(JobGraph jobGraph) {
        List<VertexSpec> vertices =
                jobGraph.getVerticesSortedTopologicallyFromSources().stream()
                        .map(VertexSpec::of)
                        .toList();
        return new JobTopology(vertices, new PlanOnce(jobGraph));
    }

    /** The same vertices and plan with every vertex at {@code parallelism}. */
    JobTopology withParallelism(int parallelism, int maxParallelism) {
        List<VertexSpec> rescaled =
                vertices.stream()
                        .map(
                                v ->
                                        new VertexSpec(
                                                v.id(),
                                                v.name(),
                                                parallelism,
                                                Math.max(maxParallelism, parallelism),
                                                v.slotSharingGroup()))
                        .toList();
        return new JobTopology(rescaled, plan);
    }

    /** One stand-in vertex named {@code name}, for a job whose code never runs. */
    public static JobTopology standIn(JobID id, String name, int parallelism) {
        JobVertex vertex = new JobVertex(name);
        vertex.setParallelism(Math.max(1, parallelism));
        return of(
                JobGraphBuilder.newStreamingJobGraphBuilder()
                        .setJobId(id)
                        .setJobName(name)
                        .addJobVertex(vertex)
                        .build());
    }
}
