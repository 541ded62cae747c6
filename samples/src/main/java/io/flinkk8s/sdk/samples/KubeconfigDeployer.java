package io.flinkk8s.sdk.samples;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flinkk8s.sdk.core.deploy.DeployOptions;
import io.flinkk8s.sdk.core.deploy.FlinkDeployer;
import io.flinkk8s.sdk.core.flink.PortForwardEndpointResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deployer on the cluster a kubeconfig names (its current context, or {@code context}), reaching
 * Flink's REST API through port-forwards: what the {@code plan} and {@code fleet} commands use with
 * {@code --kubeconfig}. Closing it closes the deployer, the port-forwards and the client.
 */
record KubeconfigDeployer(
        Config config,
        KubernetesClient client,
        PortForwardEndpointResolver rest,
        FlinkDeployer deployer)
        implements AutoCloseable {

    /** Connects to the cluster of {@code context} in {@code kubeconfig} (null: its current one). */
    static KubeconfigDeployer open(Path kubeconfig, String context) throws IOException {
        Config config =
                Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            PortForwardEndpointResolver rest = PortForwardEndpointResolver.create(client);
            FlinkDeployer deployer =
                    FlinkDeployer.create(
                            client, DeployOptions.builder().restEndpointResolver(rest).build());
            return new KubeconfigDeployer(config, client, rest, deployer);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try (KubernetesClient c = client;
                PortForwardEndpointResolver r = rest;
                FlinkDeployer d = deployer) {
            // closed in reverse: the deployer, the port-forwards, the client
        }
    }
}
