package io.flinkk8s.sdk.samples;

/** Entry point of the samples jar. Placeholder until the render command lands (issue 2). */
public final class Main {

    private Main() {}

    /** Prints usage. */
    public static void main(String[] args) {
        System.out.println("usage: render --spec FILE [--target standalone|operator] --out DIR");
    }
}
