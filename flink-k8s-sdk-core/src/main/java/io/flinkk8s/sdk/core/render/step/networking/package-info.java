/**
 * The render steps of {@code networking}, for both targets: the REST Service's exposure, the
 * NetworkPolicy of the deployment's pods and the fixed data port it needs. Steps for target {@code
 * operator} only are prefixed {@code Operator}.
 */
package io.flinkk8s.sdk.core.render.step.networking;
