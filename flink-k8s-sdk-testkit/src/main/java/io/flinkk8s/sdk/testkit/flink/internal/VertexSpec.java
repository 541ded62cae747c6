package io.flinkk8s.sdk.testkit.flink.internal;

import org.apache.flink.runtime.instance.SlotSharingGroupId;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;

/** One vertex of a simulated job, as the job details endpoint reports it. */
public record VertexSpec(
        JobVertexID id,
        String name,
        int parallelism,
        int maxParallelism,
        SlotSharingGroupId slotSharingGroup) {

    static VertexSpec of(JobVertex vertex) {
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
