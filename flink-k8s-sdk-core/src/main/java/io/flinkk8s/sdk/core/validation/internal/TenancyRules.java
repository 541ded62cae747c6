package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.policy.AutoscalingPolicy;
import io.flinkk8s.sdk.core.spec.tenancy.TenancyPolicy;
import java.math.BigDecimal;

/**
 * Rules for {@code tenancy}: the headroom is a factor from 1 to {@value #MAX_HEADROOM} (below 1 the
 * quota would refuse the deployment's own pods), and a quota or limit range needs an upper bound of
 * TaskManagers to be sized (with autoscaling, {@code autoscaling.maxTaskManagers}).
 */
public final class TenancyRules {

    /** The largest headroom: more than this is a quota that no longer bounds anything. */
    public static final int MAX_HEADROOM = 10;

    private TenancyRules() {}

    public static void tenancy(Checks checks, FlinkDeploymentSpec spec) {
        TenancyPolicy t = spec.tenancy();
        if (!t.isEnabled()) {
            return;
        }
        checks.at(
                "tenancy",
                () -> {
                    BigDecimal h = t.headroom();
                    if (h != null
                            && (h.compareTo(BigDecimal.ONE) < 0
                                    || h.compareTo(BigDecimal.valueOf(MAX_HEADROOM)) > 0)) {
                        checks.report(
                                "headroom",
                                "must be from 1 to "
                                        + MAX_HEADROOM
                                        + ": below 1 the quota refuses the deployment's own pods",
                                h);
                    }
                    AutoscalingPolicy a = spec.autoscaling();
                    if (Boolean.TRUE.equals(t.resourceQuota())
                            && a.isEnabled()
                            && a.maxTaskManagers() == null) {
                        checks.report(
                                "resourceQuota",
                                "cannot be sized: autoscaling strategy "
                                        + a.strategy().wireValue()
                                        + " sets no TaskManager maximum; use an HPA strategy with"
                                        + " autoscaling.maxTaskManagers, or a quota of your own",
                                true);
                    }
                });
    }
}
