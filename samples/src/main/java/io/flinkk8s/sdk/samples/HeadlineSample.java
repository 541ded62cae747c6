package io.flinkk8s.sdk.samples;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flinkk8s.sdk.core.error.InvalidSpecException;
import io.flinkk8s.sdk.core.render.Advisory;
import io.flinkk8s.sdk.core.render.RenderedResources;
import io.flinkk8s.sdk.core.render.Renderer;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.fluent.FlinkK8s;
import java.io.PrintStream;

/**
 * The headline sample, run by {@code java -jar flink-k8s-sdk-samples.jar}: builds the {@code
 * orders} spec with the fluent DSL, renders it for standalone Kubernetes and prints what would be
 * applied, deploys it to the testkit's in-memory cluster and upgrades it through a savepoint
 * ({@link InMemoryDeployment}), does the same with {@code target: operator} through the testkit's
 * operator stand-in ({@link OperatorDeployment}), then shows what a mistake looks like.
 */
final class HeadlineSample {

    private HeadlineSample() {}

    static int run(PrintStream out) {
        FlinkDeploymentSpec spec = OrdersSample.spec();
        out.println(
                "Spec "
                        + spec.namespace()
                        + "/"
                        + spec.name()
                        + ": Flink "
                        + spec.flinkVersion().majorMinor()
                        + ", "
                        + spec.mode().wireValue()
                        + " mode, "
                        + spec.taskManager().replicas()
                        + " TaskManagers x "
                        + spec.taskManager().taskSlots()
                        + " slots, parallelism "
                        + spec.job().parallelism()
                        + ", upgrade mode "
                        + spec.job().upgradeMode().wireValue());

        RenderedResources rendered = Renderer.standalone().render(spec);
        out.println("Rendered " + rendered.size() + " objects, in apply order:");
        for (HasMetadata object : rendered.all()) {
            out.println("  " + object.getKind() + " " + object.getMetadata().getName());
        }
        for (Advisory advisory : rendered.advisories()) {
            out.println("  advisory: " + advisory);
        }

        InMemoryDeployment.run(spec, out);
        OperatorDeployment.run(spec, out);

        out.println("A spec with mistakes is rejected before anything is rendered or applied:");
        try {
            FlinkK8s.from(spec)
                    .taskManagers(tm -> tm.replicas(0))
                    .job(job -> job.parallelism(16))
                    .config("jobmanager.rpc.address", "somewhere-else")
                    .build();
            throw new IllegalStateException("the invalid spec was accepted");
        } catch (InvalidSpecException e) {
            e.getMessage().lines().forEach(line -> out.println("  " + line));
        }
        return 0;
    }
}
