/**
 * A Flink job's container image from its jar, built with Jib Core (no Docker daemon): the job jar
 * and extra jars in {@code /opt/flink/usrlib}, Flink plugins in {@code /opt/flink/plugins/<name>},
 * on an official Flink base image, with reproducible layers, to a registry or to a local tar; and
 * the equivalent Dockerfile for teams with their own image build.
 *
 * <pre>{@code
 * JobImage image = JobImage.builder()
 *         .from("flink:2.1-java17")
 *         .jobJar(Path.of("target/orders.jar"))
 *         .plugin("s3-fs-presto", Path.of("lib/flink-s3-fs-presto-2.1.0.jar"))
 *         .label("org.opencontainers.image.source", "https://git.example.com/orders")
 *         .build();
 * BuiltImage built = image.toTar(Path.of("target/orders-image.tar"), "registry.example.com/orders:1.4.2");
 * FlinkDeploymentSpec spec = built.applyTo(orders); // spec.image and job.jarURI
 * }</pre>
 */
package io.flinkk8s.sdk.delivery.image;
