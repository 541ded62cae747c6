/**
 * The in-memory cluster's control plane, one small deterministic controller per behaviour:
 * scheduling, Deployments, ReplicaSets, StatefulSets, pod readiness (the kubelet), garbage
 * collection and horizontal pod autoscaling. They run on the cluster's virtual clock.
 */
package io.flinkk8s.sdk.testkit.controllers;
