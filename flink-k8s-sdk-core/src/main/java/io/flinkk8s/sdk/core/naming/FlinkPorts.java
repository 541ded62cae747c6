package io.flinkk8s.sdk.core.naming;

/**
 * The container conventions every rendered pod and Service relies on: ports, port names, the main
 * container's name, the config mount path and the environment the SDK sets. Decided once here;
 * changing one is a breaking change for running deployments.
 */
public final class FlinkPorts {

    /** JobManager RPC ({@code jobmanager.rpc.port}). */
    public static final int JOB_MANAGER_RPC = 6123;

    /** Blob server ({@code blob.server.port}). */
    public static final int BLOB_SERVER = 6124;

    /** REST API and web UI ({@code rest.port}). */
    public static final int REST = 8081;

    /** TaskManager RPC ({@code taskmanager.rpc.port}). */
    public static final int TASK_MANAGER_RPC = 6122;

    /**
     * TaskManager data exchange ({@code taskmanager.data.port}), fixed when a NetworkPolicy must
     * name it (Flink picks a random port otherwise).
     */
    public static final int TASK_MANAGER_DATA = 6121;

    /** Port name of {@link #TASK_MANAGER_DATA}. */
    public static final String DATA_NAME = "data";

    /** Port name of {@link #JOB_MANAGER_RPC} and {@link #TASK_MANAGER_RPC}. */
    public static final String RPC_NAME = "rpc";

    /** Port name of {@link #BLOB_SERVER}. */
    public static final String BLOB_NAME = "blob-server";

    /** Port name of {@link #REST}; the operator's startup probe targets this name. */
    public static final String REST_NAME = "rest";

    /** The main container's name, as Flink's native mode and the operator name it. */
    public static final String MAIN_CONTAINER = "flink-main-container";

    /** Where the config ConfigMap is mounted: the official image's conf dir. */
    public static final String CONF_DIR = "/opt/flink/conf";

    /** The env var carrying the pod IP, which JobManagers advertise with HA. Reserved. */
    public static final String POD_IP_ENV = "POD_IP";

    private FlinkPorts() {}
}
