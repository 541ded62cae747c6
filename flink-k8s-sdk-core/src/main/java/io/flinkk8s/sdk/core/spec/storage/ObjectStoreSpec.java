package io.flinkk8s.sdk.core.spec.storage;

/**
 * Checkpoints, savepoints and HA metadata on an object store. The plugins follow the schemes of
 * {@code checkpointing.checkpointDir}, {@code checkpointing.savepointDir} and {@code
 * highAvailability.storageDir}: {@code s3://} ({@code s3Plugin}), {@code s3p://} (Presto), {@code
 * s3a://} (Hadoop), {@code gs://} ({@code flink-gs-fs-hadoop}), {@code abfs://}/{@code abfss://}
 * ({@code flink-azure-fs-hadoop}) and {@code oss://} ({@code flink-oss-fs-hadoop}). They are
 * enabled through the official image's {@code ENABLE_BUILT_IN_PLUGINS}, which links {@code
 * /opt/flink/opt/<artifact>-<pluginVersion>.jar} into the plugins directory at start.
 *
 * <p>Credentials are taken from a Secret only, never written into the spec or the configuration:
 * its keys become environment variables of the JobManager and TaskManager containers (the S3
 * plugins read {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} through the AWS default
 * credential chain; for {@code abfss://} the SDK configures Flink's {@code
 * EnvironmentVariableKeyProvider}, which reads {@code AZURE_STORAGE_KEY}; for {@code oss://} the
 * OSS SDK's {@code EnvironmentVariableCredentialsProvider}, which reads {@code OSS_ACCESS_KEY_ID}
 * and {@code OSS_ACCESS_KEY_SECRET}). For {@code gs://} name the key holding the service account's
 * JSON in {@code credentialsFile}: the Secret is mounted and {@code GOOGLE_APPLICATION_CREDENTIALS}
 * points at that file. Without a Secret the pods use what the node or workload identity gives them
 * (IRSA, GKE Workload Identity).
 *
 * @param credentialsSecret may be null: the name of the Secret with the credentials
 * @param credentialsFile may be null: the Secret's key holding a credentials file ({@code gs://})
 * @param pluginVersion may be null: Flink's full version the plugin jars carry, e.g. {@code 2.1.0};
 *     filled by {@code SpecDefaults} from an image tag that names it ({@code flink:2.1.0-java17})
 * @param s3Plugin may be null: which plugin serves {@code s3://}; filled by {@code SpecDefaults}
 *     ({@link S3Plugin#PRESTO})
 */
public record ObjectStoreSpec(
        String credentialsSecret, String credentialsFile, String pluginVersion, S3Plugin s3Plugin) {

    /** Credentials from {@code secretName}, everything else derived. */
    public static ObjectStoreSpec withSecret(String secretName) {
        return new ObjectStoreSpec(secretName, null, null, null);
    }
}
