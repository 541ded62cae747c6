package io.flinkk8s.sdk.core.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The job of a {@link FlinkDeployment} (application cluster) or {@link FlinkSessionJob}, as the
 * operator's {@code JobSpec}.
 *
 * @param jarURI the job jar, e.g. {@code local:///opt/flink/usrlib/orders.jar}
 * @param entryClass the main class; from the jar's manifest when null
 * @param args arguments of the main class; left out when empty
 * @param parallelism the job's parallelism
 * @param upgradeMode {@code stateless} (the operator's default), {@code savepoint} or {@code
 *     last-state}
 * @param state {@code running} (the operator's default) or {@code suspended}
 * @param initialSavepointPath the savepoint the first deployment starts from
 * @param allowNonRestoredState whether state that maps to no operator may be skipped on restore
 * @param savepointTriggerNonce a change triggers a savepoint (deprecated by the operator)
 * @param checkpointTriggerNonce a change triggers a checkpoint (deprecated by the operator)
 * @param savepointRedeployNonce a change redeploys from {@code initialSavepointPath}
 * @param autoscalerResetNonce a change resets the autoscaler's history and overrides
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "jarURI",
    "entryClass",
    "args",
    "parallelism",
    "upgradeMode",
    "state",
    "initialSavepointPath",
    "allowNonRestoredState",
    "savepointTriggerNonce",
    "checkpointTriggerNonce",
    "savepointRedeployNonce",
    "autoscalerResetNonce"
})
public record JobSpec(
        String jarURI,
        String entryClass,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> args,
        Integer parallelism,
        String upgradeMode,
        String state,
        String initialSavepointPath,
        Boolean allowNonRestoredState,
        Long savepointTriggerNonce,
        Long checkpointTriggerNonce,
        Long savepointRedeployNonce,
        Long autoscalerResetNonce) {

    /** Copies {@code args}; null stays null. */
    public JobSpec {
        args = args == null ? null : List.copyOf(args);
    }
}
