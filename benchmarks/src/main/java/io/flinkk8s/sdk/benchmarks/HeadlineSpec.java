package io.flinkk8s.sdk.benchmarks;

/** The names and values shared by both sides of the render comparison. */
final class HeadlineSpec {

    static final String NAME = "orders";
    static final String NAMESPACE = "streaming";
    static final String IMAGE = "registry.example.com/orders:1.4.2";

    private HeadlineSpec() {}
}
