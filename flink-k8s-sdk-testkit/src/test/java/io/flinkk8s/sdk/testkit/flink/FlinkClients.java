package io.flinkk8s.sdk.testkit.flink;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.rest.RestClient;

/** Flink's own clients pointed at a runtime's REST address, configured as a user would. */
final class FlinkClients {

    private FlinkClients() {}

    static RestClusterClient<StandaloneClusterId> restClusterClient(URI restAddress)
            throws Exception {
        return new RestClusterClient<>(
                configuration(restAddress), StandaloneClusterId.getInstance());
    }

    /** The low-level client, for endpoints {@code RestClusterClient} has no method for. */
    static RestClient restClient(URI restAddress, ExecutorService executor) throws Exception {
        return new RestClient(configuration(restAddress), executor);
    }

    private static Configuration configuration(URI restAddress) {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, restAddress.getHost());
        configuration.set(RestOptions.PORT, restAddress.getPort());
        return configuration;
    }
}
