package io.flinkk8s.sdk.core.validation.internal;

import io.flinkk8s.sdk.core.spec.networking.IngressSpec;

/**
 * Rules for {@code ingress}: a template to build the host and path from, and metadata and TLS the
 * API server accepts.
 */
public final class IngressRules {

    private IngressRules() {}

    public static void ingress(Checks checks, IngressSpec ingress) {
        if (ingress == null) {
            return;
        }
        checks.at(
                "ingress",
                () -> {
                    String template = ingress.template();
                    if (checks.required(
                                    "template",
                                    template,
                                    "must be set: a host, a path or both, e.g."
                                            + " {{name}}.{{namespace}}.flink.example.com")
                            && (template.isBlank()
                                    || template.chars().anyMatch(Character::isWhitespace))) {
                        checks.report(
                                "template",
                                "must be a non-blank host and/or path without whitespace",
                                template);
                    }
                    String className = ingress.className();
                    if (className != null && !KubernetesNames.isDnsSubdomain(className)) {
                        checks.report("className", KubernetesNames.DNS_SUBDOMAIN_RULE, className);
                    }
                    MetadataRules.labels(checks, ingress.labels());
                    MetadataRules.annotations(checks, ingress.annotations());
                    checks.eachItem(
                            "tls",
                            ingress.tls(),
                            (tls, i) -> {
                                String secret = tls.secretName();
                                if (secret != null && !KubernetesNames.isDnsSubdomain(secret)) {
                                    checks.report(
                                            "secretName",
                                            KubernetesNames.DNS_SUBDOMAIN_RULE,
                                            secret);
                                }
                            });
                });
    }
}
