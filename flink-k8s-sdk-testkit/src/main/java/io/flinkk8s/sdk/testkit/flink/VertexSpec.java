package io.flinkk8s.sdk.testkit.flink;

import java.util.List;
import org.apache.flink.runtime.instance.SlotSharingGroupId;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;

/**
 * One vertex of a simulated job, as the job details endpoint reports it. Taken from a submitted
 * {@link JobGraph}; every other kind of job gets one vertex named after the job.
 */
record VertexSpec(
        JobVertexID id,
        String name,
        int parallelism,
        int maxParallelism,
        SlotSharingGroupId slotSharingGroup) {

    /** The vertices of a job graph, in the graph's order. */
    static List<VertexSpec> of(JobGraph jobGraph) {
        return jobGraph.getVerticesSortedTopologicallyFromSources().stream()
                .map(VertexSpec::of)
                .toList();
    }

    /** The single stand-in vertex of a job whose graph the simulation never sees. */
    static List<VertexSpec> single(String name, int parallelism) {
        int effective = Math.max(1, parallelism);
        return List.of(
                new VertexSpec(
                        new JobVertexID(), name, effective, effective, new SlotSharingGroupId()));
    }

    private static VertexSpec of(JobVertex vertex) {
        int parallelism = Math.max(1, vertex.getParallelism());
        int maxParallelism =
                vertex.getMaxParallelism() > 0 ? vertex.getMaxParallelism() : parallelism;
        return new VertexSpec(
                vertex.getID(),
                vertex.getName(),
                parallelism,
                maxParallelism,
                vertex.getSlotSharingGroup().getSlotSharingGroupId());
    }
}
