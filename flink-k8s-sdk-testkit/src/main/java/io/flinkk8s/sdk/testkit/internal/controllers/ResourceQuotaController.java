package io.flinkk8s.sdk.testkit.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.flinkk8s.sdk.testkit.internal.admission.Quantities;
import io.flinkk8s.sdk.testkit.internal.admission.Quantities.Amount;
import io.flinkk8s.sdk.testkit.internal.admission.ResourceQuotas;
import java.util.Map;
import java.util.Set;

/**
 * The resource quota controller: writes each ResourceQuota's {@code status.hard} (its {@code
 * spec.hard}) and {@code status.used} (what the namespace's objects use of each, 0 for none), as
 * {@code kubectl describe quota} shows them, whenever a quota or what it counts changes. Quotas
 * with scopes get their {@code hard} only: their usage is not computed (nor enforced).
 */
public final class ResourceQuotaController implements Controller {

    @Override
    public Set<String> watches() {
        return Set.of(
                "resourcequotas",
                "pods",
                "persistentvolumeclaims",
                "services",
                "configmaps",
                "secrets",
                "replicationcontrollers");
    }

    @Override
    public void reconcile(ControllerContext context) {
        if (!context.api().holdsAny("resourcequotas")) {
            return;
        }
        for (JsonNode quota : context.api().listJson(ResourceQuota.class, null)) {
            if (Trees.isDeleting(quota)) {
                continue;
            }
            Map<String, Amount> hard = Quantities.list(quota.path("spec").get("hard"));
            ObjectNode status = Trees.object();
            ObjectNode hardNode = status.putObject("hard");
            hard.forEach((k, v) -> hardNode.put(k, v.toString()));
            JsonNode spec = quota.path("spec");
            if (spec.path("scopes").isEmpty() && !spec.hasNonNull("scopeSelector")) {
                ObjectNode usedNode = status.putObject("used");
                ResourceQuotas.used(context.api(), Trees.namespace(quota), hard.keySet())
                        .forEach((k, v) -> usedNode.put(k, v.toString()));
            }
            if (!status.equals(quota.path("status"))) {
                ObjectNode written = quota.deepCopy();
                written.set("status", status);
                context.api().updateStatusJson(ResourceQuota.class, written);
            }
        }
    }
}
