package io.flinkk8s.sdk.core.render.step.security;

import io.flinkk8s.sdk.core.render.Phase;
import io.flinkk8s.sdk.core.render.RenderContext;
import io.flinkk8s.sdk.core.render.RenderStep;
import io.flinkk8s.sdk.core.render.Rendering;
import io.flinkk8s.sdk.core.render.StepId;
import io.flinkk8s.sdk.core.spec.security.TlsSpec;
import org.apache.flink.configuration.SecurityOptions;

/**
 * Standalone target: Flink's TLS options from {@code security.tls}. The passwords are not among
 * them: {@link ContainerFilesystemStep} merges them from their Secret when the container starts
 * ({@code SecuritySpec.secretOptions()}).
 *
 * <ul>
 *   <li><b>owns</b> (the validator refuses {@code security.ssl.*} in {@code flinkConfiguration} and
 *       {@code security.secretConfiguration} while {@code security.tls} is set), with {@code rest}:
 *       {@code security.ssl.rest.enabled} = {@code true}, {@code security.ssl.rest.keystore} and
 *       {@code security.ssl.rest.truststore} = the stores' paths under {@value TlsSpec#MOUNT_PATH},
 *       {@code security.ssl.rest.authentication-enabled} = {@code true} with {@code
 *       restMutualAuth}; with {@code internal} the same {@code security.ssl.internal.*} options
 *       (internal TLS is always mutually authenticated); with {@code storeType} the channels'
 *       {@code keystore-type} and {@code truststore-type};
 *   <li><b>emits</b>: config entries only.
 * </ul>
 */
public final class TlsConfigStep implements RenderStep {

    /** {@code tls-config}. */
    public static final StepId ID = StepId.of("tls-config");

    @Override
    public StepId id() {
        return ID;
    }

    @Override
    public Phase phase() {
        return Phase.CONFIGURE;
    }

    /** Only with {@code security.tls}. */
    @Override
    public boolean appliesTo(RenderContext ctx) {
        return ctx.spec().security().tls() != null;
    }

    @Override
    public Rendering apply(RenderContext ctx, Rendering in) {
        TlsSpec tls = ctx.spec().security().tls();
        Rendering out = in;
        if (tls.restEnabled()) {
            out =
                    out.withConfig(SecurityOptions.SSL_REST_ENABLED, true)
                            .withConfig(SecurityOptions.SSL_REST_KEYSTORE, tls.keystorePath())
                            .withConfig(SecurityOptions.SSL_REST_TRUSTSTORE, tls.truststorePath());
            if (tls.restMutualAuthEnabled()) {
                out = out.withConfig(SecurityOptions.SSL_REST_AUTHENTICATION_ENABLED, true);
            }
            if (tls.storeType() != null) {
                out =
                        out.withConfig(SecurityOptions.SSL_REST_KEYSTORE_TYPE, tls.storeType())
                                .withConfig(
                                        SecurityOptions.SSL_REST_TRUSTSTORE_TYPE, tls.storeType());
            }
        }
        if (tls.internalEnabled()) {
            out =
                    out.withConfig(SecurityOptions.SSL_INTERNAL_ENABLED, true)
                            .withConfig(SecurityOptions.SSL_INTERNAL_KEYSTORE, tls.keystorePath())
                            .withConfig(
                                    SecurityOptions.SSL_INTERNAL_TRUSTSTORE, tls.truststorePath());
            if (tls.storeType() != null) {
                out =
                        out.withConfig(SecurityOptions.SSL_INTERNAL_KEYSTORE_TYPE, tls.storeType())
                                .withConfig(
                                        SecurityOptions.SSL_INTERNAL_TRUSTSTORE_TYPE,
                                        tls.storeType());
            }
        }
        return out;
    }
}
