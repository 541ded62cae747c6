package io.flinkk8s.sdk.testkit;

/** How long a cluster from {@link FlinkK8sClusterExtension} lives. */
public enum ClusterScope {
    /** A fresh cluster for every test method (the default). */
    PER_TEST,
    /** One cluster shared by every test method of the class, started before the first. */
    PER_CLASS
}
