package io.flinkk8s.sdk.core.render.step.storage;

import io.flinkk8s.sdk.core.internal.ObjectStores;
import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.storage.LocalStateSpec;
import io.flinkk8s.sdk.core.spec.storage.ObjectStoreSpec;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * The Flink options of {@code storage}, for both targets.
 *
 * <ul>
 *   <li><b>derives</b> (a user value wins, with an advisory), with {@code localState}: {@code
 *       process.working-dir} = its mount path, and {@code execution.state-recovery.from-local}
 *       ({@code state.backend.local-recovery} for Flink 1.x) = {@code true} with {@code
 *       localRecovery};
 *   <li><b>derives</b>, with {@code objectStore.credentialsSecret}: for each Azure host of an
 *       {@code abfs://}/{@code abfss://} directory {@code fs.azure.account.keyprovider.<host>} =
 *       {@value #AZURE_ENV_KEY_PROVIDER} (reads {@code AZURE_STORAGE_KEY}); with an {@code oss://}
 *       directory {@code fs.oss.credentials.provider} = {@value #OSS_ENV_CREDENTIALS_PROVIDER}
 *       (reads {@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET}). The S3 and GCS plugins
 *       find their credentials in the environment without an option;
 *   <li><b>overwrites / merges / emits</b>: nothing else.
 * </ul>
 */
public final class StorageConfigStep implements RenderStep {

    /** {@code storage-config}. */
    public static final StepId ID = StepId.of("storage-config");

    /** Flink's Azure key provider that reads the account key from {@code AZURE_STORAGE_KEY}. */
    public static final String AZURE_ENV_KEY_PROVIDER =
            "org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider";

    /** The OSS SDK's provider that reads {@code OSS_ACCESS_KEY_ID} and its secret. */
    public static final String OSS_ENV_CREDENTIALS_PROVIDER =
            "com.aliyun.oss.common.auth.EnvironmentVariableCredentialsProvider";

    private static final ConfigOption<String> OSS_CREDENTIALS_PROVIDER =
            ConfigOptions.key("fs.oss.credentials.provider").stringType().noDefaultValue();

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only with a local state volume, or an object store's credentials Secret. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        ObjectStoreSpec o = ctx.spec().storage().objectStore();
        return ctx.spec().storage().localState() != null
                || (o != null && o.credentialsSecret() != null);
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        FlinkDeploymentSpec spec = ctx.spec();
        Rendering out = in;
        LocalStateSpec local = spec.storage().localState();
        if (local != null) {
            out = out.withConfig(ClusterOptions.PROCESS_WORKING_DIR_BASE, local.mountPath());
            if (Boolean.TRUE.equals(local.localRecovery())) {
                out = out.withConfig(StateRecoveryOptions.LOCAL_RECOVERY, true);
            }
        }
        ObjectStoreSpec o = spec.storage().objectStore();
        if (o != null && o.credentialsSecret() != null) {
            for (String host : azureHosts(spec)) {
                out =
                        out.withConfig(
                                ConfigOptions.key("fs.azure.account.keyprovider." + host)
                                        .stringType()
                                        .noDefaultValue(),
                                AZURE_ENV_KEY_PROVIDER);
            }
            if (ObjectStores.schemes(StorageStep.stateDirs(spec)).contains("oss")) {
                out = out.withConfig(OSS_CREDENTIALS_PROVIDER, OSS_ENV_CREDENTIALS_PROVIDER);
            }
        }
        return out;
    }

    private static Set<String> azureHosts(FlinkDeploymentSpec spec) {
        Set<String> hosts = new TreeSet<>();
        for (String dir : StorageStep.stateDirs(spec)) {
            String scheme = ObjectStores.scheme(dir);
            if ("abfs".equals(scheme) || "abfss".equals(scheme)) {
                String host = ObjectStores.azureHost(dir);
                if (host != null) {
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }
}
