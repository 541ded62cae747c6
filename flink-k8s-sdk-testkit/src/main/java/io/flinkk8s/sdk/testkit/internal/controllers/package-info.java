/**
 * The in-memory cluster's control plane, one small deterministic controller per behaviour:
 * scheduling, Deployments, ReplicaSets, StatefulSets, pod readiness (the kubelet), endpoints,
 * garbage collection and horizontal pod autoscaling. They run on the cluster's virtual clock. Not
 * API: anything here may change in any release.
 */
package io.flinkk8s.sdk.testkit.internal.controllers;
